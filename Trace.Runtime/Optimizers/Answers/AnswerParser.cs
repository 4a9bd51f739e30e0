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

        // Half a surrogate pair in the text itself (a client in this process can hand over any string): nothing in it is read.
        if (JsonText.IndexOfInvalid(text) is var invalid and >= 0)
        {
            return new ParsedAnswer
            {
                Error = $"The answer is not valid text: character {invalid + 1} (U+{(int)text[invalid]:X4}) is {JsonText.HalfPair}, so none of the answer was read; {JsonText.WholeCharacters}.",
            };
        }

        // The whole answer, when it is one JSON object (any keys: unknown names are rejected one by one later).
        using (var whole = ParseObject(text.Trim()))
        {
            if (whole is not null) return Read(whole.RootElement);
        }

        // Otherwise the {...} spans outside any other span and any string (never a fragment inside a truncated
        // answer); exactly one of them may be an answer.
        var spans = TopLevelSpans(text);
        var answers = new List<JsonDocument>();
        try
        {
            foreach (var span in spans)
            {
                var document = ParseObject(span);
                if (document is null) continue;
                var root = document.RootElement;
                if (IsAnswerShaped(root) || (spans.Count == 1 && ContainsAnyName(root, parameterNames))) answers.Add(document);
                else document.Dispose();
            }

            if (answers.Count > 1)
            {
                return new ParsedAnswer
                {
                    Error = $"The answer contains {answers.Count} JSON objects that each look like an answer; it is unclear which one is meant. Send exactly one JSON object.",
                };
            }

            if (answers.Count == 1) return Read(answers[0].RootElement);
        }
        finally
        {
            foreach (var document in answers) document.Dispose();
        }

        if (!text.Contains('{', StringComparison.Ordinal) && text.TrimEnd(' ', '\t', '\r', '\n', '.', '`', '*', '"').EndsWith("TERMINATE", StringComparison.Ordinal))
        {
            return new ParsedAnswer { NoChange = true };
        }

        return new ParsedAnswer
        {
            Error = "The answer contained no complete, readable JSON object (an answer cut off before its last brace is not read). " +
                    "Answer with one JSON object: {\"reasoning\": ..., \"answer\": ..., \"suggestion\": {...}}, or just TERMINATE.",
        };
    }

    internal static JsonDocument? ParseObject(string text)
    {
        var document = TryParse(text) ?? TryParse(Repair(text));
        if (document is null || document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        return null;
    }

    private static bool IsAnswerShaped(JsonElement root) =>
        root.EnumerateObject().Any(p => IsSuggestionKey(p) || IsKey(p, "reasoning") || IsKey(p, "answer"));

    private static bool IsKey(JsonProperty property, string name) => JsonText.NameOf(property) is { } key && key.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static bool IsSuggestionKey(JsonProperty property) => IsKey(property, "suggestion") || IsKey(property, "suggestions");

    private static ParsedAnswer Read(JsonElement root)
    {
        var reasoningElement = Lookup(root, "reasoning");
        var answerElement = Lookup(root, "answer");
        var reasoning = reasoningElement is { } r ? TextOf(r) : null;
        var answer = answerElement is { } a && a.ValueKind != JsonValueKind.Null ? TextOf(a) : null;

        var suggestionFields = root.EnumerateObject().Count(IsSuggestionKey);
        if (suggestionFields > 1)
        {
            return new ParsedAnswer { Reasoning = reasoning, Answer = answer, Error = "The answer has more than one \"suggestion\" field; send exactly one." };
        }

        var suggestionElement = Lookup(root, "suggestion", "suggestions");
        if (suggestionElement is null && reasoning is null && answer is null)
        {
            suggestionElement = root; // the bare {name: value} form: its names and values are checked one by one
        }
        else if (InvalidOutsideSuggestions(root) is { } invalid)
        {
            return new ParsedAnswer { Reasoning = reasoning, Answer = answer, Error = invalid };
        }

        if (suggestionElement is { ValueKind: JsonValueKind.String } encoded && JsonText.TryGetString(encoded, out var encodedText) && TryParse(encodedText) is { } inner)
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

            var suggestions = suggestion.Value.EnumerateObject().Select(ToSuggestion).ToList();
            return new ParsedAnswer { Reasoning = reasoning, Answer = answer, Suggestions = suggestions, NoChange = suggestions.Count == 0 };
        }
    }

    private static Suggestion ToSuggestion(JsonProperty property) =>
        JsonText.NameOf(property) is { } name
            ? new Suggestion(name, property.Value.Clone())
            : new Suggestion(JsonText.RawNameOf(property), property.Value.Clone(), JsonText.Describe("\"" + JsonText.RawNameOf(property) + "\""));

    /// <summary>
    /// Every text of the answer outside the suggestion's names and values (which are checked one by one) must be
    /// valid: reasoning, answer, other keys and their values. A suggestion sent as a JSON string must be valid text.
    /// </summary>
    private static string? InvalidOutsideSuggestions(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (JsonText.NameOf(property) is not { } name)
            {
                return $"The answer is not valid text: the key {JsonText.Describe("\"" + JsonText.RawNameOf(property) + "\"")}. Send the answer again with valid text.";
            }

            var value = property.Value;
            if (IsSuggestionKey(property) && value.ValueKind != JsonValueKind.String) continue;
            if (JsonText.FindInvalid(value) is { } problem)
            {
                return $"The answer's \"{ValueText.Truncate(name, 40)}\" is not valid text: {problem}. Send the answer again with valid text.";
            }
        }

        return null;
    }

    /// <summary>
    /// The balanced <c>{...}</c> spans that are not inside another span. Quotes count only inside a span (prose
    /// around the JSON has apostrophes); an unclosed span (a truncated answer) ends the search.
    /// </summary>
    internal static List<string> TopLevelSpans(string text)
    {
        var spans = new List<string>();
        var depth = 0;
        var start = 0;
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (depth == 0)
            {
                if (c == '{') (depth, start) = (1, i);
                continue;
            }

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
                case '}' when --depth == 0: spans.Add(text[start..(i + 1)]); break;
            }
        }

        return spans;
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, s_lenient);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: text that is not valid UTF-16 (never reaches here: Parse refuses it first).
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
                if (IsKey(property, name)) return property.Value;
            }
        }

        return null;
    }

    private static bool ContainsAnyName(JsonElement obj, IReadOnlyCollection<string> names) =>
        obj.EnumerateObject().Any(p => JsonText.NameOf(p) is { } name && names.Contains(name));

    // Text that is not valid (an escaped lone surrogate) is kept as the JSON wrote it; the answer is rejected for it.
    private static string TextOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.String && JsonText.TryGetString(element, out var text) ? text : element.GetRawText();

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
