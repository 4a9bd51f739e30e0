using Microsoft.Extensions.AI;

namespace Opto.Training;

/// <summary>Adds <see cref="UsageCountingChatClient"/> to a client pipeline.</summary>
public static class UsageCountingChatClientBuilderExtensions
{
    /// <summary>Counts the tokens of this client's responses for the training rollout that made the call (once, however often it is added).</summary>
    /// <param name="builder">The pipeline, such as <c>chat.AsBuilder()</c>.</param>
    public static ChatClientBuilder UseTrainingUsage(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(UsageCountingChatClient.Wrap);
    }
}
