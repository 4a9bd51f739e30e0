namespace Opto;

/// <summary>
/// The elements of collections and tuples traced calls returned: each is linked to the latest call that returned it
/// when it is next passed on (<c>foreach (var doc in Search(q)) Summarize(doc)</c>), as a <see cref="GlueNode"/> that reads
/// it out (<c>search0[2]</c>). An element another call produced before (a ranking of earlier results, a history a call
/// hands back) keeps that call as a parent too: its node is glue over both, so what chose it and what made it are both
/// reached. The nodes are made only for the elements that are used, so a large collection costs one entry per element,
/// not a node. Under the graph's lock.
/// </summary>
internal sealed class ElementSources
{
    private readonly Dictionary<object, Pending> _pending = new(ReferenceEqualityComparer.Instance);

    public int Count => _pending.Count;

    /// <summary>
    /// Makes <paramref name="source"/> the latest producer of <paramref name="element"/>, read out by
    /// <paramref name="expression"/>; <paramref name="earlier"/> is the call that produced the element itself, if one did.
    /// </summary>
    public void Set(object element, Node source, string expression, Node? earlier) => _pending[element] = new(source, expression, earlier);

    /// <summary>Forgets an element a later call produced itself.</summary>
    public void Remove(object element) => _pending.Remove(element);

    public bool TryTake(object element, out Pending pending) => _pending.Remove(element, out pending);

    /// <summary>The element's waiting entry, left waiting.</summary>
    public bool TryPeek(object element, out Pending pending) => _pending.TryGetValue(element, out pending);

    public void Clear() => _pending.Clear();

    /// <summary>An element waiting to be linked: the call that returned it, how it is read out, and its own producer.</summary>
    internal readonly record struct Pending(Node Source, string Expression, Node? Earlier);
}
