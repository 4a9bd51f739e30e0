namespace Opto.Backward;

/// <summary>
/// What one backward pass found, shared by every parameter it reached: the output's ancestry and where the reached
/// parameters sit in it. A parameter's own subgraph is cut from it only when asked for, so a pass costs the size of
/// the ancestry whatever the number of parameters.
/// </summary>
internal sealed class BackwardPass
{
    private readonly Ancestry _ancestry;
    private int[]? _childStart;
    private int[]? _childPositions;

    public BackwardPass(Ancestry ancestry, Node output, string feedback)
    {
        _ancestry = ancestry;
        Output = output;
        Feedback = feedback;
    }

    public Node Output { get; }

    public string Feedback { get; }

    /// <summary>
    /// The subgraph linking the parameter at <paramref name="position"/> to the output: the nodes on a path from it
    /// and their parents, in topological order. Costs the size of that subgraph (plus, once per pass, the child lists).
    /// </summary>
    public List<Node> SliceOf(int position)
    {
        var (childStart, childPositions) = Children();
        var reached = new HashSet<int> { position };
        var pending = new Stack<int>();
        pending.Push(position);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            for (var e = childStart[node]; e < childStart[node + 1]; e++)
            {
                if (reached.Add(childPositions[e])) pending.Push(childPositions[e]);
            }
        }

        var (parentStart, parentPositions) = _ancestry.Parents();
        var included = new HashSet<int>(reached);
        foreach (var node in reached)
        {
            for (var e = parentStart[node]; e < parentStart[node + 1]; e++) included.Add(parentPositions[e]);
        }

        var positions = included.ToArray();
        Array.Sort(positions);
        var nodes = new List<Node>(positions.Length);
        foreach (var p in positions) nodes.Add(_ancestry.Nodes[p]);
        return nodes;
    }

    /// <summary>
    /// The union of the subgraphs of the parameters at <paramref name="positions"/>, in topological order: one scan
    /// of the ancestry, however many parameters.
    /// </summary>
    public List<Node> UnionOf(IEnumerable<int> positions)
    {
        var (parentStart, parentPositions) = _ancestry.Parents();
        var count = _ancestry.Nodes.Length;
        var reached = new bool[count];
        foreach (var position in positions) reached[position] = true;
        var included = new bool[count];
        var nodes = new List<Node>();
        for (var i = 0; i < count; i++)
        {
            for (var e = parentStart[i]; !reached[i] && e < parentStart[i + 1]; e++) reached[i] = reached[parentPositions[e]];
            if (!reached[i]) continue;
            included[i] = true;
            for (var e = parentStart[i]; e < parentStart[i + 1]; e++) included[parentPositions[e]] = true;
        }

        for (var i = 0; i < count; i++)
        {
            if (included[i]) nodes.Add(_ancestry.Nodes[i]);
        }

        return nodes;
    }

    // The child lists, built on the first slice asked for (backward itself never needs them).
    private (int[] Start, int[] Positions) Children()
    {
        if (Volatile.Read(ref _childPositions) is { } built) return (_childStart!, built);
        var (parentStart, parentPositions) = _ancestry.Parents();
        var (start, children) = CompressedRows.Invert(parentStart, parentPositions);
        _childStart = start;
        Volatile.Write(ref _childPositions, children);
        return (start, children);
    }
}
