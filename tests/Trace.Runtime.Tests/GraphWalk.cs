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

    /// <summary>The traced call recorded as <paramref name="name"/> (<c>classify0</c>).</summary>
    public static MessageNode Call(TraceScope scope, string name) => (MessageNode)scope.Graph.Nodes.Single(n => n.Name == name);

    /// <summary>The names of the trainable parameters feedback on the call recorded as <paramref name="name"/> reaches.</summary>
    public static IEnumerable<string> Reached(TraceScope scope, string name) =>
        scope.Graph.Backward(Call(scope, name), "Wrong class.").Parameters.Select(p => p.Name);

    /// <summary>The names of the trainable parameters feedback on <paramref name="result"/> reaches; none when it reaches nothing.</summary>
    public static IEnumerable<string> ReachedFrom(TraceScope scope, object result) =>
        scope.Graph.Backward(result, "Wrong.", new Opto.Backward.BackwardOptions { ThrowWhenNothingReached = false }).Parameters.Select(p => p.Name);

    /// <summary>The node of the only input of the call recorded as <paramref name="name"/>.</summary>
    public static Node InputOf(TraceScope scope, string name) => Call(scope, name).Inputs.Single().Value;
}
