using System.Text.RegularExpressions;
using Opto.Testing;

namespace SalesAgent;

/// <summary>
/// What the offline demo model answers in this sample: the assistant's two calls, answered by simple rules, and the
/// optimizer's three steps, answered in turn (the second one deliberately malformed, to show that a bad answer is
/// rejected, changes nothing, and is reported back to the model).
/// </summary>
public static class OfflineScript
{
    public static OfflineChatModel Create() => new OfflineChatModel()
        .InTurn(r => r.System.Contains("#Variables", StringComparison.Ordinal), FirstStep, MalformedStep, FixedStep)
        .When(r => Instruction(r).Contains("ISO 639-1", StringComparison.Ordinal), r => IsSpanish(r.User) ? "es" : "en")
        .When(r => Instruction(r).Contains("language", StringComparison.OrdinalIgnoreCase), r => $"The customer is writing in {(IsSpanish(r.User) ? "Spanish" : "English")}.")
        .When(r => Instruction(r).Contains("name", StringComparison.OrdinalIgnoreCase), r => NamePattern.Match(r.User) is { Success: true } m ? m.Groups[1].Value : "there");

    private static readonly Regex NamePattern = new(@"(?:soy|I'm|I am|my name is|me llamo)\s+(\p{Lu}\p{L}+)", RegexOptions.IgnoreCase);

    // The assistant sends the system prompt, a line break, then the instruction of the call.
    private static string Instruction(OfflineRequest request) => request.System.Split('\n')[^1];

    private const string FirstStep = """
        {
          "reasoning": "Greet looks up the answer of DecideLanguageAsync in Greetings, whose keys are language codes like \"en\". The language call answered a sentence (\"The customer is writing in Spanish.\"), which is no key, so Greet fell back to English. The language instruction must ask for the ISO 639-1 code alone.",
          "answer": null,
          "suggestion": {
            "SalesAssistant.LanguageInstruction": "Answer with the two-letter ISO 639-1 code of the customer's language (for example en or es) and nothing else."
          }
        }
        """;

    private const string MalformedStep = """
        {
          "reasoning": "The language is now \"es\", but Greetings has no \"es\" entry. Add the Spanish greeting.",
          "suggestion": {
            "SalesAssistant.Greetings": "Hola"
          }
        }
        """;

    private const string FixedStep = """
        {
          "reasoning": "The previous suggestion gave Greetings a string, but it is a Dictionary<string, string>: send the whole dictionary with the Spanish entry added. Also tell the assistant to greet in the customer's language.",
          "answer": null,
          "suggestion": {
            "SalesAssistant.Greetings": { "en": "Hello", "es": "Hola" },
            "SalesAssistant.SystemPrompt": "You are a sales assistant. Greet every customer in their own language, by name."
          }
        }
        """;

    private static bool IsSpanish(string text) => Regex.IsMatch(text, @"\b(hola|soy|gracias|quiero)\b", RegexOptions.IgnoreCase);
}
