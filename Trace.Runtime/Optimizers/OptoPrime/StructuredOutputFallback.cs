using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// Sends a step's request, with structured output as <see cref="OptimizerOptions.StructuredOutput"/> asks. In
/// <see cref="StructuredOutputMode.Auto"/>, a server that refuses the schema is asked again in plain text, and in plain
/// text from then on.
/// </summary>
internal sealed class StructuredOutputFallback(IChatClient chat, OptimizerOptions options, AnswerChatOptions chatOptions)
{
    private bool _refused;

    /// <summary>
    /// Sends the messages. The response is <see langword="null"/> when it arrived but could not be read as text; the
    /// attempts include those of a refused structured request and a note saying it was refused.
    /// </summary>
    /// <param name="messages">The prompt.</param>
    /// <param name="temperature">The sampling temperature of this request; <see langword="null"/> leaves the model's default.</param>
    /// <param name="cancellationToken">Cancels the request and its retries.</param>
    public async Task<(ChatResponse? Response, IReadOnlyList<RequestAttempt> Attempts)> SendAsync(List<ChatMessage> messages, float? temperature, CancellationToken cancellationToken)
    {
        var structured = options.StructuredOutput == StructuredOutputMode.Always
                         || (options.StructuredOutput == StructuredOutputMode.Auto && !Volatile.Read(ref _refused));
        try
        {
            return await ChatRequester.SendAsync(chat, messages, chatOptions.Create(structured, temperature), options.Retry, cancellationToken).ConfigureAwait(false);
        }
        catch (OptimizerRequestException refused) when (structured && options.StructuredOutput == StructuredOutputMode.Auto && RefusesSchema(refused))
        {
            // The server does not take a JSON schema (many OpenAI-compatible servers): ask in text from now on.
            Volatile.Write(ref _refused, true);
            var note = new RequestAttempt(0, $"structured output refused ({refused.Attempts[^1].Failure}); asked again without a schema", TimeSpan.Zero);
            try
            {
                var (response, attempts) = await ChatRequester.SendAsync(chat, messages, chatOptions.Create(structured: false, temperature), options.Retry, cancellationToken).ConfigureAwait(false);
                return (response, [.. refused.Attempts, note, .. attempts]);
            }
            catch (OptimizerRequestException failed)
            {
                // The plain-text request failed too: its exception carries every attempt of the step, the refused ones first.
                throw failed.WithEarlierAttempts([.. refused.Attempts, note]);
            }
        }
    }

    /// <summary>Sends messages whose answer is free text (no schema), with the output limit, the temperature and the retries of a step.</summary>
    public async Task<(ChatResponse? Response, IReadOnlyList<RequestAttempt> Attempts)> SendPlainAsync(List<ChatMessage> messages, CancellationToken cancellationToken) =>
        await ChatRequester.SendAsync(chat, messages, chatOptions.Create(structured: false, options.Temperature), options.Retry, cancellationToken).ConfigureAwait(false);

    // Only a complaint about the response format turns structured output off (not, say, a context-length error).
    private static bool RefusesSchema(OptimizerRequestException refused) =>
        refused.Status is 400 or 422
        && $"{refused.RawResponse} {refused.Message}" is var text
        && (text.Contains("response_format", StringComparison.OrdinalIgnoreCase) || text.Contains("json_schema", StringComparison.OrdinalIgnoreCase)
            || text.Contains("structured", StringComparison.OrdinalIgnoreCase));
}
