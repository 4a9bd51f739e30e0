using System.ComponentModel;

namespace Opto.Interception;

/// <summary>
/// Links the text a framework combiner made (<c>string.Join</c>, <c>string.Concat</c> over parts) to the traced calls that
/// made its parts: a <see cref="GlueNode"/> whose operator is the call as written and whose parents are the parts' nodes,
/// found by the parts' identity. The text then links to that node wherever it goes, as a traced call's result does,
/// whatever path the parts took to the combiner (a loop, a lambda, <c>Task.WhenAll</c>, a field). Called by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GlueCalls
{
    private static readonly NameKey s_join = NameKey.For("join");
    private static readonly NameKey s_concat = NameKey.For("concat");

    /// <summary>
    /// The parts of a combiner, enumerated once: a lazy sequence (<c>xs.Select(x => Summarize(x))</c>), or a collection whose
    /// enumeration is the program's own code, would otherwise run again to be linked. The combiner enumerates what this
    /// returns, which keeps each part as it passes, so the sequence runs as it would for the combiner alone (each part made,
    /// then formatted, in turn; what was appended before a part threw stays appended). An array or a framework collection that
    /// holds its elements (see <see cref="StoredElements"/>), and null, are returned as they are.
    /// </summary>
    /// <typeparam name="T">The parts' type.</typeparam>
    /// <param name="parts">The parts the combiner was given.</param>
    public static IEnumerable<T>? Held<T>(IEnumerable<T>? parts) =>
        parts is null || StoredElements.CanRead(parts) ? parts : new KeptParts<T>(parts);

    /// <summary>The parts the combiner was given, as it read them: those a <see cref="Held{T}"/> sequence kept, or the collection itself.</summary>
    internal static IEnumerable<T> AsRead<T>(IEnumerable<T> parts) => parts is KeptParts<T> kept ? kept.Read : parts;

    /// <summary>Records <paramref name="text"/>, which <c>string.Join</c> made of <paramref name="parts"/>, as glue over them; returns it.</summary>
    /// <typeparam name="T">The parts' type.</typeparam>
    /// <param name="text">What the combiner returned.</param>
    /// <param name="parts">The parts it was given (after <see cref="Held{T}"/>).</param>
    /// <param name="separator">A string separator, itself part of the text; null for a character.</param>
    /// <param name="expression">The call as written.</param>
    public static string Joined<T>(string text, IEnumerable<T>? parts, string? separator, string expression) =>
        Linked(text, parts, separator, s_join, expression, site: null);

    /// <inheritdoc cref="Joined{T}(string, IEnumerable{T}, string, string)"/>
    public static string Joined<T>(string text, ReadOnlySpan<T> parts, string? separator, string expression) =>
        Linked(text, parts, separator, s_join, expression, site: null);

    /// <summary>
    /// Records <paramref name="text"/> as <see cref="Joined{T}(string, IEnumerable{T}, string, string)"/> does, and leaves its
    /// node in the slot of the call's location <paramref name="site"/>, for glue made from the text to find, as a traced call
    /// does with its result (<c>$"Notes: {string.Join(", ", notes)}"</c>); returns it.
    /// </summary>
    /// <typeparam name="T">The parts' type.</typeparam>
    /// <param name="text">What the combiner returned.</param>
    /// <param name="parts">The parts it was given (after <see cref="Held{T}"/>).</param>
    /// <param name="separator">A string separator, itself part of the text; null for a character.</param>
    /// <param name="expression">The call as written.</param>
    /// <param name="site">The call's location, as generated code names it.</param>
    public static string Joined<T>(string text, IEnumerable<T>? parts, string? separator, string expression, string site) =>
        Linked(text, parts, separator, s_join, expression, site);

    /// <inheritdoc cref="Joined{T}(string, IEnumerable{T}, string, string, string)"/>
    public static string Joined<T>(string text, ReadOnlySpan<T> parts, string? separator, string expression, string site) =>
        Linked(text, parts, separator, s_join, expression, site);

    /// <summary>Records <paramref name="text"/>, which <c>string.Concat</c> made of <paramref name="parts"/>, as glue over them; returns it.</summary>
    /// <typeparam name="T">The parts' type.</typeparam>
    /// <param name="text">What the combiner returned.</param>
    /// <param name="parts">The parts it was given (after <see cref="Held{T}"/>).</param>
    /// <param name="expression">The call as written.</param>
    public static string Concatenated<T>(string text, IEnumerable<T>? parts, string expression) =>
        Linked(text, parts, null, s_concat, expression, site: null);

    /// <inheritdoc cref="Concatenated{T}(string, IEnumerable{T}, string)"/>
    public static string Concatenated<T>(string text, ReadOnlySpan<T> parts, string expression) =>
        Linked(text, parts, null, s_concat, expression, site: null);

    /// <summary>
    /// Records <paramref name="text"/> as <see cref="Concatenated{T}(string, IEnumerable{T}, string)"/> does, and leaves its
    /// node in the slot of the call's location <paramref name="site"/> (see <see cref="Joined{T}(string, IEnumerable{T}, string, string, string)"/>).
    /// </summary>
    /// <typeparam name="T">The parts' type.</typeparam>
    /// <param name="text">What the combiner returned.</param>
    /// <param name="parts">The parts it was given (after <see cref="Held{T}"/>).</param>
    /// <param name="expression">The call as written.</param>
    /// <param name="site">The call's location, as generated code names it.</param>
    public static string Concatenated<T>(string text, IEnumerable<T>? parts, string expression, string site) =>
        Linked(text, parts, null, s_concat, expression, site);

    /// <inheritdoc cref="Concatenated{T}(string, IEnumerable{T}, string, string)"/>
    public static string Concatenated<T>(string text, ReadOnlySpan<T> parts, string expression, string site) =>
        Linked(text, parts, null, s_concat, expression, site);

    /// <summary>
    /// Leaves the node of <paramref name="picked"/>, the text or object a LINQ method picked of a sequence (<c>MaxBy</c>,
    /// <c>First</c>), in the slot of the call's location <paramref name="site"/>, for glue made from it (<c>best + "!"</c>,
    /// <c>best.Text</c>) to find, as a traced call does with its result: the node its identity links to (the result of the
    /// traced call that made it, or glue put into a collection); none for a value no traced call made. Returns it.
    /// </summary>
    /// <typeparam name="T">The sequence's element type (a text, or a type a traced method returns, at every call generated code makes).</typeparam>
    /// <param name="picked">What the method returned.</param>
    /// <param name="site">The call's location, as generated code names it.</param>
    public static T Picked<T>(T picked, string site)
    {
        if (TraceScope.Current is not { } scope) return picked;
        var slot = GlueSlots.Open(site, scope.Graph);
        // The elements were made before the pick: calls whose task completed since are recorded first.
        scope.Graph.PendingCalls.SettleCompleted();
        if (TraceGraph.HasIdentity(picked) && scope.Graph.Known(picked) is { } node and not InputNode) slot.PassedOn(node);
        return picked;
    }

    private static string Linked<T>(string text, IEnumerable<T>? parts, string? separator, NameKey name, string expression, string? site)
    {
        if (Start(text, parts is null, site) is not { } links) return text;
        if (!links.AddAll(AsRead(parts!)))
        {
            links.LeaveOwn();
            return text;
        }

        links.Add(separator);
        links.Finish(name, expression);
        return text;
    }

    private static string Linked<T>(string text, ReadOnlySpan<T> parts, string? separator, NameKey name, string expression, string? site)
    {
        if (Start(text, parts.IsEmpty, site) is not { } links) return text;
        foreach (var part in parts)
        {
            if (!links.Add(part))
            {
                links.LeaveOwn();
                return text;
            }
        }

        links.Add(separator);
        links.Finish(name, expression);
        return text;
    }

    // Nothing to link: no scope, no parts, or a text with no identity of its own (the empty string). A producer's slot is
    // opened whenever a scope is current, so glue never finds a node an earlier run of the combiner left there.
    private static PartLinks? Start(string text, bool noParts, string? site)
    {
        if (TraceScope.Current is not { } scope) return null;
        var slot = site is null ? null : GlueSlots.Open(site, scope.Graph);
        return noParts || text.Length == 0 ? null : new PartLinks(scope.Graph, text, slot);
    }

    // The parts' nodes, each once, in the order of the parts.
    private sealed class PartLinks
    {
        private readonly TraceGraph _graph;
        private readonly string _text;
        private readonly GlueSlots.Slot? _slot;
        private readonly List<Node> _parents = [];
        private HashSet<Node>? _seen;
        private bool _fromCalls;

        public PartLinks(TraceGraph graph, string text, GlueSlots.Slot? slot)
        {
            _graph = graph;
            _text = text;
            _slot = slot;
            // The parts were made before the combiner ran: calls whose task completed since are recorded first.
            graph.PendingCalls.SettleCompleted();
        }

        // A collection a traced call returned, or one recorded as an argument whose elements linked, is one parent: the
        // node that stands for its elements. Otherwise each part's. False as for Add.
        public bool AddAll<T>(IEnumerable<T> parts)
        {
            if (_graph.Known(parts) is { } whole and not InputNode)
            {
                _parents.Add(whole);
                _fromCalls = true;
                return true;
            }

            try
            {
                foreach (var part in parts)
                {
                    if (!Add(part)) return false;
                }
            }
            catch (InvalidOperationException)
            {
                return false; // changed by another thread since the combiner read it: not linked
            }

            return true;
        }

        // False when the text is a part itself (one part: the combiner returns it), which its identity links already.
        public bool Add<T>(T part)
        {
            if (typeof(T).IsValueType || part is null) return true;
            if (ReferenceEquals(part, _text)) return false;
            if (!TraceGraph.HasIdentity(part) || _graph.Known(part) is not { } node) return true;
            if (_parents.Count < 8 ? _parents.Contains(node) : !(_seen ??= new HashSet<Node>(_parents, ReferenceEqualityComparer.Instance)).Add(node)) return true;
            _parents.Add(node);
            _seen?.Add(node);
            _fromCalls |= node is not InputNode;
            return true;
        }

        // The text is one of its parts (the combiner returned it): for glue made from it, that part's own node.
        public void LeaveOwn()
        {
            if (_slot is { } slot && _graph.Known(_text) is { } own and not InputNode) slot.PassedOn(own);
        }

        // Glue only when a part came from a traced call (or a trainable value): text made of inputs alone is an input
        // wherever it goes, as before. The node is made when the text is passed on.
        public void Finish(NameKey name, string expression)
        {
            if (!_fromCalls) return;
            _graph.AddCombined(_text, [.. _parents], name, expression);
            // For glue made from the text, which the text's identity does not reach.
            if (_slot is { } slot) slot.Combined = _text;
        }
    }

    // Passes a sequence's parts through to the combiner, keeping each: what the last enumeration read.
    private sealed class KeptParts<T>(IEnumerable<T> parts) : IEnumerable<T>
    {
        public List<T> Read { get; } = [];

        public IEnumerator<T> GetEnumerator()
        {
            Read.Clear();
            foreach (var part in parts)
            {
                Read.Add(part);
                yield return part;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
