namespace Opto;

/// <summary>
/// The values traced calls made (or that entered the graph as inputs) which were appended to one
/// <see cref="System.Text.StringBuilder"/>, in one graph: each part's node, its text and where it was put. When the
/// builder's text is made, the parts still in it are its parents (see <see cref="StillIn"/>): a builder cleared and filled
/// again (<c>Clear()</c>, <c>Length = 0</c>, <c>Remove</c>) drops what is gone, whichever member removed it. Kept with the
/// builder for as long as it lives, whichever scope it is used in next: the parts of another graph (or of this one before
/// it was cleared) are forgotten when it is.
/// </summary>
internal sealed class BuilderParts
{
    /// <summary>The place of a part that is not kept: it is looked for anywhere in the text.</summary>
    public const int Anywhere = -1;

    private readonly List<Part> _parts = [];
    private TraceGraph? _graph;
    private int _epoch;

    /// <summary>
    /// Records a part put at <paramref name="at"/>. A part put into an empty builder starts it again: nothing recorded
    /// before can be in it.
    /// </summary>
    public void Add(TraceGraph graph, Node node, string text, int at, bool emptyBefore)
    {
        lock (_parts)
        {
            if (emptyBefore || !Of(graph)) _parts.Clear();
            _graph = graph;
            _epoch = graph.Epoch;
            _parts.Add(new Part(node, text, at));
        }
    }

    private bool Of(TraceGraph graph) => ReferenceEquals(_graph, graph) && _epoch == graph.Epoch;

    /// <summary>
    /// The nodes of the parts recorded in <paramref name="graph"/> that <paramref name="text"/> still holds, each once, in the
    /// order they were appended; null when none of them came from a traced call (text made of inputs alone is an input
    /// wherever it goes).
    /// </summary>
    public Node[]? StillIn(TraceGraph graph, string text)
    {
        lock (_parts)
        {
            if (!Of(graph)) return null;
            List<Node>? found = null;
            var fromCalls = false;
            foreach (var part in _parts)
            {
                if (!Holds(text, part) || (found is not null && found.Contains(part.Node))) continue;
                (found ??= []).Add(part.Node);
                fromCalls |= part.Node is not InputNode;
            }

            return fromCalls ? [.. found!] : null;
        }
    }

    // Where it was put, or anywhere once something was inserted before it.
    private static bool Holds(string text, Part part) =>
        (part.At >= 0 && part.At + part.Text.Length <= text.Length && text.AsSpan(part.At, part.Text.Length).SequenceEqual(part.Text))
        || text.Contains(part.Text, StringComparison.Ordinal);

    private readonly record struct Part(Node Node, string Text, int At);
}
