namespace Opto;

/// <summary>
/// A traced call that threw. Its value is the exception; its parents are the call's inputs, the trainable
/// members it read, the node of the object it was called on (when a traced call produced it), the condition that decided
/// it ran (when traced results decided it), and the exception node of a traced call the exception came from.
/// </summary>
public sealed class ExceptionNode : MessageNode
{
    private readonly Node? _cause;

    internal ExceptionNode(OperatorInfo op, int ordinal, Node[] inputs, ParameterNode[] dependencies, Exception exception, Node? cause)
        : this(op, ordinal, inputs, receiver: null, dependencies, exception, cause)
    {
    }

    internal ExceptionNode(OperatorInfo op, int ordinal, Node[] inputs, Node? receiver, ParameterNode[] dependencies, Exception exception, Node? cause)
        : this(op, ordinal, inputs, receiver, decision: null, dependencies, exception, cause)
    {
    }

    internal ExceptionNode(OperatorInfo op, int ordinal, Node[] inputs, Node? receiver, DecisionNode? decision, ParameterNode[] dependencies, Exception exception, Node? cause)
        : base(op, ordinal, inputs, receiver, decision, dependencies, exception)
    {
        Exception = exception;
        _cause = cause;
    }

    /// <summary>The exception node of the traced call the exception came from, if any.</summary>
    internal Node? Cause => _cause;

    /// <summary>The exception the call threw.</summary>
    public Exception Exception { get; }

    /// <inheritdoc />
    public override Type ValueType => Exception.GetType();

    /// <inheritdoc />
    public override string? Description =>
        $"{Operator.MethodName} threw {Exception.GetType().Name}: {Exception.Message}" +
        (ExceptionLocations.Describe(Exception) is { } where ? $" {where}" : "") +
        (Operator.Description is { } d ? $" ({d})" : "");

    internal override int ParentCount => base.ParentCount + (_cause is null ? 0 : 1);

    internal override Node GetParent(int index) =>
        index < base.ParentCount ? base.GetParent(index) : _cause!;
}
