namespace Opto.Interception;

/// <summary>
/// Where a traced call whose result flows into another traced call through glue code (<c>$"Label: {summary}"</c>,
/// <c>reply.Trim()</c>) leaves its node, for that call to find. The generator proves the flow exact: the producer runs
/// once each time the glue runs, so the latest node a producer left in the current async flow is the one whose value
/// flowed. The slots flow with the async context: an async method's slots are its own, and parallel rollouts never
/// see each other's.
/// </summary>
internal static class GlueSlots
{
    // Copy-on-write: a flow has few producer sites, so a small array beats a tree; a site's slot is replaced, never added twice.
    private static readonly AsyncLocal<(string Tag, Cell Cell)[]?> s_slots = new();

    /// <summary>Opens the producer's slot for this call, before it runs; the cell is filled when the call completes.</summary>
    public static Cell Open(string tag, TraceGraph graph)
    {
        var cell = new Cell(graph);
        var slots = s_slots.Value ?? [];
        var index = IndexOf(slots, tag);
        var next = new (string, Cell)[index < 0 ? slots.Length + 1 : slots.Length];
        slots.CopyTo(next, 0);
        next[index < 0 ? slots.Length : index] = (tag, cell);
        s_slots.Value = next;
        return cell;
    }

    /// <summary>The slots as they are now, for <see cref="Restore"/>.</summary>
    public static object? Snapshot() => s_slots.Value;

    /// <summary>Puts back the slots of a <see cref="Snapshot"/>: a traced call's activation keeps the slots it opened to itself.</summary>
    public static void Restore(object? snapshot)
    {
        if (!ReferenceEquals(s_slots.Value, snapshot)) s_slots.Value = ((string Tag, Cell Cell)[]?)snapshot;
    }

    /// <summary>The node the producer <paramref name="tag"/> left in this async flow and graph, if its latest call completed.</summary>
    public static Node? Find(string tag, TraceGraph graph)
    {
        if (s_slots.Value is not { } slots || IndexOf(slots, tag) is var index && index < 0) return null;
        var cell = slots[index].Cell;
        return ReferenceEquals(cell.Graph, graph) && cell.Node is { } node && graph.Contains(node) ? node : null;
    }

    // Tags are literals of generated code: usually the same instance, compared by value otherwise.
    private static int IndexOf((string Tag, Cell Cell)[] slots, string tag)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (ReferenceEquals(slots[i].Tag, tag) || string.Equals(slots[i].Tag, tag, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    /// <summary>One call's result: empty until the call completes, and for good if it threw.</summary>
    internal sealed class Cell(TraceGraph graph)
    {
        public TraceGraph Graph { get; } = graph;

        public Node? Node { get; set; }
    }
}
