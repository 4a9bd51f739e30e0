using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Opto.Providers;

/// <summary>
/// Builds an <see cref="IChatClient"/> for Azure OpenAI or an OpenAI-protocol server through the official SDKs.
/// The optimizers need only <see cref="IChatClient"/>; any other implementation works as well. The SDKs' errors come
/// out as <see cref="Opto.Optimizers.ModelRequestException"/>, which the optimizers retry when a retry can help.
/// </summary>
public static class ChatClientFactory
{
    // The OpenAI client insists on a key; servers that need none ignore whatever is sent.
    private const string NoKey = "no-key";

    /// <summary>Creates a chat client from explicit settings.</summary>
    /// <param name="settings">Provider, endpoint, key and model.</param>
    public static IChatClient Create(ChatClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Model);
        var retry = new ClientRetryPolicy(Math.Max(0, settings.SdkRetries));
        var credential = new ApiKeyCredential(settings.ApiKey is { Length: > 0 } key ? key : NoKey);

        switch (settings.Provider)
        {
            case ChatProvider.AzureOpenAI:
                var endpoint = settings.Endpoint ?? throw new ArgumentException("Azure OpenAI needs an endpoint (AZURE_OPENAI_ENDPOINT).", nameof(settings));
                var azureOptions = new AzureOpenAIClientOptions { RetryPolicy = retry, NetworkTimeout = settings.NetworkTimeout };
                return new SdkErrorChatClient(new AzureOpenAIClient(endpoint, credential, azureOptions).GetChatClient(settings.Model).AsIChatClient());

            case ChatProvider.OpenAI:
                var openAIOptions = new OpenAIClientOptions { RetryPolicy = retry, NetworkTimeout = settings.NetworkTimeout };
                if (settings.Endpoint is { } baseUrl) openAIOptions.Endpoint = baseUrl;
                return new SdkErrorChatClient(new OpenAIClient(credential, openAIOptions).GetChatClient(settings.Model).AsIChatClient());

            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown chat provider.");
        }
    }

    /// <summary>
    /// Creates a chat client from environment variables (see <see cref="ChatClientSettings.FromEnvironment"/>).
    /// </summary>
    /// <returns>The client and its settings, or <see langword="null"/> when no provider is configured.</returns>
    public static (IChatClient Client, ChatClientSettings Settings)? FromEnvironment()
    {
        var settings = ChatClientSettings.FromEnvironment();
        return settings is null ? null : (Create(settings), settings);
    }
}
