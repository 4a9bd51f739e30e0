namespace Opto;

/// <summary>A plain value that entered a traced call from untraced code (or a constant at the call site).</summary>
public sealed class InputNode : Node
{
    private readonly string _baseName;
    private readonly object? _value;
    private readonly Type _type;

    internal InputNode(string baseName, int ordinal, object? value, Type type) : base(ordinal)
    {
        _baseName = baseName;
        _value = value;
        _type = type;
    }

    private protected override object? BoxedValue => _value;

    private protected override string BaseName => _baseName;

    /// <inheritdoc />
    public override Type ValueType => _type;

    internal override int ParentCount => 0;

    internal override Node GetParent(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}
