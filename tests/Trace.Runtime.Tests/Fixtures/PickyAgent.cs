using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>An agent whose trainable limit refuses values of 100 and more in its setter, as user code validates.</summary>
public class PickyAgent
{
    private int _limit = 5;

    [Trainable("How many items to list; below 100.")]
    public int Limit
    {
        get => _limit;
        set => _limit = value < 100 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit must stay below 100.");
    }

    /// <summary>Lists the first items.</summary>
    [Traced]
    public string List(string items) => string.Join(",", items.Split(',').Take(Limit));
}
