using Microsoft.Extensions.AI;
using Opto;

namespace SalesAgent;

/// <summary>
/// A sales assistant that greets a customer in their own language, by name. Two model calls (language, name) and a
/// greeting; the prompts and the greeting words are trainable.
/// </summary>
public sealed class SalesAssistant(IChatClient chat)
{
    [Trainable("The system prompt every model call starts with.")]
    public string SystemPrompt { get; set; } = "You are a sales assistant.";

    [Trainable("The instruction that asks the model for the customer's language; its answer is looked up in Greetings.")]
    public string LanguageInstruction { get; set; } = "Decide the language.";

    [Trainable("The instruction that asks the model for the customer's name.")]
    public string NameInstruction { get; set; } = "Extract the name if it's there.";

    [Trainable("The greeting word for each language, keyed by what the language call returns.")]
    public Dictionary<string, string> Greetings { get; set; } = new() { ["en"] = "Hello" };

    /// <summary>Greets the customer who wrote <paramref name="query"/>.</summary>
    public async Task<string> RespondAsync(string query, CancellationToken cancellationToken = default)
    {
        var language = await DecideLanguageAsync(query, cancellationToken);
        var name = await ExtractNameAsync(query, cancellationToken);
        return Greet(language, name);
    }

    /// <summary>Asks the model which language the customer writes in, with the system prompt and the language instruction.</summary>
    [Traced]
    public Task<string> DecideLanguageAsync(string query, CancellationToken cancellationToken) =>
        AskAsync(LanguageInstruction, query, cancellationToken);

    /// <summary>Asks the model for the customer's name, with the system prompt and the name instruction.</summary>
    [Traced]
    public Task<string> ExtractNameAsync(string query, CancellationToken cancellationToken) =>
        AskAsync(NameInstruction, query, cancellationToken);

    /// <summary>Greets by name with the greeting word of the language, or the English one when the language has none.</summary>
    [Traced]
    public string Greet(string language, string name) =>
        $"{(Greetings.TryGetValue(language, out var word) ? word : Greetings.GetValueOrDefault("en", "Hello"))}, {name}!";

    private async Task<string> AskAsync(string instruction, string query, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(
            [new(ChatRole.System, SystemPrompt + "\n" + instruction), new(ChatRole.User, query)],
            cancellationToken: cancellationToken);
        return response.Text.Trim();
    }
}
