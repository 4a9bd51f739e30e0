namespace Opto.Interception;

/// <summary>
/// Nodes of value-typed results on their way into the traced call they are passed to directly
/// (<c>Score(Classify(x))</c>). The generator pairs each producer with its consumer at compile time, and both run
/// on one thread with nothing that could switch threads in between, so a per-thread stack suffices.
/// </summary>
internal static class HandOffs
{
    private const int MaxDepth = 256;

    [ThreadStatic]
    private static Stack<(string Tag, TraceGraph Graph, Node Node)>? t_pending;

    public static void Push(string tag, TraceGraph graph, Node node)
    {
        var pending = t_pending ??= new Stack<(string, TraceGraph, Node)>();

        // Entries are left behind only when an argument expression threw before its consumer ran; forget them.
        if (pending.Count >= MaxDepth) pending.Clear();
        pending.Push((tag, graph, node));
    }

    /// <summary>Drops this thread's hand-offs left in <paramref name="graph"/> (by argument expressions that threw), once its scope ended.</summary>
    public static void Forget(TraceGraph graph)
    {
        if (t_pending is not { Count: > 0 } pending) return;
        var kept = pending.Where(entry => !ReferenceEquals(entry.Graph, graph)).Reverse().ToArray();
        if (kept.Length == pending.Count) return;
        pending.Clear();
        foreach (var entry in kept) pending.Push(entry);
    }

    /// <summary>The node handed over by the producer <paramref name="tag"/>, if it is the latest hand-off and produced exactly this value.</summary>
    public static Node? Take<T>(string tag, TraceGraph graph, T value)
    {
        if (t_pending is not { Count: > 0 } pending || !string.Equals(pending.Peek().Tag, tag, StringComparison.Ordinal)) return null;
        var (_, producedIn, node) = pending.Pop();
        return ReferenceEquals(producedIn, graph) && node.Value is T produced && SameValue.Is(produced, value) ? node : null;
    }
}
