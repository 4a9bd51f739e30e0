using System.Collections;
using System.Globalization;
using System.Text;

namespace Opto;

/// <summary>Short, readable text for a node's value, truncated with a visible marker.</summary>
internal static class ValueText
{
    public static string Format(object? value, int maxLength)
    {
        var text = value switch
        {
            null => "null",
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            Exception e => $"{e.GetType().Name}: {e.Message}",
            IEnumerable items => FormatItems(items, maxLength),
            _ => value.ToString() ?? "",
        };
        return Truncate(text, maxLength);
    }

    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : $"{text[..maxLength]}… ({text.Length - maxLength} more characters)";

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
