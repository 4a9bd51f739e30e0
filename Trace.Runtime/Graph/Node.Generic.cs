namespace Opto;

/// <summary>
/// A value wrapped in a node by hand, for explicit control over the graph (Python Trace's <c>node(x)</c>).
/// Pass it to a traced method whose parameter is a <see cref="Node{T}"/>, or use it as the root of a graph.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class Node<T> : Node
{
    private readonly string _name;

    internal Node(T value, string name) : base(0)
    {
        Value = value;
        _name = name;
    }

    /// <summary>The wrapped value.</summary>
    public new T Value { get; }

    /// <inheritdoc />
    public override string Name => _name;

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    internal override int ParentCount => 0;

    internal override Node GetParent(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    private protected override object? BoxedValue => Value;
}
