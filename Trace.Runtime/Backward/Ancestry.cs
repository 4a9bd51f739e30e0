namespace Opto.Backward;

/// <summary>
/// A node and everything it depends on, in topological order (parents first), with each node's parents
/// as positions in that order (compressed rows: the parents of node i are ParentPositions[ParentStart[i]..ParentStart[i+1]]).
/// </summary>
internal sealed class Ancestry
{
    private Ancestry(Node[] nodes, int[] parentStart, int[] parentPositions)
    {
        Nodes = nodes;
        ParentStart = parentStart;
        ParentPositions = parentPositions;
    }

    public Node[] Nodes { get; }

    public int[] ParentStart { get; }

    public int[] ParentPositions { get; }

    public static Ancestry Of(Node output)
    {
        // The walk's growing buffers are pooled; only the result, at its exact size, is allocated.
        var order = new PooledList<Node>();
        var stack = new PooledList<(Node Node, int NextParent)>();
        using var positions = new NodePositions(output);
        try
        {
            positions.Enter(output);
            stack.Add((output, 0));

            // Iterative depth-first search; a node is placed after all its parents (post-order).
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < node.ParentCount)
                {
                    stack.Add((node, next + 1));
                    var parent = node.GetParent(next);
                    if (positions.Enter(parent)) stack.Add((parent, 0));
                    continue;
                }

                positions.Place(node, order.Count);
                order.Add(node);
            }

            var nodes = order.ToArray();
            var parentStart = new int[nodes.Length + 1];
            for (var i = 0; i < nodes.Length; i++) parentStart[i + 1] = parentStart[i] + nodes[i].ParentCount;
            var parentPositions = new int[parentStart[nodes.Length]];
            for (var i = 0; i < nodes.Length; i++)
            {
                for (var p = 0; p < nodes[i].ParentCount; p++) parentPositions[parentStart[i] + p] = positions.PositionOf(nodes[i].GetParent(p));
            }

            return new Ancestry(nodes, parentStart, parentPositions);
        }
        finally
        {
            order.Dispose();
            stack.Dispose();
        }
    }
}
