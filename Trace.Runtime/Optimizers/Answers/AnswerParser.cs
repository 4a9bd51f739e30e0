using System.Text;
using System.Text.Json;

namespace Opto.Optimizers.Answers;

/// <summary>
/// Reads an optimizer answer from a model's text: a JSON object with <c>reasoning</c>, <c>answer</c> and
/// <c>suggestion</c>, possibly inside code fences or prose, with single quotes, trailing commas, comments or Python
/// literals; or <c>TERMINATE</c>. It never guesses a value it cannot read: it reports an error instead.
/// </summary>
internal static class AnswerParser
{
    private static readonly JsonDocumentOptions s_lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static ParsedAnswer Parse(string? text, IReadOnlyCollection<string> parameterNames)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ParsedAnswer { Error = "The answer was empty. Answer with the JSON object described in the output format." };

        JsonDocument? best = null;
        foreach (var (candidate, whole) in Candidates(text))
        {
            var document = TryParse(candidate) ?? TryParse(Repair(candidate));
            if (document is null) continue;
            if (document.RootElement.ValueKind != JsonValueKind.Object) { document.Dispose(); continue; }
            if (Lookup(document.RootElement, "suggestion", "suggestions") is not null || Lookup(document.RootElement, "reasoning", "answer") is not null)
            {
                best?.Dispose();
                best = document;
                break;
            }

            // The bare {name: value} form only from the whole answer, never from a fragment of a truncated one.
            if (best is null && whole && ContainsAnyName(document.RootElement, parameterNames)) best = document;
            else document.Dispose();
        }

        if (best is null)
        {
            if (text.Contains("TERMINATE", StringComparison.Ordinal)) return new ParsedAnswer { NoChange = true };
            return new ParsedAnswer
            {
                Error = "The answer contained no readable JSON object (checked the whole text, code fences and every {...} span). " +
                        "Answer with one JSON object: {\"reasoning\": ..., \"answer\": ..., \"suggestion\": {...}}.",
            };
        }

        using (best)
        {
            return Read(best.RootElement);
        }
    }

    private static ParsedAnswer Read(JsonElement root)
    {
        var reasoning = Lookup(root, "reasoning") is { } r ? TextOf(r) : null;
        var answer = Lookup(root, "answer") is { } a && a.ValueKind != JsonValueKind.Null ? TextOf(a) : null;

        var suggestionElement = Lookup(root, "suggestion", "suggestions");
        if (suggestionElement is null && reasoning is null && answer is null) suggestionElement = root; // the bare {name: value} form
        if (suggestionElement is { ValueKind: JsonValueKind.String } encoded && TryParse(encoded.GetString()!) is { } inner)
        {
            // Some models send the suggestion object as a JSON string.
            using (inner) return Read(inner.RootElement, reasoning, answer);
        }

        return Read(suggestionElement, reasoning, answer);

        static ParsedAnswer Read(JsonElement? suggestion, string? reasoning, string? answer)
        {
            if (suggestion is null or { ValueKind: JsonValueKind.Null })
            {
                return new ParsedAnswer { Reasoning = reasoning, Answer = answer, NoChange = true };
            }

            if (suggestion.Value.ValueKind != JsonValueKind.Object)
            {
                return new ParsedAnswer
                {
                    Reasoning = reasoning,
                    Answer = answer,
                    Error = $"\"suggestion\" must be a JSON object mapping variable names to new values; it was a {Describe(suggestion.Value.ValueKind)}.",
                };
            }

            var suggestions = suggestion.Value.EnumerateObject().Select(p => new Suggestion(p.Name, p.Value.Clone())).ToList();
            return new ParsedAnswer { Reasoning = reasoning, Answer = answer, Suggestions = suggestions, NoChange = suggestions.Count == 0 };
        }
    }

    /// <summary>
    /// The whole text, then every balanced <c>{...}</c> span (fences and prose around it ignored), longest first.
    /// A span is "whole" when it runs from the text's first <c>{</c> to its last <c>}</c>.
    /// </summary>
    private static IEnumerable<(string Text, bool Whole)> Candidates(string text)
    {
        yield return (text.Trim(), true);
        var first = text.IndexOf('{');
        var last = text.LastIndexOf('}');
        var spans = new List<(string, bool)>();
        for (var start = first; start >= 0; start = text.IndexOf('{', start + 1))
        {
            var end = MatchingBrace(text, start);
            if (end > start) spans.Add((text[start..(end + 1)], start == first && end == last));
        }

        foreach (var span in spans.OrderByDescending(s => s.Item1.Length)) yield return span;
    }

    // Finds the brace that closes the one at 'start', skipping braces inside "..." and '...' strings.
    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }

            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '{': depth++; break;
                case '}' when --depth == 0: return i;
            }
        }

        return -1;
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, s_lenient);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Turns single-quoted strings into JSON strings and Python's True/False/None into JSON literals.</summary>
    private static string Repair(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
                builder.Append(text, i, Math.Min(end, text.Length - 1) - i + 1);
                i = end;
            }
            else if (c == '\'')
            {
                builder.Append('"');
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        if (text[i + 1] == '\'') builder.Append('\'');
                        else builder.Append(text, i, 2);
                        i++;
                    }
                    else if (text[i] == '"') builder.Append("\\\"");
                    else builder.Append(text[i]);
                }

                builder.Append('"');
            }
            else if (char.IsLetter(c) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var end = i;
                while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
                var word = text[i..end];
                builder.Append(word switch { "True" => "true", "False" => "false", "None" => "null", _ => word });
                i = end - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static JsonElement? Lookup(JsonElement obj, params string[] names)
    {
        foreach (var property in obj.EnumerateObject())
        {
            foreach (var name in names)
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
            }
        }

        return null;
    }

    private static bool ContainsAnyName(JsonElement obj, IReadOnlyCollection<string> names) =>
        obj.EnumerateObject().Any(p => names.Contains(p.Name));

    private static string TextOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "JSON object",
        JsonValueKind.Array => "JSON array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
