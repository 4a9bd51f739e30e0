namespace Opto.Backward;

/// <summary>
/// A node and everything it depends on, in topological order (parents first; the node itself last). Each node's
/// parents as positions in that order (compressed rows: the parents of node i are
/// ParentPositions[ParentStart[i]..ParentStart[i+1]]) are worked out when first asked for: backward itself needs
/// only the order, and a pass that keeps less is collected sooner.
/// </summary>
internal sealed class Ancestry
{
    private int[]? _parentStart;
    private int[]? _parentPositions;

    private Ancestry(ChunkedArray<Node> nodes, ChunkedArray<int> parameterPositions)
    {
        Nodes = nodes;
        ParameterPositions = parameterPositions;
    }

    public ChunkedArray<Node> Nodes { get; }

    /// <summary>Where the trainable parameters are in <see cref="Nodes"/>, in order.</summary>
    public ChunkedArray<int> ParameterPositions { get; }

    /// <summary>The parents of every node as positions in <see cref="Nodes"/>.</summary>
    public (int[] Start, int[] Positions) Parents()
    {
        if (Volatile.Read(ref _parentPositions) is { } built) return (_parentStart!, built);
        var (start, positions) = BuildParents();
        _parentStart = start;
        Volatile.Write(ref _parentPositions, positions);
        return (start, positions);
    }

    public static Ancestry Of(Node output)
    {
        // The walk's growing buffers are pooled; only the result, at its exact size, is allocated.
        var order = new PooledList<Node>();
        var stack = new PooledList<(Node Node, int NextParent)>();
        var parameters = new PooledList<int>();
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

                // Noted while the node is at hand: a later scan would touch every node of the ancestry again.
                if (node is ParameterNode) parameters.Add(order.Count);
                order.Add(node);
            }

            return new Ancestry(order.ToChunked(), parameters.ToChunked());
        }
        finally
        {
            order.Dispose();
            stack.Dispose();
            parameters.Dispose();
        }
    }

    private (int[] Start, int[] Positions) BuildParents()
    {
        var count = Nodes.Length;
        using var positions = new NodePositions(Nodes[count - 1]);
        var start = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            var node = Nodes[i];
            positions.Enter(node);
            positions.Place(node, i);
            start[i + 1] = start[i] + node.ParentCount;
        }

        var parents = new int[start[count]];
        for (var i = 0; i < count; i++)
        {
            var node = Nodes[i];
            for (var p = 0; p < node.ParentCount; p++) parents[start[i] + p] = positions.PositionOf(node.GetParent(p));
        }

        return (start, parents);
    }
}
