using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>Sends one chat request with retries for transient failures, recording each attempt.</summary>
internal static class ChatRequester
{
    /// <summary>
    /// Sends the request. The response is <see langword="null"/> when it arrived but its text could not be read (it
    /// escapes half of a UTF-16 surrogate pair, which the client cannot decode): the last attempt says so.
    /// </summary>
    public static async Task<(ChatResponse? Response, List<RequestAttempt> Attempts)> SendAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, RetryOptions retry, CancellationToken cancellationToken)
    {
        var attempts = new List<RequestAttempt>();
        var maxAttempts = Math.Max(1, retry.MaxAttempts);
        for (var number = 1; ; number++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(retry.AttemptTimeout);
            try
            {
                var response = await client.GetResponseAsync(messages, options, attemptTimeout.Token).ConfigureAwait(false);
                attempts.Add(new RequestAttempt(number, null, TimeSpan.Zero));
                return (response, attempts);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var failure = Classify(e, attemptTimeout.IsCancellationRequested, retry.AttemptTimeout);
                if (failure.Unreadable)
                {
                    attempts.Add(new RequestAttempt(number, failure.Description, TimeSpan.Zero));
                    return (null, attempts);
                }

                if (!failure.Transient || number >= maxAttempts)
                {
                    attempts.Add(new RequestAttempt(number, failure.Description, TimeSpan.Zero));
                    var why = failure.Transient ? $"failed {number} times" : "failed with an error that retrying cannot fix";
                    throw new OptimizerRequestException(
                        $"The model request {why}: {failure.Description}" + (failure.Body is { Length: > 0 } body ? $" Response: {ValueText.Truncate(Answers.JsonText.Visible(body), 500)}" : ""),
                        attempts, failure.Status, failure.Body, e);
                }

                var wait = WaitBefore(number, failure.RetryAfter, retry);
                attempts.Add(new RequestAttempt(number, failure.Description, wait));
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal sealed record Failure(bool Transient, string Description, int? Status, string? Body, TimeSpan? RetryAfter)
    {
        /// <summary>The response arrived, but its text is not valid UTF-16, so the client could not read it.</summary>
        public bool Unreadable { get; init; }
    }

    internal static Failure Classify(Exception e, bool timedOut, TimeSpan timeout)
    {
        switch (e)
        {
            case InvalidOperationException when IsInvalidText(e):
                return new(false, $"the response's text could not be read ({FirstLine(e.Message)})", null, null, null) { Unreadable = true };
            case OperationCanceledException when timedOut:
                return new(true, $"no answer within {timeout.TotalSeconds:0.###} s (RetryOptions.AttemptTimeout).", null, null, null);
            case OperationCanceledException:
                // Not the caller's token and not the attempt's: the client's own timeout (SDK NetworkTimeout, HttpClient.Timeout).
                return new(true, $"the client timed out ({e.Message})", null, null, null);
            case ModelRequestException http:
                // 501 Not Implemented: the server cannot do this at all (the offline demo model has no rule for it); asking again cannot help.
                var transient = http.Status is 0 or 408 or 429 or (>= 500 and not 501);
                return new(transient, http.Status == 0 ? $"no response ({FirstLine(http.Message)})" : $"HTTP {http.Status}: {FirstLine(http.Message)}",
                    http.Status == 0 ? null : http.Status, http.Body, http.RetryAfter);
            case HttpRequestException network:
                return new(true, $"network error: {network.Message}", (int?)network.StatusCode, null, null);
            case TimeoutException timeoutException:
                return new(true, $"timed out: {timeoutException.Message}", null, null, null);
            default:
                return new(false, $"{e.GetType().Name}: {e.Message}", null, null, null);
        }
    }

    private static TimeSpan WaitBefore(int failedAttempt, TimeSpan? retryAfter, RetryOptions retry)
    {
        if (retryAfter is { } asked) return asked < retry.MaxDelay ? asked : retry.MaxDelay;
        var backoff = retry.InitialDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(backoff, retry.MaxDelay.TotalMilliseconds));
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? "(no message)" : Answers.JsonText.Visible(line);
    }

    // System.Text.Json refusing to read a string that escapes half a surrogate pair, inside the client that reads the
    // response ("Cannot read invalid UTF-16 JSON text as string", "... incomplete UTF-16 JSON text ..."). Any other
    // failure stays an error.
    private static bool IsInvalidText(Exception e) =>
        e.Source?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true && e.Message.Contains("UTF-16", StringComparison.Ordinal);
}
