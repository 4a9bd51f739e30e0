using System.Runtime.CompilerServices;

namespace Opto;

/// <summary>
/// Which node produced each value, by reference: open addressing with linear probing over 8-byte slots, each the
/// position of the value's node in the graph's <see cref="NodeStore"/> and the value's hash. The value is the node's
/// own <see cref="Node.Value"/>, so the table holds no reference: the garbage collector never scans it, where a table of
/// references written at random places would leave most of its cards dirty for every collection to scan.
/// </summary>
/// <remarks>
/// Writers hold the graph's lock. <see cref="Find"/> may run without it: a slot is written in one store after its
/// node is in the store, and a grown table is published only once filled, so a reader sees either a complete entry or
/// none. A reader that finds nothing must look again under the lock.
/// </remarks>
internal sealed class IdentityMap(NodeStore nodes)
{
    private const int InitialCapacity = 16;

    // A slot is (position + 1) << 32 | hash; 0 is empty.
    private long[] _slots = new long[InitialCapacity];
    private int _count;

    public Node? Find(object key)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(key);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = Volatile.Read(ref slots[i]);
            if (slot == 0) return null;
            if ((int)slot == hash && nodes.WithValueAt((int)(slot >> 32) - 1, key) is { } node) return node;
        }
    }

    /// <summary>Makes <paramref name="node"/> (a node of the store, whose value is <paramref name="key"/>) the producer of the key. Under the lock.</summary>
    public void Set(object key, Node node) => SetAt(Probe(key), key, node);

    /// <summary>Makes <paramref name="node"/> the producer of the key, at the slot <see cref="Probe"/> gave. Under the lock.</summary>
    public void SetAt(int slot, object key, Node node)
    {
        if (_slots[slot] == 0) Insert(slot, key, node);
        else Volatile.Write(ref _slots[slot], Pack(node.GraphIndex, RuntimeHelpers.GetHashCode(key)));
    }

    /// <summary>
    /// The slot that holds <paramref name="key"/>, or the empty slot where it goes (the table grown first if it would
    /// be over half full): <see cref="NodeAt"/> and <see cref="Insert(int, object, int)"/> take it, with no other change to the map in between.
    /// Under the lock.
    /// </summary>
    public int Probe(object key)
    {
        if ((_count + 1) * 2 > _slots.Length) Grow();
        var slots = _slots;
        var mask = slots.Length - 1;
        var hash = RuntimeHelpers.GetHashCode(key);
        var i = hash & mask;
        while (slots[i] is var slot && slot != 0 && !((int)slot == hash && ReferenceEquals(nodes.ValueAt((int)(slot >> 32) - 1), key))) i = (i + 1) & mask;
        return i;
    }

    public Node? NodeAt(int slot) => _slots[slot] == 0 ? null : nodes[(int)(_slots[slot] >> 32) - 1];

    public void Insert(int slot, object key, Node node) => Insert(slot, key, node.GraphIndex);

    /// <summary>Makes the node at <paramref name="position"/> of the store the producer of the key, at the empty slot <see cref="Probe"/> gave.</summary>
    public void Insert(int slot, object key, int position)
    {
        Volatile.Write(ref _slots[slot], Pack(position, RuntimeHelpers.GetHashCode(key)));
        _count++;
    }

    /// <summary>Forgets every entry. Under the lock.</summary>
    public void Clear()
    {
        Volatile.Write(ref _slots, new long[InitialCapacity]);
        _count = 0;
    }

    private static long Pack(int position, int hash) => ((long)(position + 1) << 32) | (uint)hash;

    private void Grow()
    {
        var old = _slots;
        var slots = new long[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot == 0) continue;
            var i = (int)slot & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = slot;
        }

        Volatile.Write(ref _slots, slots);
    }
}
