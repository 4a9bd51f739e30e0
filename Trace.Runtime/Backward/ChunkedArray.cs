using System.Collections;

namespace Opto.Backward;

/// <summary>
/// A fixed-length array kept in chunks too small for the large-object heap. A backward pass over 10^5 nodes keeps
/// arrays of megabytes; allocated whole, each one would count toward a full (generation 2) collection, which walks
/// the whole live graph.
/// </summary>
internal sealed class ChunkedArray<T> : IReadOnlyList<T>
{
    // 8,192 references are 64 KB, under the 85,000-byte threshold of the large-object heap.
    private const int ChunkShift = 13;
    private const int ChunkSize = 1 << ChunkShift;

    // Held in a struct so that storing an instance of a derived class needs no covariant array store check.
    private readonly Entry[][] _chunks;

    public ChunkedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _chunks = new Entry[(length + ChunkSize - 1) >> ChunkShift][];
        for (var c = 0; c < _chunks.Length; c++) _chunks[c] = new Entry[Math.Min(ChunkSize, length - (c << ChunkShift))];
    }

    public int Length { get; }

    int IReadOnlyCollection<T>.Count => Length;

    public T this[int index]
    {
        get => (uint)index < (uint)Length ? _chunks[index >> ChunkShift][index & (ChunkSize - 1)].Item : throw new ArgumentOutOfRangeException(nameof(index));
        set
        {
            if ((uint)index >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(index));
            _chunks[index >> ChunkShift][index & (ChunkSize - 1)].Item = value;
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            for (var i = 0; i < chunk.Length; i++) yield return chunk[i].Item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private struct Entry
    {
        public T Item;
    }
}
