namespace Opto;

/// <summary>
/// A collection (array, list, dictionary, tuple) passed to a traced call whose elements came from traced calls or are
/// parameters. Its parents are those elements' nodes, so feedback on the call reaches each of them, as Python Trace
/// does for a list of nodes.
/// </summary>
public sealed class CollectionNode : Node
{
    private readonly string _baseName;
    private readonly object? _value;
    private readonly Type _type;
    private readonly Node[] _elements;

    internal CollectionNode(string baseName, int ordinal, object? value, Type type, Node[] elements, int count) : base(ordinal)
    {
        _baseName = baseName;
        _value = value;
        _type = type;
        _elements = elements;
        Count = count;
    }

    /// <summary>The nodes of the elements that came from traced calls or are parameters (each once), in element order.</summary>
    public IReadOnlyList<Node> Elements => _elements;

    /// <summary>How many elements the collection held when it was passed (linked or not).</summary>
    public int Count { get; }

    /// <inheritdoc />
    public override Type ValueType => _type;

    private protected override object? BoxedValue => _value;

    private protected override string BaseName => _baseName;

    internal override int ParentCount => _elements.Length;

    internal override Node GetParent(int index) => _elements[index];
}
