namespace Opto;

/// <summary>The result of one traced call: which operator produced it, from which inputs, reading which trainable members.</summary>
public class MessageNode : Node
{
    // Up to two inputs are held in fields (no array per node); more are all held in an array in _second. A node that
    // holds its new inputs itself (NodeWithNewInputs) keeps their values here until they are asked for as nodes.
    private protected object? _first;
    private protected object? _second;
    private readonly ParameterNode[] _dependencies;
    private readonly object? _value;

    internal MessageNode(OperatorInfo op, int ordinal, Node[] inputs, ParameterNode[] dependencies, object? value)
        : this(op, ordinal, inputs.Length, inputs.Length is 1 or 2 ? inputs[0] : null, inputs.Length == 2 ? inputs[1] : null, inputs.Length > 2 ? inputs : null, dependencies, value)
    {
    }

    /// <summary>A node over <paramref name="arity"/> inputs: <paramref name="first"/> and <paramref name="second"/> when there are at most two, else <paramref name="all"/>.</summary>
    internal MessageNode(OperatorInfo op, int ordinal, int arity, Node? first, Node? second, Node[]? all, ParameterNode[] dependencies, object? value)
        : base(ordinal)
    {
        Operator = op;
        if (arity > 2 || (arity >= 1 && first is null) || (arity == 2 && second is null))
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

    /// <inheritdoc />
    public override string? Description => Operator.Description;

    /// <inheritdoc />
    public override Type ValueType => Operator.ResultType;

    private protected override object? BoxedValue => _value;

    private protected override string BaseName => Operator.NodeName.Text;

    internal override int ParentCount => InputCount + _dependencies.Length;

    internal override Node GetParent(int index) =>
        index < InputCount ? Input(index) : _dependencies[index - InputCount];

    private protected virtual int InputCount => _second switch
    {
        Node[] all => all.Length,
        null => _first is null ? 0 : 1,
        _ => 2,
    };

    private protected virtual Node Input(int index) => _second is Node[] all ? all[index] : (Node)(index == 0 ? _first : _second)!;
}
