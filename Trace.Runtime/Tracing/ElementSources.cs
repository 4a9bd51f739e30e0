namespace Opto;

/// <summary>
/// The elements of collections and tuples traced calls returned: each is linked to the latest call that returned it
/// when it is next passed on (<c>foreach (var doc in Search(q)) Summarize(doc)</c>), as a <see cref="GlueNode"/> that reads
/// it out (<c>search0[2]</c>). An element another call produced before (a ranking of earlier results, a history a call
/// hands back) keeps that call as a parent too: its node is glue over both, so what chose it and what made it are both
/// reached. The nodes are made only for the elements that are used, so a large collection costs one entry per element,
/// not a node. The text a combiner made of parts (<c>string.Join(", ", summaries)</c>) waits here the same way, as glue
/// over its parts' nodes. Under the graph's lock.
/// </summary>
internal sealed class ElementSources
{
    // The identities of the values waiting, as bits of a small filter read without the graph's lock (MayHold): a value
    // whose bit is clear is not waiting, so looking it up takes no lock while others wait (a joined prompt or a returned
    // list waits until the scope ends if it is never passed on). Bits are set while values wait and cleared when none does.
    private const int FilterBits = 1024;
    private readonly long[] _filter = new long[FilterBits / 64];
    private readonly Dictionary<object, Pending> _pending = new(ReferenceEqualityComparer.Instance);

    public int Count => _pending.Count;

    /// <summary>
    /// False when <paramref name="value"/> is certainly not waiting; true when it may be. Safe without the graph's lock: a
    /// value set waiting concurrently may be missed, as a lookup that starts before it is set would miss it anyway.
    /// </summary>
    public bool MayHold(object value)
    {
        var bit = Bit(value);
        return (Volatile.Read(ref _filter[bit >> 6]) & (1L << bit)) != 0;
    }

    /// <summary>
    /// Makes <paramref name="source"/> the latest producer of <paramref name="element"/>, read out by
    /// <paramref name="expression"/>; <paramref name="earlier"/> is the call that produced the element itself, if one did.
    /// </summary>
    public void Set(object element, Node source, string expression, Node? earlier) => Wait(element, new(source, expression, earlier));

    /// <summary>Forgets an element a later call produced itself.</summary>
    public void Remove(object element)
    {
        if (_pending.Remove(element)) ClearFilterWhenEmpty();
    }

    public bool TryTake(object element, out Pending pending)
    {
        if (!_pending.Remove(element, out pending)) return false;
        ClearFilterWhenEmpty();
        return true;
    }

    /// <summary>The element's waiting entry, left waiting.</summary>
    public bool TryPeek(object element, out Pending pending) => _pending.TryGetValue(element, out pending);

    public void Clear()
    {
        _pending.Clear();
        Array.Clear(_filter);
    }

    /// <summary>
    /// Makes <paramref name="value"/>, a text a combiner made (<c>string.Join(", ", parts)</c>) or an element a traced
    /// iterator yielded, wait as glue over the nodes of what it was made of: its node is made when it is next passed on, as
    /// an element's is.
    /// </summary>
    public void SetCombined(object value, CombinedParts parts, string expression) => Wait(value, new(parts, expression, null));

    // The bit is set before the graph publishes the new count (a volatile write after this), so a lookup that sees the
    // count sees the bit.
    private void Wait(object value, Pending pending)
    {
        _pending[value] = pending;
        var bit = Bit(value);
        _filter[bit >> 6] |= 1L << bit;
    }

    private void ClearFilterWhenEmpty()
    {
        if (_pending.Count == 0) Array.Clear(_filter);
    }

    private static int Bit(object value) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value) & (FilterBits - 1);

    /// <summary>
    /// A value waiting to be linked: the call that returned it (an element) or the parts it was made of (a combiner's
    /// text), how it is read out or made, and an element's own producer.
    /// </summary>
    internal readonly record struct Pending(object Source, string Expression, Node? Earlier);
}

/// <summary>The nodes of the parts a combiner's text was made of, and the base name of its node (<c>join</c>).</summary>
internal sealed class CombinedParts(Node[] parents, NameKey name)
{
    public Node[] Parents { get; } = parents;

    public NameKey Name { get; } = name;
}
