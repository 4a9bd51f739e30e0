using Opto.Export;

namespace Opto.Backward;

/// <summary>
/// The part of an execution graph that links a trainable parameter to an output that received feedback:
/// every node on a path from the parameter to the output, and the parents of those nodes (the other inputs,
/// parameters and intermediate values the optimizer needs to read), in topological order.
/// </summary>
public sealed class Subgraph
{
    internal Subgraph(IReadOnlyList<Node> nodes, Node output)
    {
        Nodes = nodes;
        Output = output;
    }

    /// <summary>The nodes, parents before children.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The node that received the feedback.</summary>
    public Node Output { get; }

    /// <summary>The subgraph in Graphviz DOT.</summary>
    public string ToDot() => GraphExport.ToDot(Nodes);

    /// <summary>The subgraph as a Mermaid flowchart.</summary>
    public string ToMermaid() => GraphExport.ToMermaid(Nodes);
}
