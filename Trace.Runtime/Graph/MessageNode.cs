namespace Opto;

/// <summary>
/// The result of one traced call: which operator produced it, from which inputs, reading which trainable members, and
/// the node of the object it was called on when a traced call produced that object.
/// </summary>
public class MessageNode : Node
{
    // Up to two inputs are held in fields (no array per node); more are all held in an array in _second. A node that
    // holds its new inputs itself (NodeWithNewInputs) keeps their values here until they are asked for as nodes. A
    // receiver's node is the array's last element, after the inputs: a node without one pays nothing for it.
    private protected object? _first;
    private protected object? _second;
    private readonly ParameterNode[] _dependencies;
    private readonly object? _value;

    internal MessageNode(OperatorInfo op, int ordinal, Node[] inputs, ParameterNode[] dependencies, object? value)
        : this(op, ordinal, inputs, receiver: null, dependencies, value)
    {
    }

    /// <summary>A node over <paramref name="inputs"/>, and <paramref name="receiver"/> when the method ran on an object a traced call produced.</summary>
    internal MessageNode(OperatorInfo op, int ordinal, Node[] inputs, Node? receiver, ParameterNode[] dependencies, object? value)
        : this(op, ordinal, inputs, receiver, decision: null, dependencies, value)
    {
    }

    /// <summary>
    /// A node over <paramref name="inputs"/>, <paramref name="receiver"/> when the method ran on an object a traced call
    /// produced, and <paramref name="decision"/> when a condition over traced results decided that it ran.
    /// </summary>
    internal MessageNode(OperatorInfo op, int ordinal, Node[] inputs, Node? receiver, DecisionNode? decision, ParameterNode[] dependencies, object? value)
        : this(
            op,
            ordinal,
            inputs.Length,
            receiver is null && decision is null && inputs.Length is 1 or 2 ? inputs[0] : null,
            receiver is null && decision is null && inputs.Length == 2 ? inputs[1] : null,
            receiver is not null || decision is not null ? WithExtras(inputs, receiver, decision) : inputs.Length > 2 ? inputs : null,
            dependencies,
            value)
    {
    }

    // The inputs, then the receiver and the decision, those there are: the parents after the members read.
    private static Node[] WithExtras(Node[] inputs, Node? receiver, DecisionNode? decision)
    {
        var all = new Node[inputs.Length + (receiver is null ? 0 : 1) + (decision is null ? 0 : 1)];
        inputs.CopyTo(all, 0);
        if (receiver is not null) all[inputs.Length] = receiver;
        if (decision is not null) all[^1] = decision;
        return all;
    }

    /// <summary>A node over <paramref name="arity"/> inputs: <paramref name="first"/> and <paramref name="second"/> when there are at most two, else <paramref name="all"/>.</summary>
    internal MessageNode(OperatorInfo op, int ordinal, int arity, Node? first, Node? second, Node[]? all, ParameterNode[] dependencies, object? value)
        : base(ordinal)
    {
        Operator = op;
        if (arity > 2 || all is not null || (arity >= 1 && first is null) || (arity == 2 && second is null))
        {
            // An input left unrecorded (or more than two): the array keeps the count exact.
            _second = all ?? (arity == 1 ? [first!] : [first!, second!]);
        }
        else
        {
            _first = first;
            _second = second;
        }

        _dependencies = dependencies;
        _value = value;
    }

    /// <summary>A node over two inputs held as they are given (values or nodes): see <see cref="NodeWithNewInputs"/>.</summary>
    private protected MessageNode(OperatorInfo op, int ordinal, object? first, object? second, ParameterNode[] dependencies, object? value)
        : base(ordinal)
    {
        Operator = op;
        _first = first;
        _second = second;
        _dependencies = dependencies;
        _value = value;
    }

    /// <summary>The traced method that produced this value.</summary>
    public OperatorInfo Operator { get; }

    /// <summary>The call's arguments, by parameter name.</summary>
    public IReadOnlyList<KeyValuePair<string, Node>> Inputs
    {
        get
        {
            var inputs = new KeyValuePair<string, Node>[InputCount];
            for (var i = 0; i < inputs.Length; i++) inputs[i] = new(Operator.ParameterNames[i], Input(i));
            return inputs;
        }
    }

    /// <summary>The trainable members the method's body read (found by the compiler), which the value also depends on.</summary>
    public IReadOnlyList<ParameterNode> HiddenDependencies => _dependencies;

    /// <summary>
    /// The node of the object the method was called on, when a traced call produced that object (<c>Load(path)</c> in
    /// <c>Load(path).Summarize()</c>); otherwise <see langword="null"/>. The value depends on it as on an input.
    /// </summary>
    public Node? Receiver => ExtraCount switch
    {
        0 => null,
        1 => Decision is null ? Extras[0] : null,
        _ => Extras[0],
    };

    /// <summary>
    /// The condition over traced results that decided whether, or how often, this call ran (<c>if (Classify(q) == "refund")</c>
    /// around it), when there was one; otherwise <see langword="null"/>. The value depends on it as on an input.
    /// </summary>
    public DecisionNode? Decision => ExtraCount > 0 ? Extras[^1] as DecisionNode : null;

    // The parents held after the inputs in the array: the receiver and the decision, those there are.
    private int ExtraCount => _second is Node[] all ? Math.Max(0, all.Length - Operator.ParameterKeys.Length) : 0;

    private ReadOnlySpan<Node> Extras => ((Node[])_second!).AsSpan(Operator.ParameterKeys.Length);

    /// <inheritdoc />
    public override string? Description => Operator.Description;

    /// <inheritdoc />
    public override Type ValueType => Operator.ResultType;

    private protected override object? BoxedValue => _value;

    private protected override string BaseName => Operator.NodeName.Text;

    // Inputs, then the members read, then the receiver and the decision: the parents an exception node adds (its cause) come last.
    internal override int ParentCount => InputCount + _dependencies.Length + ExtraCount;

    internal override Node GetParent(int index) =>
        index < InputCount ? Input(index)
        : index < InputCount + _dependencies.Length ? _dependencies[index - InputCount]
        : Extras[index - InputCount - _dependencies.Length];

    private protected virtual int InputCount => _second switch
    {
        Node[] all => Math.Min(all.Length, Operator.ParameterKeys.Length),
        null => _first is null ? 0 : 1,
        _ => 2,
    };

    private protected virtual Node Input(int index) => _second is Node[] all ? all[index] : (Node)(index == 0 ? _first : _second)!;
}
