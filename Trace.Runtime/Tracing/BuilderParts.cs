namespace Opto;

/// <summary>
/// What was appended to one <see cref="System.Text.StringBuilder"/> in a graph that a traced call made (or that entered the
/// graph as an input): each such part's node, its text and where it was put. When the builder's text is made, the parts
/// still in it are its parents (see <see cref="StillIn"/>): a builder cleared and filled again (<c>Clear()</c>,
/// <c>Length = 0</c>, <c>Remove</c>) drops what is gone, whichever member removed it.
/// </summary>
internal sealed class BuilderParts
{
    private readonly List<Part> _parts = [];

    /// <summary>
    /// Records a part put at <paramref name="at"/>. A part put into an empty builder starts it again: nothing recorded
    /// before can be in it.
    /// </summary>
    public void Add(Node node, string text, int at, bool emptyBefore)
    {
        lock (_parts)
        {
            if (emptyBefore) _parts.Clear();
            _parts.Add(new Part(node, text, at));
        }
    }

    /// <summary>
    /// The nodes of the parts <paramref name="text"/> still holds, each once, in the order they were appended; null when
    /// none of them came from a traced call (text made of inputs alone is an input wherever it goes).
    /// </summary>
    public Node[]? StillIn(string text)
    {
        lock (_parts)
        {
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
        (part.At + part.Text.Length <= text.Length && text.AsSpan(part.At, part.Text.Length).SequenceEqual(part.Text))
        || text.Contains(part.Text, StringComparison.Ordinal);

    private readonly record struct Part(Node Node, string Text, int At);
}
