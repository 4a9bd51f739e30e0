namespace Opto;

/// <summary>A plain value that entered a traced call from untraced code (or a constant at the call site).</summary>
public sealed class InputNode : Node
{
    private readonly InputKind _kind;
    private readonly object? _value;

    internal InputNode(string baseName, int ordinal, object? value, Type type) : this(new InputKind(baseName, type), ordinal, value)
    {
    }

    internal InputNode(InputKind kind, int ordinal, object? value) : base(ordinal)
    {
        _kind = kind;
        _value = value;
    }

    private protected override object? BoxedValue => _value;

    private protected override string BaseName => _kind.BaseName;

    /// <inheritdoc />
    public override Type ValueType => _kind.Type;

    internal override int ParentCount => 0;

    internal override Node GetParent(int index) => throw new ArgumentOutOfRangeException(nameof(index));
}

/// <summary>What the inputs of one parameter have in common, shared by them rather than stored in each.</summary>
internal sealed record InputKind(string BaseName, Type Type);
