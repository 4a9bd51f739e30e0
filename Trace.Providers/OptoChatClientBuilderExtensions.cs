using Opto.Optimizers;

namespace Microsoft.Extensions.AI;

/// <summary>Adds Trace's <see cref="IChatClient"/> middleware to a <see cref="ChatClientBuilder"/>.</summary>
public static class OptoChatClientBuilderExtensions
{
    /// <summary>
    /// Retries requests that failed transiently (no response, HTTP 408, 429, 5xx, network errors, timeouts), as the
    /// server asks (<c>Retry-After</c>) or with exponential backoff, each attempt bounded by
    /// <see cref="RetryOptions.AttemptTimeout"/> (see <see cref="RetryingChatClient"/>). An optimizer given such a client
    /// uses its retries instead of its own and records every attempt.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">How to retry; default <see cref="RetryOptions"/>.</param>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, RetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RetryingChatClient(inner, options));
    }
}
