namespace Opto.Providers;

/// <summary>
/// Where a chat client connects: provider, endpoint, key and model. <see cref="ToString"/> never shows the key,
/// so settings can be logged.
/// </summary>
public sealed class ChatClientSettings
{
    /// <summary>The default OpenAI model when <c>OPENAI_MODEL</c> is not set.</summary>
    public const string DefaultOpenAIModel = "gpt-4o-mini";

    /// <summary>The service to talk to.</summary>
    public required ChatProvider Provider { get; init; }

    /// <summary>
    /// The endpoint: the Azure OpenAI resource (<c>https://name.openai.azure.com/</c>), or an OpenAI-compatible base
    /// address such as <c>http://localhost:11434/v1</c>; <see langword="null"/> means api.openai.com.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The API key. Servers that need none (a local Ollama) may leave it empty.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model name (OpenAI) or deployment name (Azure OpenAI).</summary>
    public required string Model { get; init; }

    /// <summary>
    /// How long one HTTP request may take before the SDK gives up. Default 3 minutes, the same as the optimizers'
    /// <c>RetryOptions.AttemptTimeout</c> (either one timing out counts as a transient failure and is retried).
    /// </summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How many times the SDK itself retries a failed request. Default 0: the optimizers retry transient failures
    /// themselves and log every attempt, and retrying in both places would multiply the attempts.
    /// Raise it for a client your own code uses outside an optimizer.
    /// </summary>
    public int SdkRetries { get; init; }

    /// <summary>
    /// Reads the settings from environment variables: Azure OpenAI when <c>AZURE_OPENAI_ENDPOINT</c> is set
    /// (with <c>AZURE_OPENAI_API_KEY</c> and <c>AZURE_OPENAI_DEPLOYMENT</c>), otherwise OpenAI when
    /// <c>OPENAI_API_KEY</c> or <c>OPENAI_BASE_URL</c> is set (with <c>OPENAI_MODEL</c>, default
    /// <see cref="DefaultOpenAIModel"/>).
    /// </summary>
    /// <param name="getVariable">Reads one variable; defaults to <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <returns>The settings, or <see langword="null"/> when no provider is configured.</returns>
    /// <exception cref="InvalidOperationException">A provider is half configured: the message names the missing or malformed variable.</exception>
    public static ChatClientSettings? FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? Read(string name) => getVariable(name) is { Length: > 0 } value ? value.Trim() : null;

        if (Read("AZURE_OPENAI_ENDPOINT") is { } azureEndpoint)
        {
            return new ChatClientSettings
            {
                Provider = ChatProvider.AzureOpenAI,
                Endpoint = ParseEndpoint("AZURE_OPENAI_ENDPOINT", azureEndpoint),
                ApiKey = Read("AZURE_OPENAI_API_KEY") ?? throw Missing("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT is set"),
                Model = Read("AZURE_OPENAI_DEPLOYMENT") ?? throw Missing("AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_ENDPOINT is set"),
            };
        }

        var key = Read("OPENAI_API_KEY");
        var baseUrl = Read("OPENAI_BASE_URL");
        if (key is null && baseUrl is null) return null;

        return new ChatClientSettings
        {
            Provider = ChatProvider.OpenAI,
            Endpoint = baseUrl is null ? null : ParseEndpoint("OPENAI_BASE_URL", baseUrl),
            ApiKey = key,
            Model = Read("OPENAI_MODEL") ?? DefaultOpenAIModel,
        };
    }

    /// <summary>Describes the settings without the key, e.g. <c>Azure OpenAI deployment 'gpt-4o' at https://x.openai.azure.com/</c>.</summary>
    public override string ToString() => Provider switch
    {
        ChatProvider.AzureOpenAI => $"Azure OpenAI deployment '{Model}' at {Endpoint}",
        _ => $"OpenAI-protocol model '{Model}' at {Endpoint?.ToString() ?? "https://api.openai.com/v1"}",
    };

    private static Uri ParseEndpoint(string variable, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"{variable} must be an absolute http(s) address, such as https://my-resource.openai.azure.com/; it is '{value}'.");

    private static InvalidOperationException Missing(string variable, string because) =>
        new($"{variable} is not set, but {because}. Set {variable}, or unset the Azure OpenAI variables to use OpenAI (OPENAI_API_KEY).");
}
