using System.Buffers;

namespace Opto.Backward;

/// <summary>
/// A node's position in an ancestry being built. Nodes recorded in the output's graph are found by their index in it,
/// in pooled arrays (no hashing, and a chain is walked in memory order); the array also records which node holds each
/// index, so a node of another graph that has the same index is told apart and kept in a dictionary, as are parameters
/// and hand-made nodes, which belong to no graph.
/// </summary>
internal sealed class NodePositions : IDisposable
{
    private const int Unplaced = -1;

    // The arrays cover at most this many of the indices just below the output's; older nodes of a larger graph go to
    // the dictionary, so a short ancestry in a huge graph does not rent huge arrays.
    private const int MaxWindow = 1 << 21;
    private readonly int _base;
    private readonly Node?[] _holders;
    private readonly int[] _positions;
    private readonly int _capacity;
    private readonly Dictionary<Node, int> _others = new(ReferenceEqualityComparer.Instance);
    private readonly List<int> _claimed = [];

    /// <param name="output">The output: its graph's nodes that it depends on were recorded before it, at lower indices.</param>
    public NodePositions(Node output)
    {
        _base = Math.Max(0, output.GraphIndex + 1 - MaxWindow);
        _capacity = output.GraphIndex + 1 - _base;
        _holders = _capacity > 0 ? ArrayPool<Node?>.Shared.Rent(_capacity) : [];
        _positions = _capacity > 0 ? ArrayPool<int>.Shared.Rent(_capacity) : [];
    }

    /// <summary>Marks the node as entered; false if it already was.</summary>
    public bool Enter(Node node)
    {
        var index = node.GraphIndex - _base;
        if (index >= 0 && index < _capacity)
        {
            var holder = _holders[index];
            if (holder is null)
            {
                _holders[index] = node;
                _positions[index] = Unplaced;
                _claimed.Add(index);
                return true;
            }

            if (ReferenceEquals(holder, node)) return false;
        }

        return _others.TryAdd(node, Unplaced);
    }

    public void Place(Node node, int position)
    {
        var index = node.GraphIndex - _base;
        if (index >= 0 && index < _capacity && ReferenceEquals(_holders[index], node)) _positions[index] = position;
        else _others[node] = position;
    }

    public int PositionOf(Node node)
    {
        var index = node.GraphIndex - _base;
        return index >= 0 && index < _capacity && ReferenceEquals(_holders[index], node) ? _positions[index] : _others[node];
    }

    public void Dispose()
    {
        if (_capacity == 0) return;

        // Only the entries this walk claimed are cleared: the cost stays that of the ancestry, not of the graph.
        foreach (var index in _claimed) _holders[index] = null;
        ArrayPool<Node?>.Shared.Return(_holders);
        ArrayPool<int>.Shared.Return(_positions);
    }
}
