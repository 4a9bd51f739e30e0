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
        var merged = new List<Node>();
        var included = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var (pass, positions) in ProblemBuilder.PassesOf(parameters))
        {
            foreach (var node in pass.UnionOf(positions))
            {
                if (included.Add(node)) merged.Add(node);
            }

            if (!Outputs.Exists(o => ReferenceEquals(o.Output, pass.Output) && o.Feedback == pass.Feedback)) Outputs.Add((pass.Output, pass.Feedback));
        }

        // Passes that reached different parameters can list a shared node in different places: sort the union again.
        foreach (var node in TopologicalOrder(merged, included))
        {
            _positions.Add(node, Nodes.Count);
            Nodes.Add(node);
        }

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

    // Parents before children, over the parents inside the set; depth-first without recursion (a chain can be long).
    private static List<Node> TopologicalOrder(List<Node> nodes, HashSet<Node> included)
    {
        var order = new List<Node>(nodes.Count);
        var done = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node Node, int NextParent)>();
        foreach (var root in nodes)
        {
            if (done.Contains(root)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (done.Contains(node)) continue;
                var pushed = false;
                for (var k = next; k < node.ParentCount; k++)
                {
                    var parent = node.GetParent(k);
                    if (!included.Contains(parent) || done.Contains(parent)) continue;
                    stack.Push((node, k + 1));
                    stack.Push((parent, 0));
                    pushed = true;
                    break;
                }

                if (pushed) continue;
                done.Add(node);
                order.Add(node);
            }
        }

        return order;
    }
}
