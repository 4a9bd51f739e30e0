using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// Sends an optimizer's request through a <see cref="RetryingChatClient"/> (the client's own when it has one, otherwise
/// one with the optimizer's <see cref="RetryOptions"/>) and returns every attempt it made.
/// </summary>
internal static class ChatRequester
{
    /// <summary>
    /// Sends the request. The response is <see langword="null"/> when it arrived but its text could not be read (it
    /// escapes half of a UTF-16 surrogate pair, which the client cannot decode): the last attempt says so.
    /// </summary>
    public static async Task<(ChatResponse? Response, List<RequestAttempt> Attempts)> SendAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, RetryOptions retry, CancellationToken cancellationToken)
    {
        var retrying = client.GetService<RetryingChatClient>() is null ? new RetryingChatClient(client, retry) : client;
        using var recording = RetryingChatClient.RecordAttempts();
        try
        {
            var response = await retrying.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return (response, [.. recording.Attempts]);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            List<RequestAttempt> attempts = [.. recording.Attempts];
            var failure = RequestFailure.Classify(e, timedOut: false, retry.AttemptTimeout);
            if (attempts.Count == 0) attempts.Add(new RequestAttempt(1, failure.Description, TimeSpan.Zero));
            if (failure.Unreadable) return (null, attempts);
            // The retrying client already asked as often as its options allow.
            var why = failure.Transient ? $"failed {attempts.Count} times" : "failed with an error that retrying cannot fix";
            var description = attempts[^1].Failure ?? failure.Description;
            throw new OptimizerRequestException(
                $"The model request {why}: {description}" + (failure.Body is { Length: > 0 } body ? $" Response: {ValueText.Truncate(Answers.JsonText.Visible(body), 500)}" : ""),
                attempts, failure.Status, failure.Body, e);
        }
    }
}
