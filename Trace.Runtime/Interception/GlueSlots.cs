using System.Collections.Immutable;

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
    private static readonly AsyncLocal<ImmutableDictionary<string, Cell>?> s_slots = new();

    /// <summary>Opens the producer's slot for this call, before it runs; the cell is filled when the call completes.</summary>
    public static Cell Open(string tag, TraceGraph graph)
    {
        var cell = new Cell(graph);
        s_slots.Value = (s_slots.Value ?? ImmutableDictionary<string, Cell>.Empty.WithComparers(StringComparer.Ordinal)).SetItem(tag, cell);
        return cell;
    }

    /// <summary>The node the producer <paramref name="tag"/> left in this async flow and graph, if its latest call completed.</summary>
    public static Node? Find(string tag, TraceGraph graph) =>
        s_slots.Value is { } slots && slots.TryGetValue(tag, out var cell) && ReferenceEquals(cell.Graph, graph) && cell.Node is { } node && graph.Contains(node)
            ? node
            : null;

    /// <summary>One call's result: empty until the call completes, and for good if it threw.</summary>
    internal sealed class Cell(TraceGraph graph)
    {
        public TraceGraph Graph { get; } = graph;

        public Node? Node { get; set; }
    }
}
