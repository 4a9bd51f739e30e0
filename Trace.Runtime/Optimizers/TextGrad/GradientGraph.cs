using Opto.Backward;

namespace Opto.Optimizers;

/// <summary>
/// The part of the graph TextGrad propagates through: the union of the passes that reached the optimizer's parameters,
/// in topological order, with the nodes on a path from a parameter to an output, each one's parents on such a path and
/// the nodes that consume it.
/// </summary>
internal sealed class GradientGraph
{
    private readonly Dictionary<Node, int> _positions = new(ReferenceEqualityComparer.Instance);

    public GradientGraph(IReadOnlyList<ParameterNode> parameters)
    {
        var trainable = new HashSet<Node>(parameters, ReferenceEqualityComparer.Instance);
        foreach (var (pass, positions) in ProblemBuilder.PassesOf(parameters))
        {
            foreach (var node in pass.UnionOf(positions))
            {
                if (_positions.TryAdd(node, Nodes.Count)) Nodes.Add(node);
            }

            if (!Outputs.Exists(o => ReferenceEquals(o.Output, pass.Output) && o.Feedback == pass.Feedback)) Outputs.Add((pass.Output, pass.Feedback));
        }

        MergedOrder.Restore(Nodes, _positions);

        // Forward in topological order: a node is on a path when it is a parameter or one of its parents is.
        OnPath = new bool[Nodes.Count];
        ParentsOnPath = new List<Node>[Nodes.Count];
        Consumers = new List<Node>[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            ParentsOnPath[i] = [];
            Consumers[i] = [];
            for (var k = 0; k < node.ParentCount; k++)
            {
                var parent = node.GetParent(k);
                if (_positions.TryGetValue(parent, out var p) && OnPath[p]) ParentsOnPath[i].Add(parent);
            }

            OnPath[i] = trainable.Contains(node) || ParentsOnPath[i].Count > 0;
            foreach (var parent in ParentsOnPath[i])
            {
                if (!Consumers[_positions[parent]].Contains(node)) Consumers[_positions[parent]].Add(node);
            }
        }
    }

    /// <summary>The nodes, parents before children.</summary>
    public List<Node> Nodes { get; } = [];

    /// <summary>The outputs that got feedback, and the feedback.</summary>
    public List<(Node Output, string Feedback)> Outputs { get; } = [];

    /// <summary>Per node: whether it is on a path from a parameter to an output.</summary>
    public bool[] OnPath { get; }

    /// <summary>Per node: its parents on such a path (the inputs feedback flows back to).</summary>
    public List<Node>[] ParentsOnPath { get; }

    /// <summary>Per node: the nodes on a path that take it as a parent.</summary>
    public List<Node>[] Consumers { get; }

    public int PositionOf(Node node) => _positions[node];
}
