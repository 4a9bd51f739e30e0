namespace Opto.Transport;

/// <summary>
/// The ancestry of a rollout's output as plain data, to carry to another process: every node the feedback would go
/// backward through, parents before children, with its name, type and value as an optimizer shows them.
/// </summary>
/// <param name="Nodes">The nodes, each after its parents.</param>
/// <param name="Output">The position of the output in <paramref name="Nodes"/>.</param>
/// <param name="Format">The version of this form; <see cref="GraphTransport.Unpack"/> reads <see cref="CurrentFormat"/> only.</param>
public sealed record PackedGraph(IReadOnlyList<PackedNode> Nodes, int Output, int Format = PackedGraph.CurrentFormat)
{
    /// <summary>The version of the form this library writes and reads (3: a call may name the condition that decided it ran).</summary>
    public const int CurrentFormat = 3;
}

/// <summary>A node of a <see cref="PackedGraph"/>.</summary>
/// <param name="Kind">input, call, exception, glue, decision, collection, parameter or value.</param>
/// <param name="BaseName">Its name without the ordinal (a parameter's or a hand-made node's whole name).</param>
/// <param name="Ordinal">The ordinal its name ends with (0 for parameters and hand-made nodes).</param>
/// <param name="Type">Its value's type as an optimizer shows it (<see cref="TypeNames.Display"/>).</param>
/// <param name="ClrType">Its value's type's assembly-qualified name, taken up where the type can be loaded.</param>
/// <param name="Value">Its value as an optimizer shows it (JSON).</param>
/// <param name="Inputs">A call's inputs, a glue's or a decision's sources or a collection's elements, by position, in order.</param>
/// <param name="Dependencies">The parameters a call's body read, by position.</param>
/// <param name="Cause">The node an exception came from, or -1.</param>
/// <param name="Operator">A call's method.</param>
/// <param name="Expression">A glue's expression, or a decision's condition.</param>
/// <param name="Count">A collection's element count.</param>
/// <param name="ExceptionType">An exception's type name.</param>
/// <param name="ExceptionMessage">An exception's message.</param>
/// <param name="Receiver">The node of the object a call's method ran on, when a traced call produced it; or -1.</param>
/// <param name="Decision">The condition over traced results that decided whether a call ran (a node of kind decision); or -1.</param>
public sealed record PackedNode(
    string Kind,
    string BaseName,
    int Ordinal,
    string Type,
    string? ClrType,
    string Value,
    IReadOnlyList<int> Inputs,
    IReadOnlyList<int> Dependencies,
    int Cause,
    PackedOperator? Operator,
    string? Expression,
    int Count,
    string? ExceptionType = null,
    string? ExceptionMessage = null,
    int Receiver = -1,
    int Decision = -1)
{
    /// <summary>Its name in the graph: the base name and the ordinal (a parameter's or a hand-made node's name as it is).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => Kind is "parameter" or "value" ? BaseName : BaseName + Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A traced method as a <see cref="PackedNode"/> carries it.</summary>
/// <param name="Key">Its documentation ID.</param>
/// <param name="MethodName">Its name.</param>
/// <param name="ParameterNames">Its parameters' names.</param>
/// <param name="ResultType">Its result type's assembly-qualified name.</param>
/// <param name="Description">Its doc summary.</param>
public sealed record PackedOperator(string Key, string MethodName, IReadOnlyList<string> ParameterNames, string ResultType, string? Description);
