namespace Opto.Optimizers;

/// <summary>What a failed model request means: whether a retry can help, what to say about it, and what the server sent.</summary>
/// <param name="Transient">Whether asking again can help (no response, 408, 429, 5xx except 501, network errors, timeouts).</param>
/// <param name="Description">The failure in one line, for logs and step records.</param>
/// <param name="Status">The HTTP status, when there was a response.</param>
/// <param name="Body">The response body, when there was one.</param>
/// <param name="RetryAfter">How long the server asked to wait, when it said.</param>
internal sealed record RequestFailure(bool Transient, string Description, int? Status, string? Body, TimeSpan? RetryAfter)
{
    /// <summary>The response arrived, but its text is not valid UTF-16, so the client could not read it.</summary>
    public bool Unreadable { get; init; }

    public static RequestFailure Classify(Exception e, bool timedOut, TimeSpan timeout)
    {
        switch (e)
        {
            case InvalidOperationException when IsInvalidText(e):
                return new RequestFailure(false, $"the response's text could not be read ({FirstLine(e.Message)})", null, null, null) { Unreadable = true };
            case OperationCanceledException when timedOut:
                return new RequestFailure(true, $"no answer within {timeout.TotalSeconds:0.###} s (RetryOptions.AttemptTimeout).", null, null, null);
            case OperationCanceledException:
                // Not the caller's token and not the attempt's: the client's own timeout (SDK NetworkTimeout, HttpClient.Timeout).
                return new RequestFailure(true, $"the client timed out ({e.Message})", null, null, null);
            case ModelRequestException http:
                // 501 Not Implemented: the server cannot do this at all (the offline demo model has no rule for it); asking again cannot help.
                var transient = http.Status is 0 or 408 or 429 or (>= 500 and not 501);
                return new RequestFailure(transient, http.Status == 0 ? $"no response ({FirstLine(http.Message)})" : $"HTTP {http.Status}: {FirstLine(http.Message)}",
                    http.Status == 0 ? null : http.Status, http.Body, http.RetryAfter);
            case HttpRequestException network:
                return new RequestFailure(true, $"network error: {network.Message}", (int?)network.StatusCode, null, null);
            case TimeoutException timeoutException:
                return new RequestFailure(true, $"timed out: {timeoutException.Message}", null, null, null);
            default:
                return new RequestFailure(false, $"{e.GetType().Name}: {e.Message}", null, null, null);
        }
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
