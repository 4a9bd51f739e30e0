using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Opto.Training;

/// <summary>
/// Adds the tokens of every response to the rollout that asked for it, so a <see cref="Trainer{TInput, TExpected, TOutput}"/>
/// reports what the agent's own model calls cost. Outside a rollout it passes responses through and counts nothing.
/// </summary>
/// <remarks>
/// Wrap the agent's client with <see cref="UsageCountingChatClientBuilderExtensions.UseTrainingUsage"/>; the built-in guides
/// wrap their own clients. Streaming responses are counted from their usage contents. A call the agent starts and
/// does not await is counted if it is answered before the rollout is judged; one answered later is not.
/// </remarks>
public sealed class UsageCountingChatClient : DelegatingChatClient
{
    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client whose responses are counted.</param>
    public UsageCountingChatClient(IChatClient innerClient)
        : base(innerClient)
    {
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (response.Usage is { } usage) UsageFlow.Add(usage, response.ModelId);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage) UsageFlow.Add(usage.Details, update.ModelId);
            }

            yield return update;
        }
    }

    // A client wrapped once is not wrapped again (its tokens would count twice).
    internal static IChatClient Wrap(IChatClient client) =>
        client.GetService<UsageCountingChatClient>() is null ? new UsageCountingChatClient(client) : client;
}
