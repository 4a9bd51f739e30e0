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
    // A flow's slots: null, one Slot (the usual case: no array), or a Slot[] when several producer sites left a node here.
    // Copy-on-write: a flow has few producer sites, so a small array beats a tree; a site's slot is replaced, never added twice.
    private static readonly AsyncLocal<object?> s_slots = new();

    /// <summary>Opens the producer's slot for this call, before it runs; the slot is filled when the call completes.</summary>
    /// <param name="tag">The producer site.</param>
    /// <param name="graph">The graph the call records into, which its node will be in.</param>
    public static Slot Open(string tag, TraceGraph graph)
    {
        var slot = new Slot(tag, graph);
        s_slots.Value = s_slots.Value switch
        {
            null => slot,
            Slot only when only.Is(tag) => slot,
            Slot only => new[] { only, slot },
            var several => With((Slot[])several, slot),
        };
        return slot;
    }

    /// <summary>The slots as they are now, for <see cref="Restore"/>.</summary>
    public static object? Snapshot() => s_slots.Value;

    /// <summary>Puts back the slots of a <see cref="Snapshot"/>: a traced call's activation keeps the slots it opened to itself.</summary>
    public static void Restore(object? snapshot)
    {
        if (!ReferenceEquals(s_slots.Value, snapshot)) s_slots.Value = snapshot;
    }

    /// <summary>The node the producer <paramref name="tag"/> left in this async flow and graph, if its latest call completed.</summary>
    public static Node? Find(string tag, TraceGraph graph)
    {
        var slot = s_slots.Value switch
        {
            Slot only => only.Is(tag) ? only : null,
            Slot[] several => IndexOf(several, tag) is var index && index >= 0 ? several[index] : null,
            _ => null,
        };
        // A node is in one graph only: Contains tells this graph's from another's, and from one cleared since.
        return slot?.Node is { } node && graph.Contains(node) ? node : null;
    }

    /// <summary>
    /// The latest nodes the producer sites <paramref name="sources"/> left in this async flow and graph, each once: usually
    /// one producer, whose node alone needs no list.
    /// </summary>
    public static (Node? Single, List<Node>? Nodes) Latest(ReadOnlySpan<string> sources, TraceGraph graph)
    {
        Node? single = null;
        List<Node>? nodes = null;
        foreach (var source in sources)
        {
            if (Find(source, graph) is not { } node || ReferenceEquals(node, single) || nodes?.Contains(node) == true) continue;
            if (single is null) single = node;
            else (nodes ??= [single]).Add(node);
        }

        return (single, nodes);
    }

    /// <summary>
    /// Drops this flow's slots of calls recorded into <paramref name="graph"/>, once its scope ended, filled or still
    /// waiting for a running call: no later call can find them (a node is found only in its own graph), and they would
    /// keep the graph's nodes alive as long as the flow lives. Only the flow that ends the scope is reached; the slots of
    /// flows it started end with those flows.
    /// </summary>
    public static void Forget(TraceGraph graph)
    {
        var slots = s_slots.Value;
        if (slots is null) return;
        var kept = slots switch
        {
            Slot only => Holds(only, graph) ? null : only,
            _ => Without((Slot[])slots, graph),
        };
        if (!ReferenceEquals(kept, slots)) s_slots.Value = kept;
    }

    private static bool Holds(Slot slot, TraceGraph graph) => ReferenceEquals(slot.Graph, graph);

    private static object? Without(Slot[] slots, TraceGraph graph)
    {
        var kept = Array.FindAll(slots, slot => !Holds(slot, graph));
        return kept.Length switch
        {
            _ when kept.Length == slots.Length => slots,
            0 => null,
            1 => kept[0],
            _ => kept,
        };
    }

    private static Slot[] With(Slot[] slots, Slot slot)
    {
        var index = IndexOf(slots, slot.Tag);
        var next = new Slot[index < 0 ? slots.Length + 1 : slots.Length];
        slots.CopyTo(next, 0);
        next[index < 0 ? slots.Length : index] = slot;
        return next;
    }

    private static int IndexOf(Slot[] slots, string tag)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].Is(tag)) return i;
        }

        return -1;
    }

    /// <summary>One call's result at a producer site: empty until the call completes, and for good if it threw.</summary>
    internal sealed class Slot(string tag, TraceGraph graph)
    {
        public string Tag { get; } = tag;

        /// <summary>The graph of the call that opened it.</summary>
        public TraceGraph Graph { get; } = graph;

        public Node? Node { get; set; }

        // Tags are literals of generated code: usually the same instance, compared by value otherwise.
        public bool Is(string tag) => ReferenceEquals(Tag, tag) || string.Equals(Tag, tag, StringComparison.Ordinal);
    }
}
