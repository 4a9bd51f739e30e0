namespace Trace.Generators.Tests;

/// <summary>
/// An element read back from a collection local that statements of its block filled (<c>d["k"] = Summarize(x)</c>,
/// <c>list.Add(...)</c>, <c>arr[1] = ...</c>) and then changed by glue is linked to the call that made what was put at that
/// key or place, and to no other; a collection changed where the compiler does not follow it, or an element written over,
/// links nothing it no longer holds; so does the whole collection read after a change that may take an element out. The
/// generated code runs, and its graph is compared.
/// </summary>
public class StoredElementTests
{
    private const string Library = """
        public class Lib
        {
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public string Decide(string t) => t + "?";
            [Traced] public string Answer(string context) => "A(" + context + ")";
        """;

    private const string Unlinked = "InputNode context0(); NodeWithNewInputs answer0(context0)";

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("DictionarySet", "var d = new Dictionary<string, string>(); d[\"k\"] = Summarize(x); return Answer(d[\"k\"] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("DictionaryTwoKeys", "var d = new Dictionary<string, string>(); d[\"a\"] = Summarize(x); d[\"b\"] = Decide(x); return Answer(d[\"b\"] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); MessageNode decide0(t0); GlueNode context0(decide0); MessageNode answer0(context0)");
        yield return C("DictionaryAddThenSetAgain", "var d = new Dictionary<string, string>(); d.Add(\"a\", Summarize(x)); d[\"a\"] = Decide(x); return Answer(d[\"a\"] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); MessageNode decide0(t0); GlueNode context0(decide0); MessageNode answer0(context0)");
        yield return C("DictionaryInitializerByKey", "var d = new Dictionary<string, string> { [\"a\"] = Summarize(x), [\"b\"] = Decide(x) }; return Answer(d[\"a\"].ToUpperInvariant());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); MessageNode decide0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("ListAddedAfterWrittenOut", "var l = new List<string> { \"system\" }; l.Add(Summarize(x)); return Answer(l[1] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("ListPlaceHoldingText", "var l = new List<string> { \"system\" }; l.Add(Summarize(x)); return Answer(l[0] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("ArraySetAtItsPlace", "var a = new string[2]; a[0] = Decide(x); a[1] = Summarize(x); return Answer(a[1] + \"!\");",
            "InputNode t0(); NodeWithNewInputs decide0(t0); MessageNode summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("ReadBetweenSets", "var d = new Dictionary<string, string>(); d[\"k\"] = Summarize(x); var first = Answer(d[\"k\"] + \"!\"); d[\"k\"] = Decide(x); return first;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0); MessageNode decide0(t0)");
        // What it no longer holds is not linked: written over, cleared, or handed to code that may change it.
        yield return C("WrittenOver", "var d = new Dictionary<string, string> { [\"k\"] = Summarize(x) }; d[\"k\"] = \"other\"; return Answer(d[\"k\"] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("ArrayWrittenOver", "var a = new[] { Summarize(x) }; a[0] = x; return Answer(a[0] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("Cleared", "var l = new List<string> { Summarize(x) }; l.Clear(); l.Add(x); return Answer(l[0] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("Reversed", "var a = new[] { Summarize(x), x }; System.Array.Reverse(a); return Answer(a[0] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("SetInABranch", "var d = new Dictionary<string, string>(); if (x.Length > 1) d[\"k\"] = Summarize(x); else d[\"k\"] = x; return Answer(d[\"k\"] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        // A dictionary made with another comparer, or elsewhere, may take two constant keys for one: its keys tell nothing.
        yield return C("OtherComparer", "var d = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase); d[\"k\"] = Summarize(x); d[\"K\"] = x; return Answer(d[\"k\"] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        // A place decided at run time: only what every candidate holds.
        yield return C("PlaceNotKnown", "var a = new[] { Summarize(x), x }; return Answer(a[x.Length % 2] + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
    }

    // The whole collection read (`string.Join`, `First()`): all it holds when every change the compiler does not follow only adds
    // or reorders; nothing after a change that may take an element out.
    public static IEnumerable<TestCaseData> WholeCases()
    {
        const string Linked = "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)";
        // The text string.Join made of the list, which links its elements by their identity, then glue over it.
        static string JoinedOver(string parts, string glue) => $"InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode join0({parts}); GlueNode context0({glue}); MessageNode answer0(context0)";
        yield return C("WholeAfterClear", "var l = new List<string> { Summarize(x) }; l.Clear(); l.Add(x); return Answer(string.Join(\",\", l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("WholeAfterRemoveAt", "var l = new List<string> { Summarize(x), x }; l.RemoveAt(0); return Answer(string.Join(\",\", l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("WholeAfterHelper", "void Wipe(List<string> v) => v.Clear(); var l = new List<string> { Summarize(x) }; Wipe(l); return Answer(string.Join(\",\", l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("WholeAfterSetInABranch", "var l = new List<string> { Summarize(x) }; if (x.Length > 1) l[0] = x; return Answer(string.Join(\",\", l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("ValuesAfterRemove", "var d = new Dictionary<string, string> { [\"a\"] = Summarize(x) }; d.Remove(\"a\"); return Answer(string.Join(\",\", d.Values) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("FirstAfterClear", "var l = new List<string> { Summarize(x) }; l.Clear(); l.Add(x); return Answer(System.Linq.Enumerable.First(l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("WholeSetAfterReorder", "var l = new List<string> { Summarize(x), Decide(x) }; l.Reverse(); l[0] = x; return Answer(string.Join(\",\", l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); MessageNode decide0(t0); GlueNode join0(t0,summarize0); GlueNode context0(join0); MessageNode answer0(context0)");
        yield return C("WholeAfterReverse", "var a = new[] { Summarize(x), x }; System.Array.Reverse(a); return Answer(string.Join(\",\", a) + \"!\");", JoinedOver("t0,summarize0", "join0,summarize0"));
        yield return C("WholeAfterSort", "var l = new List<string> { Summarize(x), x }; l.Sort(); return Answer(string.Join(\",\", l) + \"!\");", JoinedOver("t0,summarize0", "join0,summarize0"));
        yield return C("WholeAfterInsert", "var l = new List<string> { Summarize(x) }; l.Insert(0, x); return Answer(string.Join(\",\", l) + \"!\");", JoinedOver("t0,summarize0", "join0,summarize0"));
        yield return C("WholeAfterAddInABranch", "var l = new List<string>(); l.Add(Summarize(x)); if (x.Length > 1) l.Add(x); return Answer(string.Join(\",\", l) + \"!\");", JoinedOver("summarize0,t0", "join0"));
        yield return C("WholeAfterAddInALoop", "var l = new List<string> { Summarize(x) }; foreach (var c in x) l.Add(c.ToString()); return Answer(string.Join(\",\", l) + \"!\");", JoinedOver("summarize0", "join0,summarize0"));
        // A change after the statement that reads cannot come before it.
        yield return C("WholeReadBeforeClear", "var l = new List<string> { Summarize(x) }; var joined = string.Join(\",\", l); l.Clear(); return Answer(joined + \"!\");", Linked);
        yield return C("ElementReadBeforeHelper", "void Wipe(Dictionary<string, string> v) => v.Clear(); var d = new Dictionary<string, string>(); d[\"k\"] = Summarize(x); var kept = d[\"k\"]; Wipe(d); return Answer(kept + \"!\");", Linked);
        // The framework's other collections: what they hold is known, not where; only what is added to them is followed.
        yield return C("QueueEnqueued", "var q = new Queue<string>(); q.Enqueue(Summarize(x)); return Answer(string.Join(\",\", q) + \"!\");", Linked);
        yield return C("StackPeeked", "var s = new Stack<string>(); s.Push(Summarize(x)); return Answer(s.Peek() + \"!\");", Linked);
        // Picked by a method (`First()`, `Pop()`): the calls every value it may pick holds.
        yield return C("QueueDequeuedOne", "var q = new Queue<string>(); q.Enqueue(Summarize(x)); return Answer(q.Dequeue() + \"!\");", Linked);
        yield return C("StackPoppedOfTwo", "var s = new Stack<string>(); s.Push(Summarize(x)); s.Push(x); return Answer(s.Pop() + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("ElementAtAPlace", "var l = new List<string> { x }; l.Add(Summarize(x)); return Answer(System.Linq.Enumerable.ElementAt(l, 1) + \"!\");", Linked);
        yield return C("ElementAtAnotherPlace", "var l = new List<string> { x }; l.Add(Summarize(x)); return Answer(System.Linq.Enumerable.ElementAt(l, 0) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("FirstOfTwo", "var l = new List<string> { x, Summarize(x) }; return Answer(System.Linq.Enumerable.First(l) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("SetAfterClear", "var s = new HashSet<string> { Summarize(x) }; s.Clear(); s.Add(x); return Answer(string.Join(\",\", s) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("QueueAfterDequeue", "var q = new Queue<string>(); q.Enqueue(Summarize(x)); q.Enqueue(x); q.Dequeue(); return Answer(string.Join(\",\", q) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("SortedValuesAfterClear", "var d = new SortedDictionary<string, string> { [\"a\"] = Summarize(x) }; d.Clear(); return Answer(string.Join(\",\", d.Values) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("SortedSetByKey", "var d = new SortedDictionary<string, string> { [\"a\"] = Summarize(x) }; d[\"a\"] = x; return Answer(string.Join(\",\", d.Values) + \"!\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
    }

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(WholeCases))]
    public void An_element_read_back_links_to_what_was_put_at_its_key_and_runs_as_written(string name, string body, string expected)
    {
        var output = AsWritten.Run("StoredElement" + name, Library, "public string Run(string x) { " + body + " }", "Run");

        Assert.That(output, Is.EqualTo("as written | " + expected), output);
    }

    private static TestCaseData C(string name, string body, string expected) => new TestCaseData(name, body, expected).SetName(name);
}
