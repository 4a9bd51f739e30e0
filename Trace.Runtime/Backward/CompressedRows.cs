namespace Opto.Backward;

/// <summary>Adjacency lists as compressed rows: the links of node i are Links[Start[i]..Start[i + 1]].</summary>
internal static class CompressedRows
{
    /// <summary>The reverse lists (each node's children, from each node's parents).</summary>
    public static (int[] Start, int[] Links) Invert(int[] start, int[] links)
    {
        var count = start.Length - 1;
        var reverseStart = new int[count + 1];
        foreach (var link in links) reverseStart[link + 1]++;
        for (var i = 0; i < count; i++) reverseStart[i + 1] += reverseStart[i];
        var next = (int[])reverseStart.Clone();
        var reverse = new int[links.Length];
        for (var i = 0; i < count; i++)
        {
            for (var e = start[i]; e < start[i + 1]; e++) reverse[next[links[e]]++] = i;
        }

        return (reverseStart, reverse);
    }
}
