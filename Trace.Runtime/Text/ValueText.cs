using System.Collections;
using System.Globalization;
using System.Text;

namespace Opto;

/// <summary>Short, readable text for a node's value, truncated with a visible marker.</summary>
internal static class ValueText
{
    public static string Format(object? value, int maxLength)
    {
        string text;
        try
        {
            text = value switch
            {
                null => "null",
                string s => s,
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                Exception e => $"{e.GetType().Name}: {e.Message}",
                IEnumerable items => FormatItems(items, maxLength),
                _ => value.ToString() ?? "",
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The value's own code (ToString, an enumerator) threw: a graph is shown, saved or optimized all the same.
            text = $"<{value!.GetType().Name}, whose text could not be read: {e.GetType().Name}: {e.Message}>";
        }

        return Truncate(text, maxLength);
    }

    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        var cut = CutAt(text, maxLength);
        return $"{text[..cut]}… ({text.Length - cut} more characters)";
    }

    /// <summary>
    /// Where to cut <paramref name="text"/> to keep at most <paramref name="maxLength"/> characters: one earlier when
    /// the cut would separate the two halves of a surrogate pair (a lone half is not valid text).
    /// </summary>
    public static int CutAt(string text, int maxLength)
    {
        var cut = Math.Clamp(maxLength, 0, text.Length);
        return cut > 0 && cut < text.Length && char.IsHighSurrogate(text[cut - 1]) && char.IsLowSurrogate(text[cut]) ? cut - 1 : cut;
    }

    private static string FormatItems(IEnumerable items, int maxLength)
    {
        var builder = new StringBuilder("[");
        foreach (var item in items)
        {
            if (builder.Length > 1) builder.Append(", ");
            builder.Append(Format(item, maxLength));
            if (builder.Length > maxLength) break;
        }

        return builder.Append(']').ToString();
    }
}
