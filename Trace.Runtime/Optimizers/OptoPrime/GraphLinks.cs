namespace Opto.Optimizers;

/// <summary>The parents and children of a problem's nodes, as positions in its node list (compressed rows).</summary>
internal sealed class GraphLinks
{
    private readonly int[] _parentStart;
    private readonly int[] _parents;
    private readonly int[] _childStart;
    private readonly int[] _children;

    private GraphLinks(int[] parentStart, int[] parents, int[] childStart, int[] children)
    {
        _parentStart = parentStart;
        _parents = parents;
        _childStart = childStart;
        _children = children;
    }

    /// <param name="nodes">The nodes.</param>
    /// <param name="position">Each node's position in <paramref name="nodes"/>.</param>
    public static GraphLinks Of(List<Node> nodes, Dictionary<Node, int> position)
    {
        var count = nodes.Count;

        var parentStart = new int[count + 1];
        var parents = new List<int>(count * 2);
        for (var i = 0; i < count; i++)
        {
            for (var p = 0; p < nodes[i].ParentCount; p++)
            {
                if (position.TryGetValue(nodes[i].GetParent(p), out var parent)) parents.Add(parent);
            }

            parentStart[i + 1] = parents.Count;
        }

        var parentList = parents.ToArray();
        var (childStart, children) = Backward.CompressedRows.Invert(parentStart, parentList);
        return new GraphLinks(parentStart, parentList, childStart, children);
    }

    public ReadOnlySpan<int> ChildrenOf(int node) => _children.AsSpan(_childStart[node], _childStart[node + 1] - _childStart[node]);

    public ReadOnlySpan<int> ParentsOf(int node) => _parents.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    /// <summary>Each node's distance in edges from the nearest source, following children or parents; int.MaxValue when unreached.</summary>
    public int[] Distances(bool[] isSource, bool forward)
    {
        var count = _parentStart.Length - 1;
        var distance = new int[count];
        var queue = new Queue<int>();
        for (var i = 0; i < count; i++)
        {
            distance[i] = int.MaxValue;
            if (!isSource[i]) continue;
            distance[i] = 0;
            queue.Enqueue(i);
        }

        var (start, links) = forward ? (_childStart, _children) : (_parentStart, _parents);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (var e = start[node]; e < start[node + 1]; e++)
            {
                if (distance[links[e]] != int.MaxValue) continue;
                distance[links[e]] = distance[node] + 1;
                queue.Enqueue(links[e]);
            }
        }

        return distance;
    }
}
