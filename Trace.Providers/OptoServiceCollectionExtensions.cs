using Microsoft.Extensions.AI;
using Opto.Providers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Trace's chat client in a service collection.</summary>
public static class OptoServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatClient"/> built by <see cref="ChatClientFactory"/> from the environment variables
    /// (or from <paramref name="settings"/>), and returns the builder to add middleware such as
    /// <c>UseLogging()</c> or <c>UseOpenTelemetry()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="settings">Explicit settings; when <see langword="null"/>, the environment is read when the client is first resolved.</param>
    /// <param name="lifetime">The client's lifetime; singleton by default.</param>
    /// <exception cref="InvalidOperationException">On resolution, when no provider is configured.</exception>
    public static ChatClientBuilder AddOptoChatClient(this IServiceCollection services, ChatClientSettings? settings = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddChatClient(_ => ChatClientFactory.Create(settings ?? ChatClientSettings.FromEnvironment() ?? throw new InvalidOperationException(
            "No chat provider is configured. Set AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT for Azure OpenAI, " +
            "or OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) for OpenAI or an OpenAI-compatible server; or pass ChatClientSettings.")), lifetime);
    }
}
