using System.Globalization;
using System.Text;
using System.Text.Json;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>Flags, for a [Flags] enum variable.</summary>
[Flags]
public enum Mood
{
    None = 0,
    Calm = 1,
    Curious = 2,
    Cheerful = 4,
}

/// <summary>A record with text inside, for a variable whose strings are nested.</summary>
public sealed record Persona(string Name, List<string> Traits);

/// <summary>A value type whose constructor refuses some values (as user types with validation do).</summary>
public sealed record Checked
{
    public Checked(int value)
    {
        if (value < 0) throw new CheckedValueException($"Value must not be negative, got {value}.");
        Value = value;
    }

    public int Value { get; }
}

public sealed class CheckedValueException(string message) : Exception(message);

/// <summary>
/// Generates valid optimizer answers from a seed and mutates them: truncations, odd characters, bit flips in
/// UTF-16 and UTF-8, escapes (valid, invalid, lone surrogates), duplicated and deleted spans, deep nesting, huge
/// values, swapped quotes and names, odd numbers and literals, comments, fences, raw lone surrogates, invisible
/// and control characters. Deterministic: the same seed gives the same answers.
/// </summary>
internal sealed class AnswerFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A variable the answers suggest values for.</summary>
    public sealed record Variable(string Name, Type Type);

    /// <summary>An answer and the values it suggests (by variable name) when read exactly.</summary>
    public sealed record Answer(string Text, IReadOnlyDictionary<string, object?> Expected);

    // Pieces of text: as JSON writes them inside a string, and the text they stand for.
    private static readonly (string Json, string Text)[] s_text =
    [
        ("Be brief.", "Be brief."), (" ", " "), ("é", "é"), ("\\u00e9", "é"), ("😀", "😀"), ("\\ud83d\\ude00", "😀"),
        ("\\uD83D\\uDE00", "😀"), ("日本語", "日本語"), ("\\n", "\n"), ("\\t", "\t"), ("\\\"quoted\\\"", "\"quoted\""),
        ("\\\\", "\\"), ("{braces}", "{braces}"), ("```code```", "```code```"), ("it's", "it's"), ("TERMINATE", "TERMINATE"),
        ("\\/", "/"), ("𝄞", "𝄞"), ("a\u0301", "a\u0301"), ("\u200b", "\u200b"), ("\\r\\n", "\r\n"), ("[1, 2]", "[1, 2]"),
    ];

    private static readonly string[] s_characters =
    [
        "\"", "'", "{", "}", "[", "]", ",", ":", "\\", "\0", "\u001b", "\u007f", "\u0085", "\ud800", "\udc00", "\uffff",
        "\ufeff", "\u2028", "\ufffd", "\n", " ", "a", "0", "-", ".", "e",
    ];

    private static readonly string[] s_escapes =
    [
        "\\ud800", "\\udc00", "\\udbff\\udfff", "\\ude00\\ud83d", "\\ud83d", "\\ud83d\\u0041", "\\uD800", "\\u0000", "\\u001b",
        "\\u007f", "\\u0085", "\\uZZZZ", "\\u12", "\\", "\\\\", "\\\"", "\\x41", "\\U0001F600", "\\uFFFE", "\\u2028", "\\ud83d\\ude00",
        "\\'", "\\a",
    ];

    private static readonly string[] s_numbers =
    [
        "1e999", "-0", "NaN", "Infinity", "-Infinity", "99999999999999999999999", "0x10", "1_000", ".5", "5.", "+1", "1e-400",
        "0.1e+", "\u22121", "007", "1.0", "-2147483649", "79228162514264337593543950336", "1e28",
    ];

    private static readonly string[] s_literals = ["True", "False", "None", "null", "undefined", "TERMINATE", "true", "[]", "{}", "\"\""];

    private static readonly string[] s_structure =
    [
        "{", "}", "[", "]", ",", ":", "\"", "'", "\\", "\"suggestion\": ", "\"reasoning\": ", "{\"suggestion\": {}}",
        "\"answer\": ", ", \"suggestion\": \"{}\"", "/*", "*/", "//", "\n// note\n", "```", "```json\n", "\n```\n",
    ];

    private static readonly string[] s_invisible = ["\ufeff", "\u200b", "\u2028", "\u0085", "\r", "\0", "\u001b", "\u007f", "\t", "\u00a0"];

    public int Next(int max) => _random.Next(max);

    /// <summary>An answer suggesting valid values for some of <paramref name="variables"/>, in one of several shapes models use.</summary>
    public Answer Valid(IReadOnlyList<Variable> variables)
    {
        var chosen = variables.Where(_ => _random.Next(3) > 0).ToList();
        if (chosen.Count == 0) chosen.Add(variables[_random.Next(variables.Count)]);
        var expected = new Dictionary<string, object?>(StringComparer.Ordinal);
        var members = new List<string>();
        foreach (var variable in chosen)
        {
            var (json, value) = ValueFor(variable.Type);
            expected[variable.Name] = value;
            members.Add($"\"{variable.Name}\": {json}");
        }

        var suggestion = "{" + string.Join(", ", members) + "}";
        var reasoning = Text().Json;
        var text = _random.Next(6) switch
        {
            0 => suggestion,
            1 => $"{{\"reasoning\": \"{reasoning}\", \"answer\": null, \"suggestion\": {suggestion}}}",
            2 => $"```json\n{{\"reasoning\": \"{reasoning}\", \"suggestion\": {suggestion}}}\n```",
            3 => $"Here is my answer: {{\"reasoning\": \"{reasoning}\", \"suggestion\": {suggestion}}} I hope it helps.",
            4 => $"{{\"reasoning\": \"{reasoning}\", \"suggestion\": {JsonSerializer.Serialize(suggestion)}}}",
            _ => $"{{\n  \"reasoning\": \"{reasoning}\", // why\n  \"suggestion\": {suggestion},\n}}",
        };
        return new Answer(text, expected);
    }

    /// <summary>One to four mutations of <paramref name="text"/> (one, half of the time: more answers stay readable).</summary>
    public string Mutate(string text, IReadOnlyList<Variable> variables)
    {
        var count = _random.Next(4) switch { 0 or 1 => 1, 2 => 2, _ => 3 + _random.Next(2) };
        for (var i = 0; i < count; i++) text = MutateOnce(text, variables);
        return text;
    }

    private string MutateOnce(string text, IReadOnlyList<Variable> variables)
    {
        var at = _random.Next(text.Length + 1);
        switch (_random.Next(19))
        {
            case 0: // truncation
                return text[..at];
            case 1: // an odd character in place of another
                return Replace(text, at, Pick(s_characters));
            case 2: // escapes, valid and not
                return text.Insert(at, Pick(s_escapes));
            case 3: // a bit flip in a UTF-16 unit (can make half a surrogate pair)
            {
                if (text.Length == 0) return text;
                var i = _random.Next(text.Length);
                return Replace(text, i, ((char)(text[i] ^ (1 << _random.Next(16)))).ToString());
            }

            case 4: // a bit flip in a UTF-8 byte, decoded with replacement characters
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length == 0) return text;
                bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                return Encoding.UTF8.GetString(bytes);
            }

            case 5: // UTF-8 read as Latin-1 (mojibake)
                return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
            case 6: // a span repeated (duplicate keys, nested objects)
            {
                var (start, length) = Span(text);
                return text.Insert(at, text.Substring(start, length));
            }

            case 7: // a span removed
            {
                var (start, length) = Span(text);
                return text.Remove(start, length);
            }

            case 8: // deep nesting, balanced or not
            {
                var depth = 1 + _random.Next(_random.Next(2) == 0 ? 80 : 3000);
                var nested = _random.Next(3) switch
                {
                    0 => new string('[', depth) + new string(']', depth),
                    1 => string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth),
                    _ => new string(Pick(['[', '{']), depth),
                };
                return text.Insert(at, nested);
            }

            case 9: // a huge value (rarely), or a long one
            {
                var unit = Pick(["x", "\\u00e9", "😀", "\\ud800", " "]);
                var repeat = _random.Next(25) == 0 ? 20_000 + _random.Next(40_000) : 1 + _random.Next(500);
                return text.Insert(at, string.Concat(Enumerable.Repeat(unit, repeat)));
            }

            case 10: // quotes swapped
                return _random.Next(2) == 0 ? text.Replace('"', '\'') : text.Replace('\'', '"');
            case 11: // odd numbers
                return text.Insert(at, Pick(s_numbers));
            case 12: // literals of other languages, TERMINATE
                return text.Insert(at, Pick(s_literals));
            case 13: // structure: braces, keys, comments, fences
                return text.Insert(at, Pick(s_structure));
            case 14: // raw half surrogate pairs: text that is not valid UTF-16
                return text.Insert(at, Pick(["\ud800", "\udfff", "\udc00\ud800", "\ud83d"]));
            case 15: // invisible and control characters
                return text.Insert(at, Pick(s_invisible));
            case 16: // one variable's name in place of another's: a value of the wrong type
            {
                var from = variables[_random.Next(variables.Count)].Name;
                var to = variables[_random.Next(variables.Count)].Name;
                var index = text.IndexOf(from, StringComparison.Ordinal);
                return index < 0 ? text : text.Remove(index, from.Length).Insert(index, to);
            }

            case 17: // a value replaced by one of another type
            {
                var (json, _) = ValueFor(variables[_random.Next(variables.Count)].Type);
                var colon = text.IndexOf(": ", at, StringComparison.Ordinal);
                if (colon < 0) return text;
                var end = colon + 2;
                while (end < text.Length && text[end] is not (',' or '}')) end++;
                return text[..(colon + 2)] + json + text[end..];
            }

            default: // an answer inside an answer
                return text.Insert(at, JsonSerializer.Serialize(text[..at]));
        }
    }

    private (string Json, object? Value) ValueFor(Type type)
    {
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            var (json, text) = Text();
            return ($"\"{json}\"", text);
        }

        if (type == typeof(int))
        {
            var v = _random.Next(-1000, 1000);
            return (v.ToString(c), v);
        }

        if (type == typeof(long?))
        {
            if (_random.Next(4) == 0) return ("null", null);
            var v = (long)_random.Next() * 1000;
            return (v.ToString(c), (long?)v);
        }

        if (type == typeof(double))
        {
            var v = Math.Round(_random.NextDouble() * 2, 3);
            return (v.ToString("R", c), v);
        }

        if (type == typeof(decimal))
        {
            var v = _random.Next(0, 100_000) / 100m;
            return (v.ToString(c), v);
        }

        if (type == typeof(bool))
        {
            var v = _random.Next(2) == 0;
            return (v ? "true" : "false", v);
        }

        if (type == typeof(char))
        {
            var v = Pick(['a', 'é', '{', '"', 'Z']);
            return (JsonSerializer.Serialize(v.ToString()), v);
        }

        if (type == typeof(Tone))
        {
            var v = (Tone)_random.Next(2);
            return ($"\"{v}\"", v);
        }

        if (type == typeof(Mood))
        {
            var v = (Mood)(1 + _random.Next(7));
            return ($"\"{v}\"", v);
        }

        if (type == typeof(List<string>))
        {
            var items = Enumerable.Range(0, _random.Next(4)).Select(_ => Text()).ToList();
            return ("[" + string.Join(", ", items.Select(i => $"\"{i.Json}\"")) + "]", items.Select(i => i.Text).ToList());
        }

        if (type == typeof(int[]))
        {
            var items = Enumerable.Range(0, _random.Next(5)).Select(_ => _random.Next(-50, 50)).ToArray();
            return ("[" + string.Join(", ", items) + "]", items);
        }

        if (type == typeof(Dictionary<string, int>))
        {
            var keys = Enumerable.Range(0, _random.Next(3)).Select(_ => Text()).DistinctBy(k => k.Text).ToList();
            var json = "{" + string.Join(", ", keys.Select((k, i) => $"\"{k.Json}\": {i}")) + "}";
            return (json, keys.Select((k, i) => (k.Text, i)).ToDictionary(p => p.Text, p => p.i));
        }

        if (type == typeof(Pricing))
        {
            var discount = _random.Next(0, 100) / 100m;
            var free = _random.Next(2) == 0;
            return ($"{{\"Discount\": {discount.ToString(c)}, \"FreeShipping\": {(free ? "true" : "false")}}}", new Pricing(discount, free));
        }

        if (type == typeof(Persona))
        {
            var name = Text();
            var traits = Enumerable.Range(0, _random.Next(3)).Select(_ => Text()).ToList();
            var json = $"{{\"Name\": \"{name.Json}\", \"Traits\": [{string.Join(", ", traits.Select(t => $"\"{t.Json}\""))}]}}";
            return (json, new Persona(name.Text, traits.Select(t => t.Text).ToList()));
        }

        if (type == typeof(Checked))
        {
            var v = _random.Next(0, 100);
            return ($"{{\"Value\": {v.ToString(c)}}}", new Checked(v));
        }

        throw new ArgumentException($"No values for {type}.", nameof(type));
    }

    private (string Json, string Text) Text()
    {
        var json = new StringBuilder();
        var text = new StringBuilder();
        for (var i = 1 + _random.Next(4); i > 0; i--)
        {
            var (j, t) = s_text[_random.Next(s_text.Length)];
            json.Append(j);
            text.Append(t);
        }

        return (json.ToString(), text.ToString());
    }

    private (int Start, int Length) Span(string text)
    {
        var start = _random.Next(text.Length + 1);
        return (start, _random.Next(Math.Min(text.Length - start, 200) + 1));
    }

    private static string Replace(string text, int at, string with) =>
        at >= text.Length ? text + with : text[..at] + with + text[(at + 1)..];

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
