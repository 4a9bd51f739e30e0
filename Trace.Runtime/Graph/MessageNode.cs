namespace Opto;

/// <summary>The result of one traced call: which operator produced it, from which inputs, reading which trainable members.</summary>
public class MessageNode : Node
{
    private readonly Node[] _inputs;
    private readonly ParameterNode[] _dependencies;
    private readonly object? _value;

    internal MessageNode(OperatorInfo op, int ordinal, Node[] inputs, ParameterNode[] dependencies, object? value) : base(ordinal)
    {
        Operator = op;
        _inputs = inputs;
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
            var inputs = new KeyValuePair<string, Node>[_inputs.Length];
            for (var i = 0; i < inputs.Length; i++) inputs[i] = new(Operator.ParameterNames[i], _inputs[i]);
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

    internal override int ParentCount => _inputs.Length + _dependencies.Length;

    internal override Node GetParent(int index) =>
        index < _inputs.Length ? _inputs[index] : _dependencies[index - _inputs.Length];
}
