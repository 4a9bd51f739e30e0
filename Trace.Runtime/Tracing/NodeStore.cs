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

    public Node this[int index] => _chunks[index >> ChunkShift][index & (ChunkSize - 1)].Node;

    /// <summary>The node at <paramref name="index"/>, or <see langword="null"/>; safe without the lock (a reader racing with <see cref="Clear"/>).</summary>
    public Node? At(int index)
    {
        var chunks = Volatile.Read(ref _chunks);
        return index >> ChunkShift < chunks.Length && chunks[index >> ChunkShift] is { } chunk && (index & (ChunkSize - 1)) < chunk.Length
            ? chunk[index & (ChunkSize - 1)].Node
            : null;
    }

    public void Add(Node node)
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

        node.GraphIndex = _count;
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
            for (var i = 0; i < end; i++) all[copied + i] = chunk[i].Node;
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
