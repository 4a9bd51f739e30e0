namespace Opto;

/// <summary>
/// A value that untraced code (glue) computed from the results of traced calls before passing it to another traced
/// call: <c>$"Greet in {lang}"</c>, <c>summary.Trim()</c>, <c>string.Join(", ", tags)</c>. Its operator is the C#
/// expression the user wrote, and its parents are the traced calls whose results it read, as the compiler proved.
/// </summary>
public sealed class GlueNode : Node
{
    private readonly string _baseName;
    private readonly object? _value;
    private readonly Type _type;
    // One source (the usual case) is held as itself, several as an array: no array kept per glued argument.
    private readonly object _sources;

    internal GlueNode(string baseName, int ordinal, string expression, object? value, Type type, Node[] sources)
        : this(baseName, ordinal, expression, value, type, sources.Length == 1 ? sources[0] : sources)
    {
    }

    internal GlueNode(string baseName, int ordinal, string expression, object? value, Type type, Node source)
        : this(baseName, ordinal, expression, value, type, (object)source)
    {
    }

    private GlueNode(string baseName, int ordinal, string expression, object? value, Type type, object sources) : base(ordinal)
    {
        _baseName = baseName;
        Expression = expression;
        _value = value;
        _type = type;
        _sources = sources;
    }

    /// <summary>The C# expression that computed the value, as written in the source.</summary>
    public string Expression { get; }

    /// <inheritdoc />
    public override string? Description => $"Glue code: {Expression}";

    /// <inheritdoc />
    public override Type ValueType => _type;

    private protected override object? BoxedValue => _value;

    private protected override string BaseName => _baseName;

    internal override int ParentCount => _sources is Node[] several ? several.Length : 1;

    internal override Node GetParent(int index) => _sources switch
    {
        Node[] several => several[index],
        _ when index == 0 => (Node)_sources,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A glue node of one source has one parent."),
    };
}
