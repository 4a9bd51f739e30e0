using System.Collections.Concurrent;

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
    public static Slot Open(string tag, TraceGraph graph) => Open(tag, graph, out _);

    /// <summary>Opens the producer's slot as <see cref="Open(string, TraceGraph)"/> does.</summary>
    /// <param name="tag">The producer site.</param>
    /// <param name="graph">The graph the call records into.</param>
    /// <param name="replaced">The slot of the site's call before this one in this flow, if any: where glue given to this call
    /// finds that call's result (see <see cref="Latest"/>).</param>
    public static Slot Open(string tag, TraceGraph graph, out Slot? replaced)
    {
        var slot = tag.Length > 0 && tag[0] == ChainMark ? Chained(tag, graph) : new Slot(tag, graph);
        replaced = null;
        switch (s_slots.Value)
        {
            case null:
                s_slots.Value = slot;
                break;
            case Slot only when only.Is(tag):
                replaced = only;
                s_slots.Value = slot;
                break;
            case Slot only:
                s_slots.Value = new[] { only, slot };
                break;
            case var several:
                s_slots.Value = With((Slot[])several, slot, out replaced);
                break;
        }

        return slot;
    }

    // A producer whose every result in the running traced call is kept (text built up in a loop): its slot follows the one
    // opened before it under the same running call, in the same graph. The running call is the one whose body makes this
    // call: the slot is opened before the producer's own frame is entered. With none, it is a plain slot.
    private static Slot Chained(string tag, TraceGraph graph)
    {
        if (CallFrame.Current is not { } frame) return new Slot(tag, graph);
        var earlier = SlotOf(tag) as ChainedSlot;
        return new ChainedSlot(tag, graph, frame, earlier is not null && ReferenceEquals(earlier.Frame, frame) && ReferenceEquals(earlier.Graph, graph) ? earlier : null);
    }

    private static Slot? SlotOf(string tag) => s_slots.Value switch
    {
        Slot only => only.Is(tag) ? only : null,
        Slot[] several => IndexOf(several, tag) is var index && index >= 0 ? several[index] : null,
        _ => null,
    };

    /// <summary>The slots as they are now, for <see cref="Restore"/>.</summary>
    public static object? Snapshot() => s_slots.Value;

    /// <summary>Puts back the slots of a <see cref="Snapshot"/>: a traced call's activation keeps the slots it opened to itself.</summary>
    public static void Restore(object? snapshot)
    {
        if (!ReferenceEquals(s_slots.Value, snapshot)) s_slots.Value = snapshot;
    }

    /// <summary>
    /// The node the producer <paramref name="tag"/> left in this async flow and graph, if its latest call completed; for a tag
    /// marked <c>!</c>, the exception node it left if its latest call threw instead (text made from the exception a
    /// <c>catch</c> caught).
    /// </summary>
    public static Node? Find(string tag, TraceGraph graph)
    {
        var failed = tag.Length > 1 && tag[0] == FailureMark;
        var slot = SlotOf(failed ? s_failures.GetOrAdd(tag, static t => t.Substring(1)) : tag);
        // A node is in one graph only: Contains tells this graph's from another's, and from one cleared since.
        return (failed ? slot?.Failed : slot?.Node) is { } node && graph.Contains(node) ? node : null;
    }

    // Marks a source that is the exception the producer threw (`!tag`). Slot tags never start with it otherwise.
    private const char FailureMark = '!';

    private static readonly ConcurrentDictionary<string, string> s_failures = new(StringComparer.Ordinal);

    /// <summary>
    /// The latest nodes the producer sites <paramref name="sources"/> left in this async flow and graph, each once: usually
    /// one producer, whose node alone needs no list.
    /// </summary>
    /// <param name="sources">The producer sites, as the generator wrote them.</param>
    /// <param name="graph">The graph the nodes must be in.</param>
    /// <param name="caller">The running traced call whose body the glue is written in, if any: a chained source is its calls'.</param>
    /// <param name="consumer">The slot of the traced call the glue is given to, when that call is a producer too, and the one it
    /// replaced, where its earlier result is (<c>answer = Improve(answer + "!")</c> in a loop).</param>
    public static (Node? Single, List<Node>? Nodes) Latest(ReadOnlySpan<string> sources, TraceGraph graph, CallFrame? caller, (Slot Opened, Slot? Replaced)? consumer = null)
    {
        Node? single = null;
        List<Node>? nodes = null;
        foreach (var source in sources)
        {
            if (source.Length > 0 && source[0] == ChoiceMark)
            {
                AddChosen(source, graph, caller, consumer, ref single, ref nodes);
                continue;
            }

            if (source.Length > 1 && source[0] == ChainMark && source[1] == ChainMark)
            {
                AddChained(source, graph, caller, ref single, ref nodes);
                continue;
            }

            Add(Find(source, graph), ref single, ref nodes);
        }

        // A traced iterator's call stands for what its body's calls depended on as it was read (TraceGraph.LateDependencies).
        if (graph.HasLateDependencies && single is not null)
        {
            foreach (var node in nodes?.ToArray() ?? [single])
            {
                foreach (var parameter in graph.LateDependencies(node)) Add(parameter, ref single, ref nodes);
            }
        }

        return (single, nodes);
    }

    private static void Add(Node? node, ref Node? single, ref List<Node>? nodes)
    {
        if (node is null || ReferenceEquals(node, single) || nodes?.Contains(node) == true) return;
        if (single is null) single = node;
        else (nodes ??= [single]).Add(node);
    }

    // Starts a chained source, `**tag\nkey`: every node the producer `*tag` left in the running call of the traced method
    // `key`, oldest first. Slot tags never start with it otherwise.
    private const char ChainMark = '*';

    private static readonly ConcurrentDictionary<string, (string Tag, string Key)> s_chains = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds every node the chained producer left in this flow and graph under <paramref name="caller"/>, when that is the
    /// running call of the method the glue is written in (the generator proved each of them flowed into the value, once). A
    /// method reached without its interceptor has no running call of its own, so its earlier calls could not be told from
    /// this one's: nothing is added then.
    /// </summary>
    private static void AddChained(string source, TraceGraph graph, CallFrame? caller, ref Node? single, ref List<Node>? nodes)
    {
        var (tag, key) = s_chains.GetOrAdd(source, static s => s.IndexOf('\n') is var at and > 1 ? (s.Substring(1, at - 1), s.Substring(at + 1)) : (s.Substring(1), ""));
        if (caller is null || !string.Equals(caller.Operator.Key, key, StringComparison.Ordinal)) return;
        if (SlotOf(tag) is not ChainedSlot latest || !ReferenceEquals(latest.Frame, caller)) return;
        var chain = new List<Node>();
        for (var slot = latest; slot is not null; slot = slot.Previous)
        {
            if (slot.Node is { } node && graph.Contains(node)) chain.Add(node);
        }

        for (var i = chain.Count - 1; i >= 0; i--) Add(chain[i], ref single, ref nodes);
    }

    // Starts a choice among steps that may have set a local: `|own,own;other|own`, an alternative after each mark, its own
    // producer sites before a `;` and the earlier ones its value holds after it. Slot tags never hold these characters.
    private const char ChoiceMark = '|';

    // A choice is a literal of generated code: read once.
    private static readonly ConcurrentDictionary<string, ParsedChoice> s_choices = new(StringComparer.Ordinal);

    private sealed record Alternative(string[] Own, string[] All);

    // A choice's alternatives, and the key of the traced method whose running call its own producers must have been made
    // under (written after a line break), when some alternative has no call of its own.
    private sealed record ParsedChoice(Alternative[] Alternatives, string? Key);

    /// <summary>
    /// Adds the nodes of the alternative whose own producers left the latest node in this flow and graph: the step that set
    /// the local last ran its own calls after every other step's (the generator proves it), and a call of an earlier
    /// activation is older still. Nothing when no alternative's own call left a node. A keyed choice counts only the calls
    /// made under <paramref name="caller"/>, the running call of that method: an earlier call's are not this one's, and a
    /// method reached without its interceptor has no running call to tell them apart, so nothing is added then.
    /// </summary>
    private static void AddChosen(string choice, TraceGraph graph, CallFrame? caller, (Slot Opened, Slot? Replaced)? consumer, ref Node? single, ref List<Node>? nodes)
    {
        var parsed = s_choices.GetOrAdd(choice, Parse);
        if (parsed.Key is { } key && (caller is null || !string.Equals(caller.Operator.Key, key, StringComparison.Ordinal))) return;
        Alternative? chosen = null;
        var latest = -1L;
        foreach (var alternative in parsed.Alternatives)
        {
            foreach (var tag in alternative.Own)
            {
                if (SlotBefore(tag, consumer) is not { } slot || parsed.Key is not null && (slot is not ChainedSlot own || !ReferenceEquals(own.Frame, caller))) continue;
                if (slot.Node is { } node && graph.Contains(node) && slot.Order > latest) (chosen, latest) = (alternative, slot.Order);
            }
        }

        if (chosen is null) return;
        foreach (var tag in chosen.All) Add(SlotBefore(tag, consumer)?.Node is { } node && graph.Contains(node) ? node : null, ref single, ref nodes);
    }

    // The producer's slot as the glue given to `consumer` sees it: the call the glue is given to has opened its slot anew, and
    // its earlier result is in the one it replaced.
    private static Slot? SlotBefore(string tag, (Slot Opened, Slot? Replaced)? consumer)
    {
        var found = SlotOf(tag);
        return consumer is { } given && ReferenceEquals(found, given.Opened) ? given.Replaced : found;
    }

    private static ParsedChoice Parse(string choice)
    {
        var keyAt = choice.IndexOf('\n');
        var alternatives = Array.ConvertAll((keyAt < 0 ? choice : choice.Substring(0, keyAt)).Substring(1).Split(ChoiceMark), alternative =>
        {
            // A handler's alternative in `|tag|` has no call of its own: no tag to look up.
            var parts = alternative.Split(';');
            var own = parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
            return new Alternative(own, parts.Length > 1 ? [.. own, .. parts[1].Split(',')] : own);
        });
        return new ParsedChoice(alternatives, keyAt < 0 ? null : choice.Substring(keyAt + 1));
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

    private static Slot[] With(Slot[] slots, Slot slot, out Slot? replaced)
    {
        var index = IndexOf(slots, slot.Tag);
        replaced = index >= 0 ? slots[index] : null;
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

    /// <summary>One call's result at a producer site: empty until the call completes, and for good if it threw (then it keeps the exception's node apart).</summary>
    internal class Slot(string tag, TraceGraph graph)
    {
        public string Tag { get; } = tag;

        /// <summary>The graph of the call that opened it.</summary>
        public TraceGraph Graph { get; } = graph;

        private Node? _node;
        // For a combiner's site: its text, and how many nodes the graph held when it ran. Null for a call's.
        private CombinerRun? _combined;

        /// <summary>The node of the call's result; for a combiner's site, that of its text, made when glue first asks for it.</summary>
        public Node? Node
        {
            get => _node ?? (_combined?.Text is { } text ? _node = Graph.Known(text) : null);
            set => _node = value;
        }

        /// <summary>The text a combiner made of parts traced calls made, whose node is made only if glue made from it is recorded.</summary>
        public string? Combined
        {
            set => _combined = new CombinerRun(value, Graph.RecordedCount);
        }

        /// <summary>A combiner's text that is one of its parts: that part's node, which the combiner passed on when it ran.</summary>
        public void PassedOn(Node part)
        {
            _node = part;
            _combined = new CombinerRun(null, Graph.RecordedCount);
        }

        /// <summary>
        /// Where the slot's result stands among the graph's nodes, to tell which of several producers ran last: a call's node by
        /// its index; a combiner's text, whose node is made only when glue asks for it, or which is a part made earlier, by the
        /// nodes the graph held when the combiner ran (before the node at that index, after the one before it). -1 while empty.
        /// </summary>
        public long Order => _combined is { } run ? 2L * run.At : _node is { } node ? 2L * node.GraphIndex + 1 : -1;

        /// <summary>The exception node of the call, when it threw instead of completing.</summary>
        public Node? Failed { get; set; }

        // Tags are literals of generated code: usually the same instance, compared by value otherwise.
        public bool Is(string tag) => ReferenceEquals(Tag, tag) || string.Equals(Tag, tag, StringComparison.Ordinal);
    }

    // What a combiner left: its text (none when the text is one of its parts, whose node it passed on), and how many nodes the
    // graph held as it ran.
    private sealed record CombinerRun(string? Text, int At);

    /// <summary>The slot of a chained producer's call: the running traced call it was opened under, and the slot of the producer's previous call under it.</summary>
    internal sealed class ChainedSlot(string tag, TraceGraph graph, CallFrame frame, ChainedSlot? previous) : Slot(tag, graph)
    {
        public CallFrame Frame { get; } = frame;

        public ChainedSlot? Previous { get; } = previous;
    }
}
