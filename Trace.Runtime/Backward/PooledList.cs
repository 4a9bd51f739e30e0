using System.Buffers;
using System.Runtime.CompilerServices;

namespace Opto.Backward;

/// <summary>A growing list in pooled arrays, for a walk's temporary buffers: growing rents, never allocates.</summary>
internal struct PooledList<T> : IDisposable
{
    private T[] _items;

    public PooledList() => _items = ArrayPool<T>.Shared.Rent(64);

    public int Count { get; private set; }

    public readonly T this[int index] => _items[index];

    public void Add(T item)
    {
        if (Count == _items.Length) Grow();
        _items[Count++] = item;
    }

    public T Pop()
    {
        var item = _items[--Count];
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) _items[Count] = default!;
        return item;
    }

    /// <summary>The items, copied in chunks that stay off the large-object heap.</summary>
    public readonly ChunkedArray<T> ToChunked()
    {
        var copy = new ChunkedArray<T>(Count);
        for (var i = 0; i < Count; i++) copy[i] = _items[i];
        return copy;
    }

    public void Dispose()
    {
        if (_items is null) return;
        ArrayPool<T>.Shared.Return(_items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = null!;
    }

    private void Grow()
    {
        var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
        Array.Copy(_items, larger, Count);
        ArrayPool<T>.Shared.Return(_items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _items = larger;
    }
}
