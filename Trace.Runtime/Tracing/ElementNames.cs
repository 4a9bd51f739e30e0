using System.Globalization;

namespace Opto;

/// <summary>How a dictionary's value is named when it is read out of a traced call's result (<c>table0["topic"]</c>).</summary>
internal static class ElementNames
{
    private const int MaxKeyLength = 40;

    /// <summary>
    /// The key as written in an indexer, or null when it is better left out (<c>.Values[i]</c> then): a short string of
    /// printable characters, quoted, or an integer. Nothing else is formatted, since another key type's <c>ToString</c> may
    /// be the program's code, which tracing must not run.
    /// </summary>
    public static string? KeyText(object? key) => key switch
    {
        string text when text.Length <= MaxKeyLength && IsPlain(text) => "\"" + text + "\"",
        int or long or short or sbyte or uint or ulong or ushort or byte => ((IFormattable)key).ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '"' or '\\') return false;
        }

        return true;
    }
}
