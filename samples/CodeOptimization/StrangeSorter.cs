using Opto;

namespace CodeOptimization;

/// <summary>The original Trace README's code example: a method whose code is the parameter.</summary>
public class StrangeSorter
{
    /// <summary>
    /// Given a list of integers, returns it in strange order: start with the minimum value, then the maximum of the
    /// remaining integers, then the minimum, and so on.
    /// </summary>
    [Trainable]
    public List<int> StrangeSortList(List<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted;
    }
}
