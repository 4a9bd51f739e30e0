namespace Opto.Backward;

/// <summary>
/// Puts the union of several passes' subgraphs back in topological order. Each union lists parents first, but when the
/// passes reached different parameters a node one lists without its parents (as another node's input) can come before
/// the parents a later union adds; appending keeps that wrong order.
/// </summary>
internal static class MergedOrder
{
    /// <summary>Sorts <paramref name="nodes"/> again, and renumbers <paramref name="positions"/>, when a node comes before a parent in the list.</summary>
    public static void Restore(List<Node> nodes, Dictionary<Node, int> positions)
    {
        if (IsTopological(nodes, positions)) return;
        var sorted = Sort(nodes, positions);
        nodes.Clear();
        positions.Clear();
        foreach (var node in sorted)
        {
            positions.Add(node, nodes.Count);
            nodes.Add(node);
        }
    }

    /// <summary>Whether every node comes after its parents that are in the list.</summary>
    private static bool IsTopological(List<Node> nodes, Dictionary<Node, int> positions)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            for (var k = 0; k < node.ParentCount; k++)
            {
                if (positions.TryGetValue(node.GetParent(k), out var p) && p > i) return false;
            }
        }

        return true;
    }

    /// <summary>The nodes, parents before children (over the parents in the list); depth-first without recursion.</summary>
    private static List<Node> Sort(List<Node> nodes, Dictionary<Node, int> positions)
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
                    if (!positions.ContainsKey(parent) || done.Contains(parent)) continue;
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
