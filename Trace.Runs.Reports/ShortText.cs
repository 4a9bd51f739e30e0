namespace Opto.Runs.Reports;

// Text cut to a length for the page, with an ellipsis where it was cut.
internal static class ShortText
{
    public static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
