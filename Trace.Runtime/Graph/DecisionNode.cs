namespace Opto;

/// <summary>
/// A condition over the results of traced calls that decided whether, or how often, another traced call ran:
/// <c>if (Classify(q) == "refund") return Refund(q);</c>, <c>while (Critique(draft) != "ok") draft = Refine(draft);</c>.
/// Its expression is the condition as written, and its parents are the calls whose results it read, as the compiler
/// proved. The call it decided has it as a parent (<see cref="MessageNode.Decision"/>), so feedback on that call also
/// reaches the calls that chose to make it.
/// </summary>
public sealed class DecisionNode : Node
{
    // One source (the usual case) is held as itself, several as an array.
    private readonly object _sources;

    internal DecisionNode(int ordinal, string expression, Node source, List<Node>? sources) : base(ordinal)
    {
        Expression = expression;
        _sources = sources is { Count: > 1 } ? sources.ToArray() : source;
    }

    /// <summary>The condition as written in the source: several, separated by <c>;</c>, when several decided the call.</summary>
    public string Expression { get; }

    /// <inheritdoc />
    public override string? Description => $"The condition that decided whether the call after it ran: {Expression}";

    /// <summary>A decision holds no value of its own: the values it read are its parents'.</summary>
    public override Type ValueType => typeof(void);

    private protected override object? BoxedValue => null;

    private protected override string BaseName => "decision";

    internal override int ParentCount => _sources is Node[] several ? several.Length : 1;

    internal override Node GetParent(int index) => _sources switch
    {
        Node[] several => several[index],
        _ when index == 0 => (Node)_sources,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A decision over one call has one parent."),
    };
}
