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

    /// <summary>
    /// Makes <paramref name="text"/>, which a combiner made (<c>string.Join(", ", parts)</c>), wait as glue over the nodes of
    /// its parts: its node is made when the text is next passed on, as an element's is.
    /// </summary>
    public void SetCombined(string text, CombinedParts parts, string expression) => _pending[text] = new(parts, expression, null);

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
