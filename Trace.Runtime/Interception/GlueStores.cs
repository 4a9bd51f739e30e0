using System.ComponentModel;

namespace Opto.Interception;

/// <summary>
/// Links a value that glue code made from traced calls' results and put into a collection (<c>messages.Add(summary + "!")</c>,
/// <c>queue.Enqueue(reply.Trim())</c>) to those calls: a <see cref="GlueNode"/> over the nodes they left in their slots (the
/// compiler proved which results flowed, see <see cref="GlueSlots"/>), made the value's producer, so the value links to it by
/// its identity wherever the collection goes next. Called by generated code after the collection's own method; for a
/// <c>StringBuilder</c>'s put (<c>prompt.AppendLine("- " + doc)</c>), before it, so the builder records the part by its node.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GlueStores
{
    /// <summary>Records <paramref name="value"/>, just stored, as glue over the latest calls of the producer sites <paramref name="sources"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value stored.</param>
    /// <param name="name">The base name of its glue node (the collection's, as written).</param>
    /// <param name="expression">The value's expression as written, the glue node's operator.</param>
    /// <param name="sources">The producer sites whose results it was made of.</param>
    public static void Stored<T>(T value, string name, string expression, params ReadOnlySpan<string> sources)
    {
        if (!TraceGraph.HasIdentity(value) || TraceScope.Current is not { } scope) return;
        var graph = scope.Graph;
        // The producers may have completed since their calls returned: their nodes are put in their slots first.
        graph.PendingCalls.SettleCompleted();
        var (single, nodes) = GlueSlots.Latest(sources, graph, CallFrame.Current);
        if (single is null) return;
        // Stored again the same way (in a second collection, or twice), it is one node.
        if (graph.Recorded(value) is GlueNode earlier && earlier.Expression == expression) return;
        graph.Glue(value, NameKey.For(name), expression, single, nodes);
    }
}
