using Opto.Export;

namespace Opto.Backward;

/// <summary>
/// The part of an execution graph that links a trainable parameter to an output that received feedback:
/// every node on a path from the parameter to the output, and the parents of those nodes (the other inputs,
/// parameters and intermediate values the optimizer needs to read), in topological order.
/// </summary>
/// <remarks>
/// The nodes are found when first asked for: a backward pass shares one structure among all the parameters it
/// reached, so it costs the size of the output's ancestry however many parameters there are.
/// </remarks>
public sealed class Subgraph
{
    private IReadOnlyList<Node>? _nodes;

    internal Subgraph(BackwardPass pass, int parameterPosition)
    {
        Pass = pass;
        ParameterPosition = parameterPosition;
    }

    /// <summary>The nodes, parents before children.</summary>
    public IReadOnlyList<Node> Nodes
    {
        get
        {
            if (Volatile.Read(ref _nodes) is { } nodes) return nodes;
            nodes = Pass.SliceOf(ParameterPosition);
            return Interlocked.CompareExchange(ref _nodes, nodes, null) ?? nodes;
        }
    }

    /// <summary>The node that received the feedback.</summary>
    public Node Output => Pass.Output;

    internal BackwardPass Pass { get; }

    internal int ParameterPosition { get; }

    /// <summary>The subgraph in Graphviz DOT.</summary>
    public string ToDot() => GraphExport.ToDot(Nodes);

    /// <summary>The subgraph as a Mermaid flowchart.</summary>
    public string ToMermaid() => GraphExport.ToMermaid(Nodes);
}
