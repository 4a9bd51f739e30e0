namespace Opto.Runs.Reports;

// A line diff by longest common subsequence; one-line values are compared word by word instead.
internal static class LineDiff
{
    private const long MaxCells = 4_000_000;

    public enum Kind
    {
        Same,
        Removed,
        Added,
    }

    // Word by word when both values are one line (the parts are then joined with spaces), else line by line.
    public static bool ByWords(string before, string after) =>
        !before.Contains('\n', StringComparison.Ordinal) && !after.Contains('\n', StringComparison.Ordinal);

    public static List<(Kind Kind, string Text)> Compare(string before, string after)
    {
        var single = ByWords(before, after);
        var a = single ? Words(before) : Lines(before);
        var b = single ? Words(after) : Lines(after);
        if ((long)a.Length * b.Length > MaxCells)
        {
            // Too large to align: everything before went, everything after came.
            return [.. a.Select(t => (Kind.Removed, t)), .. b.Select(t => (Kind.Added, t))];
        }

        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var result = new List<(Kind, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add((Kind.Same, a[x]));
                (x, y) = (x + 1, y + 1);
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1])) result.Add((Kind.Removed, a[x++]));
            else result.Add((Kind.Added, b[y++]));
        }

        return result;
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static string[] Words(string text) => text.Split(' ');
}
