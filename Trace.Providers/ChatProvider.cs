namespace Opto.Providers;

/// <summary>Which service a <see cref="ChatClientSettings"/> talks to.</summary>
public enum ChatProvider
{
    /// <summary>An Azure OpenAI resource, through <c>Azure.AI.OpenAI</c> (a deployment name selects the model).</summary>
    AzureOpenAI,

    /// <summary>OpenAI, or any server that speaks its chat-completions protocol (Ollama, vLLM, LM Studio), through <c>OpenAI</c>.</summary>
    OpenAI,
}
