using System.Collections;
using System.Runtime.CompilerServices;
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

    private readonly record struct Watched(string Name, object Target, HashSet<object>? Before, int Length);

    /// <summary>Remembers <paramref name="argument"/>, the parameter <paramref name="name"/>'s, as it is now.</summary>
    public void Watch(string name, object argument)
    {
        switch (argument)
        {
            case StringBuilder builder:
                _watched.Add(new Watched(name, builder, null, builder.Length));
                break;
            case IEnumerable collection when StoredElements.CanRead(collection) && Read(collection) is { } elements:
                HashSet<object>? before = null;
                foreach (var (element, _) in elements) (before ??= new(ReferenceEqualityComparer.Instance)).Add(element);
                _watched.Add(new Watched(name, collection, before, 0));
                break;
        }
    }

    /// <summary>Remembers <paramref name="value"/>, which the call set in its parameter <paramref name="name"/> (by <c>out</c> or <c>ref</c>).</summary>
    public void Set(string name, object value) => (_set ??= []).Add((name, value));

    /// <summary>Links what the call added to the arguments it was given, and what it set in them, to <paramref name="node"/>, its node.</summary>
    public void Link(TraceGraph graph, Node node)
    {
        List<(object, string)>? added = null;
        foreach (var (name, value) in _set ?? [])
        {
            if (graph.Recorded(value) is not (InputNode or ParameterNode)) (added ??= []).Add((value, $"{node.Name}.{name}"));
        }

        foreach (var watched in _watched)
        {
            if (watched.Target is StringBuilder builder)
            {
                if (builder.Length > watched.Length) TextBuilders.MadeBy(builder, graph, node, watched.Length);
                continue;
            }

            foreach (var (element, readOut) in Read((IEnumerable)watched.Target) ?? [])
            {
                // What the caller had, or a parameter's value, put in as it is (`into.Add(ticket)`), was not made by the call:
                // it stays what it was wherever it is used next.
                if (watched.Before?.Contains(element) == true || graph.Recorded(element) is InputNode or ParameterNode || ClaimedSinceStart(graph, element)) continue;
                (added ??= []).Add((element, $"{node.Name}.{watched.Name}{readOut}"));
            }
        }

        if (added is null) return;
        var claimed = Interlocked.Increment(ref s_clock);
        foreach (var (element, _) in added) graph.FilledClaims.AddOrUpdate(element, new StrongBox<long>(claimed));
        graph.AddElements(node, added);
    }

    private bool ClaimedSinceStart(TraceGraph graph, object element) =>
        graph.FilledClaims.TryGetValue(element, out var claimed) && Volatile.Read(ref claimed.Value) > _started;

    // The elements with an identity of their own, each with how it is read out of the collection (`[2]`, `["key"]`); null
    // when the collection cannot be read now (another thread changing it).
    private static List<(object Element, string ReadOut)>? Read(IEnumerable collection)
    {
        var elements = new List<(object, string)>();
        try
        {
            var index = 0;
            if (collection is IDictionary dictionary)
            {
                var entries = dictionary.GetEnumerator();
                while (entries.MoveNext())
                {
                    var entry = entries.Entry;
                    var key = ElementNames.KeyText(entry.Key);
                    if (TracedCall.IsLinkableElement(entry.Value)) elements.Add((entry.Value, key is null ? $".Values[{index}]" : $"[{key}]"));
                    if (TracedCall.IsLinkableElement(entry.Key)) elements.Add((entry.Key, $".Keys[{index}]"));
                    index++;
                }

                return elements;
            }

            foreach (var element in collection)
            {
                if (TracedCall.IsLinkableElement(element)) elements.Add((element, $"[{index}]"));
                index++;
            }

            return elements;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
