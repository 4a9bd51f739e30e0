using System.Collections;
using System.Text;

namespace Opto.Interception;

/// <summary>
/// The arguments a traced call may add to (a list, a dictionary, a <see cref="StringBuilder"/> it is given), as they were
/// when it started. When it completes, what it added becomes its output: an element or a value that was not in the
/// collection before is linked to the call's node wherever it is passed on (<c>into[3]</c> of <c>addSummary0</c>), as an
/// element of a collection the call returned is; the text appended to a builder is a part of the builder made by the call.
/// Only what the runtime reads itself is looked at (see <see cref="StoredElements"/>), by identity: an element that was
/// there before, moved or not, is not the call's. An object the call sets in an <c>out</c> or <c>ref</c> parameter is
/// its output the same way (<c>tryParse0.verdict</c>).
/// </summary>
internal sealed class FilledArguments
{
    // Orders the starts of calls and their claims of what they added: an element another call claimed after this one
    // started (two calls filling one list at the same time, or a traced call nested in this one) is that call's, not this one's.
    private static long s_clock;

    private readonly List<Watched> _watched = [];
    private readonly long _started = Interlocked.Increment(ref s_clock);
    private List<(string Name, object Value)>? _set;
    private List<WatchedMember>? _members;

    // What a collection held before the call, in order: for a list or an array, every element at its index; for another
    // collection, the elements with an identity of their own. A builder's length.
    private readonly record struct Watched(string Name, object Target, object?[]? Before, int Length, bool Indexed = false);

    // A member the call may set, and what it held before the call.
    private readonly record struct WatchedMember(string Name, object Owner, Func<object, object?> Read, object? Before);

    /// <summary>Remembers <paramref name="argument"/>, the parameter <paramref name="name"/>'s, as it is now.</summary>
    public void Watch(string name, object argument)
    {
        switch (argument)
        {
            case StringBuilder builder:
                _watched.Add(new Watched(name, builder, null, builder.Length));
                break;
            case IList list when list is not IDictionary && StoredElements.CanRead(list) && Snapshot(list) is { } held:
                _watched.Add(new Watched(name, list, held, 0, Indexed: true));
                break;
            case IEnumerable collection when StoredElements.CanRead(collection) && Read(collection) is { } elements:
                var before = new object[elements.Count];
                for (var i = 0; i < before.Length; i++) before[i] = elements[i].Element;
                _watched.Add(new Watched(name, collection, before, 0));
                break;
        }
    }

    /// <summary>Remembers <paramref name="value"/>, which the call set in its parameter <paramref name="name"/> (by <c>out</c> or <c>ref</c>).</summary>
    public void Set(string name, object value) => (_set ??= []).Add((name, value));

    /// <summary>Remembers what the member <paramref name="name"/> of <paramref name="owner"/> holds now, to read it again as the call completes.</summary>
    public void WatchSet(string name, object owner, Func<object, object?> read) => (_members ??= []).Add(new WatchedMember(name, owner, read, read(owner)));

    /// <summary>Links what the call added to the arguments it was given, and what it set in them, to <paramref name="node"/>, its node.</summary>
    public void Link(TraceGraph graph, Node node)
    {
        List<(object, string)>? added = null;
        foreach (var (name, value) in _set ?? [])
        {
            if (!CameIn(graph, value) && !GivenAsItIs(node, value)) (added ??= []).Add((value, $"{node.Name}.{name}"));
        }

        foreach (var member in _members ?? [])
        {
            // What the member held before, what the caller had or a parameter's value, and a literal are not the call's making.
            var now = member.Read(member.Owner);
            if (ReferenceEquals(now, member.Before) || !TracedCall.IsLinkableElement(now) || NotItsMaking(graph, node, now)) continue;
            (added ??= []).Add((now, $"{node.Name}.{member.Name}"));
        }

        foreach (var watched in _watched)
        {
            if (watched.Target is StringBuilder builder)
            {
                if (builder.Length > watched.Length) TextBuilders.MadeBy(builder, graph, node, watched.Length);
                continue;
            }

            var before = watched.Before!;
            if (watched.Indexed)
            {
                LinkIndexed(graph, node, watched, ref added);
                continue;
            }

            HashSet<object?>? moved = null;
            var scans = 0;
            var elements = Read((IEnumerable)watched.Target) ?? [];
            for (var i = 0; i < elements.Count; i++)
            {
                // Most calls add at the end: an element where it was costs one comparison, and a set of what was there is made
                // only once one is not. What the caller had, or a parameter's value, put in as it is (`into.Add(ticket)`),
                // was not made by the call: it stays what it was wherever it is used next.
                var element = elements[i].Element;
                if (i < before.Length && ReferenceEquals(before[i], element)) continue;
                if (Held(before, element, ref moved, ref scans) || NotItsMaking(graph, node, element)) continue;
                (added ??= []).Add((element, $"{node.Name}.{watched.Name}{elements[i].ReadOut}"));
            }
        }

        if (added is not null) graph.AddFilled(node, added, Interlocked.Increment(ref s_clock));
    }

    // A list or an array, read by index: an element where it was is passed over without looking at it, and only what is not
    // is asked whether it has an identity of its own (a string's check is the costly part of reading a long history).
    private void LinkIndexed(TraceGraph graph, Node node, Watched watched, ref List<(object, string)>? added)
    {
        var before = watched.Before!;
        if (Snapshot((IList)watched.Target) is not { } now) return;
        HashSet<object?>? moved = null;
        var scans = 0;
        for (var i = 0; i < now.Length; i++)
        {
            var element = now[i];
            if (i < before.Length && ReferenceEquals(before[i], element)) continue;
            if (!TracedCall.IsLinkableElement(element) || Held(before, element, ref moved, ref scans) || NotItsMaking(graph, node, element)) continue;
            (added ??= []).Add((element, $"{node.Name}.{watched.Name}[{i}]"));
        }
    }

    // Every element of a list or an array, at its index; null when it cannot be read now (another thread changing it).
    private static object?[]? Snapshot(IList list)
    {
        try
        {
            var elements = new object?[list.Count];
            for (var i = 0; i < elements.Length; i++) elements[i] = list[i];
            return elements;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    // What came into the graph, what the call was given as it is, and what another call claimed since it started.
    private bool NotItsMaking(TraceGraph graph, Node node, object value) => CameIn(graph, value) || GivenAsItIs(node, value) || graph.FilledAt(value) > _started;

    // What the call was given as it is, as an argument or its receiver (`Log.Add(line)`, `_last = reply`): another call's
    // result it keeps stays that call's, as an input stays the caller's.
    private static bool GivenAsItIs(Node node, object value)
    {
        for (var i = 0; i < node.ParentCount; i++)
        {
            if (ReferenceEquals(node.GetParent(i).Value, value)) return true;
        }

        return false;
    }

    // An input of the graph or a parameter's value, which the call handed on rather than made.
    private static bool CameIn(TraceGraph graph, object value) => graph.Recorded(value) is InputNode or ParameterNode;

    // Whether the collection held `element` before the call: a scan for the first few looked for (a call adds one or two), a
    // set made once for more.
    private static bool Held(object?[] before, object element, ref HashSet<object?>? set, ref int scans)
    {
        if (set is not null || (++scans > 4 && before.Length > 16)) return (set ??= new HashSet<object?>(before, ReferenceEqualityComparer.Instance)).Contains(element);
        foreach (var held in before)
        {
            if (ReferenceEquals(held, element)) return true;
        }

        return false;
    }

    // The elements with an identity of their own, each with where it is (its index, or its key); null when the collection
    // cannot be read now (another thread changing it). How an element is read out is written only for what the call added.
    internal static List<Entry>? Read(IEnumerable collection)
    {
        var elements = new List<Entry>(collection is ICollection { Count: var count } ? count : 0);
        try
        {
            var index = 0;
            if (collection is IDictionary dictionary)
            {
                var entries = dictionary.GetEnumerator();
                while (entries.MoveNext())
                {
                    var entry = entries.Entry;
                    if (TracedCall.IsLinkableElement(entry.Value)) elements.Add(new Entry(entry.Value, index, entry.Key, IsKey: false));
                    if (TracedCall.IsLinkableElement(entry.Key)) elements.Add(new Entry(entry.Key, index, entry.Key, IsKey: true));
                    index++;
                }

                return elements;
            }

            foreach (var element in collection)
            {
                if (TracedCall.IsLinkableElement(element)) elements.Add(new Entry(element, index, null, IsKey: false));
                index++;
            }

            return elements;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // An element read out of a collection: a list's `[2]`, a dictionary's value `["key"]` (`.Values[2]` for a key not
    // written simply) or key `.Keys[2]`.
    internal readonly record struct Entry(object Element, int Index, object? Key, bool IsKey)
    {
        public string ReadOut => IsKey ? $".Keys[{Index}]"
            : Key is null ? $"[{Index}]"
            : ElementNames.KeyText(Key) is { } key ? $"[{key}]" : $".Values[{Index}]";
    }
}
