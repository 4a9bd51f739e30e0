using Opto;

namespace Trace.Runtime.Tests;

/// <summary>Walks of a recorded graph that tests assert on.</summary>
internal static class GraphWalk
{
    /// <summary>Every node <paramref name="node"/> depends on, through any number of parents.</summary>
    public static HashSet<Node> Ancestors(Node node)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(node.Parents);
        while (stack.TryPop(out var next))
        {
            if (seen.Add(next)) foreach (var parent in next.Parents) stack.Push(parent);
        }

        return seen;
    }
}
