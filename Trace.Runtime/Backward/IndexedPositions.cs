using System.Buffers;

namespace Opto.Backward;

/// <summary>
/// Positions of nodes by an index of their own (their place in a graph, a parameter's serial number), in pooled
/// arrays that also hold which node has each index: a different node with an index already taken is refused, and the
/// caller keeps it elsewhere. Only the most recent indices are covered, so a short walk never rents huge arrays.
/// </summary>
internal sealed class IndexedPositions : IDisposable
{
    public const int Unplaced = -1;

    private const int MaxWindow = 1 << 21;
    private readonly Node?[] _holders;
    private readonly int[] _positions;
    private readonly int _base;
    private readonly int _capacity;
    private PooledList<int> _claimed = new();

    /// <param name="end">One past the highest index the walk may meet.</param>
    public IndexedPositions(int end)
    {
        _base = Math.Max(0, end - MaxWindow);
        _capacity = Math.Max(0, end - _base);
        _holders = _capacity > 0 ? ArrayPool<Node?>.Shared.Rent(_capacity) : [];
        _positions = _capacity > 0 ? ArrayPool<int>.Shared.Rent(_capacity) : [];
    }

    public enum Outcome
    {
        Entered,
        AlreadyEntered,
        NotCovered,
    }

    public Outcome Enter(Node node, int index)
    {
        index -= _base;
        if (index < 0 || index >= _capacity) return Outcome.NotCovered;
        var holder = _holders[index];
        if (holder is null)
        {
            _holders[index] = node;
            _positions[index] = Unplaced;
            _claimed.Add(index);
            return Outcome.Entered;
        }

        return ReferenceEquals(holder, node) ? Outcome.AlreadyEntered : Outcome.NotCovered;
    }

    public bool TryPlace(Node node, int index, int position)
    {
        if (!Holds(node, index - _base)) return false;
        _positions[index - _base] = position;
        return true;
    }

    public bool TryFind(Node node, int index, out int position)
    {
        var held = Holds(node, index - _base);
        position = held ? _positions[index - _base] : Unplaced;
        return held;
    }

    public void Dispose()
    {
        if (_capacity == 0) return;

        // Only the entries this walk claimed are cleared: the cost stays that of the walk, not of the arrays.
        for (var i = 0; i < _claimed.Count; i++) _holders[_claimed[i]] = null;
        _claimed.Dispose();
        ArrayPool<Node?>.Shared.Return(_holders);
        ArrayPool<int>.Shared.Return(_positions);
    }

    private bool Holds(Node node, int index) => index >= 0 && index < _capacity && ReferenceEquals(_holders[index], node);
}
