namespace Opto;

/// <summary>
/// The node of a call of at most two parameters whose arguments were new to the graph: it holds their values itself, and
/// makes their <see cref="InputNode"/>s only when they are asked for (as parents, by position in the graph, or by value).
/// A call with new inputs is then one object instead of three. Each input keeps its own position in the graph's store,
/// just before the call's own: the store holds this node there, and asks it for the input.
/// </summary>
internal sealed class NodeWithNewInputs : MessageNode
{
    // The ordinal of an input held here (its kind is the operator's, HeldInputKind), or -1 where the field holds a node
    // recorded before (a producer, a parameter).
    private readonly int _firstOrdinal;
    private readonly int _secondOrdinal;

    public NodeWithNewInputs(OperatorInfo op, int ordinal, in NewInput first, in NewInput second, ParameterNode[] dependencies, object? value)
        : base(op, ordinal, first.Held, second.Held, dependencies, value)
    {
        _firstOrdinal = first.Ordinal;
        _secondOrdinal = second.Ordinal;
    }

    /// <summary>How many positions of the store this node takes: one per input it holds, and its own.</summary>
    public int Positions => 1 + (_firstOrdinal < 0 ? 0 : 1) + (_secondOrdinal < 0 ? 0 : 1);

    private protected override int InputCount => Operator.ParameterKeys.Length;

    private protected override Node Input(int index) => index == 0
        ? _firstOrdinal < 0 ? (Node)_first! : Materialize(ref _first, Operator.HeldInputKind(0), _firstOrdinal, FirstPosition)
        : _secondOrdinal < 0 ? (Node)_second! : Materialize(ref _second, Operator.HeldInputKind(1), _secondOrdinal, GraphIndex - 1);

    /// <summary>The input held at <paramref name="position"/> of the store (one before this node's own), made a node if it was not yet.</summary>
    public Node InputAt(int position) => Input(IndexAt(position));

    /// <summary>The value of the input held at <paramref name="position"/>, without making it a node.</summary>
    public object? InputValueAt(int position) => Volatile.Read(ref HeldAt(position)) is var held && held is Node node ? node.Value : held;

    /// <summary>Whether <paramref name="node"/> is the node made for the input held at <paramref name="position"/> (none is made here).</summary>
    public bool MadeAt(int position, Node node) => ReferenceEquals(Volatile.Read(ref HeldAt(position)), node);

    private ref object? HeldAt(int position) => ref IndexAt(position) == 1 ? ref _second : ref _first;

    // Held inputs sit just before the node's own position, the second (if held) last.
    private int IndexAt(int position) => position == GraphIndex - 1 && _secondOrdinal >= 0 ? 1 : 0;

    private int FirstPosition => GraphIndex - (_secondOrdinal < 0 ? 1 : 2);

    // Several threads may ask at once: the first node stored wins, and every caller gets that one.
    private static Node Materialize(ref object? field, InputKind kind, int ordinal, int position)
    {
        var held = Volatile.Read(ref field);
        if (held is Node node) return node;
        var created = new InputNode(kind, ordinal, held) { GraphIndex = position };
        return Interlocked.CompareExchange(ref field, created, held) is Node winner ? winner : created;
    }
}

/// <summary>
/// One argument of a call recorded by <see cref="NodeWithNewInputs"/>: a node recorded before (<see cref="Ordinal"/> -1),
/// or the value of an input new to the graph, with its ordinal.
/// </summary>
internal readonly record struct NewInput(object? Held, int Ordinal)
{
    /// <summary>A node recorded before.</summary>
    public static NewInput Recorded(Node? node) => new(node, -1);

    /// <summary>Whether the argument is a value the call holds as a new input.</summary>
    public bool IsNew => Ordinal >= 0;
}
