using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Trainable methods whose code the optimizer replaces.</summary>
public class Sorter
{
    private int _calls;

    [Trainable("How many items a result keeps.")]
    public int Keep { get; set; } = 10;

    public int Calls => _calls;

    public void Touch() => _calls++;

    /// <summary>Returns the list in strange order: the minimum, then the maximum of the rest, then the minimum of the rest, and so on.</summary>
    [Trainable]
    public List<int> StrangeSort(List<int> values) => [.. values.Order()];

    /// <summary>Counts the values above a threshold.</summary>
    [Trainable]
    public static int CountAbove(int[] values, int threshold) => values.Count(v => v > threshold);

    /// <summary>Labels a text.</summary>
    [Trainable]
    public string Label(string text) => text;

    /// <summary>Sums asynchronously.</summary>
    [Trainable]
    public async Task<int> SumAsync(List<int> values)
    {
        await Task.Yield();
        return values.Sum();
    }

    private string Prefix() => "#";

    internal string Suffix => "!";
}
