using System.Runtime.CompilerServices;

namespace Opto;

/// <summary>
/// Which node produced each value, by reference: open addressing with linear probing over 16-byte slots (a
/// <c>Dictionary</c> entry is 24 bytes plus a 4-byte bucket). Entries are never removed, only all at once.
/// </summary>
/// <remarks>
/// Writers hold the graph's lock. <see cref="Find"/> may run without it: a slot's node is written before its key, and a
/// grown table is published only once filled, so a reader sees either a complete entry or none. A reader that finds
/// nothing must look again under the lock (the entry may be in a table being built).
/// </remarks>
internal sealed class IdentityMap
{
    private const int InitialCapacity = 16;

    private Slot[] _slots = new Slot[InitialCapacity];
    private int _count;

    public Node? Find(object key)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = RuntimeHelpers.GetHashCode(key) & mask; ; i = (i + 1) & mask)
        {
            var found = Volatile.Read(ref slots[i].Key);
            if (found is null) return null;
            if (ReferenceEquals(found, key)) return slots[i].Node;
        }
    }

    /// <summary>Makes <paramref name="node"/> the producer of <paramref name="key"/>, replacing any earlier one. Under the lock.</summary>
    public void Set(object key, Node node)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = RuntimeHelpers.GetHashCode(key) & mask;
        for (; slots[i].Key is { } found; i = (i + 1) & mask)
        {
            if (ReferenceEquals(found, key))
            {
                slots[i].Node = node;
                return;
            }
        }

        // At most half full: probes stay short, and a lookup always reaches an empty slot.
        if ((_count + 1) * 2 > slots.Length)
        {
            Grow();
            Set(key, node);
            return;
        }

        slots[i].Node = node;
        Volatile.Write(ref slots[i].Key, key);
        _count++;
    }

    /// <summary>Forgets every entry. Under the lock.</summary>
    public void Clear()
    {
        Volatile.Write(ref _slots, new Slot[InitialCapacity]);
        _count = 0;
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new Slot[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key is null) continue;
            var i = RuntimeHelpers.GetHashCode(slot.Key) & mask;
            while (slots[i].Key is not null) i = (i + 1) & mask;
            slots[i] = slot;
        }

        Volatile.Write(ref _slots, slots);
    }

    private struct Slot
    {
        public object? Key;
        public Node? Node;
    }
}
