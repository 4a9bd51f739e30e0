using System.Globalization;
using System.Text.Json;
using Opto.Optimizers.Answers;

namespace Opto.Training;

/// <summary>
/// Reads an LLM judge's answer, <c>{"score": 0..1, "critique": "...", "correct": true|false}</c>, with the optimizer's
/// lenient answer reading (code fences, prose around the JSON, single quotes, Python literals).
/// </summary>
internal static class JudgeAnswer
{
    private static readonly string[] s_fields = ["score", "critique", "correct"];

    /// <summary>The judgement, or why the answer cannot be used (stated so the judge can correct it).</summary>
    public static (Judgement? Judgement, string? Problem) Read(string? text)
    {
        var parsed = AnswerParser.Parse(text, s_fields);
        if (parsed.Error is not null || parsed.Suggestions.Count == 0)
        {
            return (null, "it contained no readable JSON object with \"score\", \"critique\" and \"correct\".");
        }

        var fields = parsed.Suggestions
            .Where(s => s.NameProblem is null)
            .GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

        if (!fields.TryGetValue("score", out var scoreElement) || scoreElement.ValueKind != JsonValueKind.Number ||
            !scoreElement.TryGetDouble(out var score) || !double.IsFinite(score))
        {
            return (null, $"\"score\" must be a number from 0 to 1; it was {Shown(fields, "score")}.");
        }

        if (score is < 0 or > 1)
        {
            return (null, $"\"score\" must be from 0 to 1; it was {score.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!fields.TryGetValue("critique", out var critiqueElement) || critiqueElement.ValueKind != JsonValueKind.String ||
            !JsonText.TryGetString(critiqueElement, out var critique) || string.IsNullOrWhiteSpace(critique))
        {
            return (null, $"\"critique\" must be a non-empty string; it was {Shown(fields, "critique")}.");
        }

        if (!fields.TryGetValue("correct", out var correctElement) || correctElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return (null, $"\"correct\" must be true or false; it was {Shown(fields, "correct")}.");
        }

        return (new Judgement(score, critique, correctElement.ValueKind == JsonValueKind.True), null);
    }

    private static string Shown(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) ? ValueText.Truncate(value.GetRawText(), 80) : "missing";
}
