namespace Opto;

/// <summary>
/// The nodes of a graph in the order they were added, in fixed-size chunks: growing never copies the nodes held so
/// far, and no chunk is large enough for the large-object heap. Writers hold the graph's lock.
/// </summary>
internal sealed class NodeStore
{
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;

    // Held in a struct so that storing a node of a derived class needs no covariant array store check.
    private Entry[][] _chunks = [];
    private int _count;

    public int Count => _count;

    public Node this[int index] => Resolve(_chunks[index >> ChunkShift][index & (ChunkSize - 1)].Node, index);

    // Readers without the lock (below) may hold positions from before a Clear: whatever they find there is checked, never assumed.

    /// <summary>The value of the node at <paramref name="index"/> (without making a held input a node), or <see langword="null"/>; safe without the lock.</summary>
    public object? ValueAt(int index) => Stored(index) switch
    {
        { } node when node.GraphIndex == index => node.Value,
        NodeWithNewInputs holder => holder.InputValueAt(index),
        _ => null,
    };

    /// <summary>The node at <paramref name="index"/> if its value is <paramref name="key"/>, else <see langword="null"/>; safe without the lock.</summary>
    public Node? WithValueAt(int index, object key) => Stored(index) switch
    {
        { } node when node.GraphIndex == index => ReferenceEquals(node.Value, key) ? node : null,
        NodeWithNewInputs holder => ReferenceEquals(holder.InputValueAt(index), key) ? holder.InputAt(index) : null,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="node"/> is at its position here (it was added and not cleared since); safe without the lock.
    /// A node is added to one graph only and keeps its position, so this also tells this graph's nodes from another's
    /// (glue slots rely on it).
    /// </summary>
    public bool Holds(Node node)
    {
        var index = node.GraphIndex;
        return index >= 0 && Stored(index) switch
        {
            { } stored when ReferenceEquals(stored, node) => stored.GraphIndex == index,
            NodeWithNewInputs holder => holder.GraphIndex != index && holder.MadeAt(index, node),
            _ => false,
        };
    }

    private Node? Stored(int index)
    {
        var chunks = Volatile.Read(ref _chunks);
        return index >> ChunkShift < chunks.Length && chunks[index >> ChunkShift] is { } chunk && (index & (ChunkSize - 1)) < chunk.Length
            ? chunk[index & (ChunkSize - 1)].Node
            : null;
    }

    // A position held by a call's node for one of its new inputs (its own position is another): that input.
    private static Node Resolve(Node node, int index) => node.GraphIndex == index ? node : ((NodeWithNewInputs)node).InputAt(index);

    /// <summary>
    /// Adds <paramref name="node"/> at the next <paramref name="positions"/> positions; the last becomes its
    /// <see cref="Node.GraphIndex"/>, set before the node is stored anywhere. A <see cref="NodeWithNewInputs"/> takes one
    /// position per input it holds, then its own.
    /// </summary>
    public void Add(Node node, int positions = 1)
    {
        node.GraphIndex = _count + positions - 1;
        for (var i = 0; i < positions; i++) Store(node);
    }

    private void Store(Node node)
    {
        var chunk = _count >> ChunkShift;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
        // The first chunk starts small, so that a graph of a few nodes stays small.
        var nodes = _chunks[chunk];
        var offset = _count & (ChunkSize - 1);
        if (nodes is null || offset == nodes.Length)
        {
            var bigger = new Entry[chunk == 0 ? Math.Min(ChunkSize, Math.Max(16, offset * 2)) : ChunkSize];
            if (nodes is not null) Array.Copy(nodes, bigger, offset);
            _chunks[chunk] = nodes = bigger;
        }

        nodes[offset].Node = node;
        _count++;
    }

    public Node[] ToArray()
    {
        var all = new Node[_count];
        for (var copied = 0; copied < _count; copied += ChunkSize)
        {
            var chunk = _chunks[copied >> ChunkShift];
            var end = Math.Min(ChunkSize, _count - copied);
            for (var i = 0; i < end; i++) all[copied + i] = Resolve(chunk[i].Node, copied + i);
        }

        return all;
    }

    public void Clear()
    {
        _chunks = [];
        _count = 0;
    }

    private struct Entry
    {
        public Node Node;
    }
}
