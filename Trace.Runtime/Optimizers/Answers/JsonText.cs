using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Opto.Optimizers.Answers;

/// <summary>
/// Reads the text of a model's JSON without trusting it to be valid Unicode. JSON can escape half of a UTF-16
/// surrogate pair (<c>"\ud800"</c>): <see cref="JsonDocument"/> accepts it, but <see cref="JsonElement.GetString"/>,
/// <see cref="JsonProperty.Name"/> and deserialization then throw. These helpers say what is wrong instead.
/// </summary>
internal static class JsonText
{
    /// <summary>What a lone surrogate is, for messages.</summary>
    public const string HalfPair = "half of a UTF-16 surrogate pair without its other half";

    /// <summary>What to write instead of a lone surrogate.</summary>
    public const string WholeCharacters = "text must be made of whole characters (write the character itself, or both halves of its pair)";

    /// <summary>The index of the first lone surrogate in <paramref name="text"/> (half a pair without the other half), or -1.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return i;
        }

        return -1;
    }

    /// <summary>Whether <paramref name="text"/> is whole characters (no lone surrogate).</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => IndexOfInvalid(text) < 0;

    /// <summary>
    /// <paramref name="text"/> with every lone surrogate written as its JSON escape (<c>\ud800</c>), so it can be shown,
    /// logged and sent on; valid text comes back as it is.
    /// </summary>
    public static string Visible(string text)
    {
        var at = IndexOfInvalid(text);
        if (at < 0) return text;
        var builder = new StringBuilder(text.Length + 12);
        var start = 0;
        while (at >= 0)
        {
            builder.Append(text, start, at - start).Append("\\u").Append(((int)text[at]).ToString("x4", CultureInfo.InvariantCulture));
            start = at + 1;
            var next = IndexOfInvalid(text.AsSpan(start));
            at = next < 0 ? -1 : start + next;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    /// <summary>A JSON string's value, or <see langword="false"/> when it escapes half a surrogate pair.</summary>
    public static bool TryGetString(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>A property's name, or <see langword="null"/> when it escapes half a surrogate pair.</summary>
    public static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A property's name as the JSON wrote it, escapes kept and quotes removed: always valid text.</summary>
    public static string RawNameOf(JsonProperty property)
    {
        var raw = property.ToString();
        var end = ClosingQuote(raw);
        return end < 1 ? raw : raw[1..end];
    }

    /// <summary>
    /// The first string or property name in <paramref name="element"/>, at any depth, that escapes half a surrogate
    /// pair: a description naming it and the escape, or <see langword="null"/> when all the text is valid.
    /// </summary>
    public static string? FindInvalid(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(element, out _) ? null : Describe(element.GetRawText());
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item) is { } problem) return problem;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is null) return "the name " + Describe("\"" + RawNameOf(property) + "\"");
                    if (FindInvalid(property.Value) is { } problem) return problem;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>What is wrong with a JSON string token (quotes included) whose escapes do not make whole characters.</summary>
    public static string Describe(string rawToken)
    {
        var shown = ValueText.Truncate(rawToken, 80);
        return LoneEscape(rawToken) is { } escape
            ? $"{shown} contains {escape}, {HalfPair}; {WholeCharacters}"
            : $"{shown} contains an escape that is {HalfPair}; {WholeCharacters}";
    }

    // The first \uXXXX escape that is half a pair without the other half, as written.
    private static string? LoneEscape(string raw)
    {
        for (var i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] != '\\') continue;
            if (raw[i + 1] != 'u' || !TryHex(raw, i + 2, out var unit))
            {
                i++; // another escape (\", \\, \n...): skip the escaped character
                continue;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (i + 12 <= raw.Length && raw[i + 6] == '\\' && raw[i + 7] == 'u' && TryHex(raw, i + 8, out var low) && char.IsLowSurrogate(low))
                {
                    i += 11;
                    continue;
                }

                return raw.Substring(i, 6);
            }

            if (char.IsLowSurrogate(unit)) return raw.Substring(i, 6);
            i += 5;
        }

        return null;
    }

    private static bool TryHex(string text, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > text.Length || !ushort.TryParse(text.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)) return false;
        unit = (char)value;
        return true;
    }

    // The index of the quote that closes the JSON string starting at text[0], or -1.
    private static int ClosingQuote(string text)
    {
        if (text.Length == 0 || text[0] != '"') return -1;
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == '"') return i;
        }

        return -1;
    }
}
