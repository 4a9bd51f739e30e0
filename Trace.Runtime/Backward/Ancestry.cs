namespace Opto.Backward;

/// <summary>
/// A node and everything it depends on, in topological order (parents first), with each node's parents
/// as positions in that order (compressed rows: the parents of node i are ParentPositions[ParentStart[i]..ParentStart[i+1]]).
/// </summary>
internal sealed class Ancestry
{
    private Ancestry(List<Node> nodes, int[] parentStart, int[] parentPositions)
    {
        Nodes = nodes;
        ParentStart = parentStart;
        ParentPositions = parentPositions;
    }

    public List<Node> Nodes { get; }

    public int[] ParentStart { get; }

    public int[] ParentPositions { get; }

    public static Ancestry Of(Node output)
    {
        using var positions = new NodePositions(output);
        positions.Enter(output);
        var order = new List<Node>();
        var stack = new Stack<(Node Node, int NextParent)>();
        stack.Push((output, 0));

        // Iterative depth-first search; a node is placed after all its parents (post-order).
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.ParentCount)
            {
                stack.Push((node, next + 1));
                var parent = node.GetParent(next);
                if (positions.Enter(parent)) stack.Push((parent, 0));
                continue;
            }

            positions.Place(node, order.Count);
            order.Add(node);
        }

        var parentStart = new int[order.Count + 1];
        for (var i = 0; i < order.Count; i++) parentStart[i + 1] = parentStart[i] + order[i].ParentCount;
        var parentPositions = new int[parentStart[order.Count]];
        for (var i = 0; i < order.Count; i++)
        {
            for (var p = 0; p < order[i].ParentCount; p++) parentPositions[parentStart[i] + p] = positions.PositionOf(order[i].GetParent(p));
        }

        return new Ancestry(order, parentStart, parentPositions);
    }
}
