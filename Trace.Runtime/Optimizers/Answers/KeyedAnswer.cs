using System.Text.Json;

namespace Opto.Optimizers.Answers;

/// <summary>
/// Reads an answer that is one JSON object with a known key (a selection's <c>choice</c>, a gradient's
/// <c>feedback</c>), as leniently as suggestions are read: code fences, prose around it, single quotes, trailing commas,
/// comments, Python literals. Two objects with the key, text that is not valid Unicode, or no object: an error instead.
/// </summary>
internal static class KeyedAnswer
{
    /// <summary>The answer's object holding <paramref name="key"/> (a clone), or <see langword="null"/> and why not.</summary>
    public static JsonElement? Read(string? text, string key, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The answer was empty.";
            return null;
        }

        if (JsonText.IndexOfInvalid(text) is var invalid and >= 0)
        {
            error = $"The answer is not valid text: character {invalid + 1} is {JsonText.HalfPair}; {JsonText.WholeCharacters}.";
            return null;
        }

        var found = new List<JsonElement>();
        var candidates = AnswerParser.ParseObject(text.Trim()) is { } whole ? [whole] : AnswerParser.TopLevelSpans(text).Select(AnswerParser.ParseObject).OfType<JsonDocument>().ToList();
        foreach (var document in candidates)
        {
            using (document)
            {
                if (Has(document.RootElement, key)) found.Add(document.RootElement.Clone());
            }
        }

        if (found.Count == 1)
        {
            if (JsonText.FindInvalid(found[0]) is { } problem)
            {
                error = $"The answer is not valid text: {problem}.";
                return null;
            }

            return found[0];
        }

        error = found.Count == 0
            ? $"The answer contained no complete, readable JSON object with a \"{key}\" field."
            : $"The answer contains {found.Count} JSON objects with a \"{key}\" field; send exactly one.";
        return null;
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="obj"/> (names compared ignoring case), or <see langword="null"/>.</summary>
    public static JsonElement? Get(JsonElement obj, string key)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (JsonText.NameOf(property) is { } name && name.Equals(key, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }

        return null;
    }

    private static bool Has(JsonElement obj, string key) => Get(obj, key) is not null;
}
