namespace Opto;

/// <summary>
/// The elements of collections and tuples traced calls returned: each is linked to the latest call that returned it
/// when it is next passed on (<c>foreach (var doc in Search(q)) Summarize(doc)</c>), as a <see cref="GlueNode"/> that reads
/// it out (<c>search0[2]</c>). An element a call returned inside a collection after another call produced it (a ranking
/// of earlier results) is that call's now, as any value is its latest producer's. The nodes are made only for the elements
/// that are used, so a large collection costs one entry per element, not a node. Under the graph's lock.
/// </summary>
internal sealed class ElementSources
{
    private readonly Dictionary<object, (Node Source, string Expression)> _pending = new(ReferenceEqualityComparer.Instance);

    public int Count => _pending.Count;

    /// <summary>Makes <paramref name="source"/> the latest producer of <paramref name="element"/>, read out by <paramref name="expression"/>.</summary>
    public void Set(object element, Node source, string expression) => _pending[element] = (source, expression);

    /// <summary>Forgets an element a later call produced itself.</summary>
    public void Remove(object element) => _pending.Remove(element);

    public bool TryTake(object element, out Node source, out string expression)
    {
        if (_pending.Remove(element, out var found))
        {
            (source, expression) = found;
            return true;
        }

        (source, expression) = (null!, "");
        return false;
    }

    public void Clear() => _pending.Clear();
}
