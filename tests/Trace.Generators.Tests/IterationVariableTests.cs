namespace Trace.Generators.Tests;

/// <summary>
/// The variable of a <c>foreach</c> holds an element of what the loop read, which ran once before the loop: glue over it in
/// the loop's body (<c>foreach (var step in plan.Steps) Answer("Do: " + step)</c>) is glue over the call that made that
/// collection, or over what every value a collection local filled in steps may hold; an element passed on unchanged still
/// links by its identity. The generated code runs, and its graph is compared.
/// </summary>
public class IterationVariableTests
{
    private const string Library = """
        public sealed class Plan { public string Goal = ""; public List<string> Steps { get; } = new(); }
        public sealed class Bag : IEnumerable<string>
        {
            private readonly List<string> _items = new();
            public void Add(string item) => _items.Add(item);
            public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        public sealed class Wrapper { public string Text = ""; public static explicit operator Wrapper(string s) => new() { Text = "fixed" }; }

        public class Lib
        {
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public List<string> Search(string t) => [t + "1", t + "2"];
            [Traced] public Plan MakePlan(string t) { var p = new Plan { Goal = t + "!" }; p.Steps.Add(t + "a"); p.Steps.Add(t + "b"); return p; }
            [Traced] public Bag Collect(string t) => new() { t + "c" };
            [Traced] public string Answer(string context) => "A(" + context + ")";
        """;

    private const string Unlinked = "InputNode context0(); NodeWithNewInputs answer0(context0)";

    public static IEnumerable<TestCaseData> Cases()
    {
        // An element of a collection one call made, changed: glue over that call, at every iteration.
        yield return C("StepsOfAResultGlued", "var plan = MakePlan(x); var last = \"\"; foreach (var step in plan.Steps) last += Answer(\"Do: \" + step); return last;",
            "InputNode t0(); NodeWithNewInputs makePlan0(t0); GlueNode context0(makePlan0); MessageNode answer0(context0); GlueNode context1(makePlan0); MessageNode answer1(context1)");
        yield return C("StepsOfAResultUnchanged", "var plan = MakePlan(x); var last = \"\"; foreach (var step in plan.Steps) last += Answer(step); return last;",
            "InputNode t0(); NodeWithNewInputs makePlan0(t0); GlueNode context0(makePlan0); MessageNode answer0(context0); GlueNode context1(makePlan0); MessageNode answer1(context1)");
        yield return C("ResultGlued", "var last = \"\"; foreach (var doc in Search(x)) last += Answer(\"- \" + doc); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); GlueNode context0(search0); MessageNode answer0(context0); GlueNode context1(search0); MessageNode answer1(context1)");
        yield return C("ResultSubsetGlued", "var last = \"\"; foreach (var doc in Search(x).Where(d => d.Length > 0).Take(1)) last += Answer(doc + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); GlueNode context0(search0); MessageNode answer0(context0)");
        yield return C("ArrayOfAResultGlued", "var last = \"\"; foreach (var s in new[] { Summarize(x) }) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        // Enumerating a collection class of the program's runs its code, which could call this method again: in a method neither
        // async nor traced nothing is claimed; in an async function, whose flow is its own, its element is glue over the call.
        yield return C("CollectionClassInAPlainMethod", "var last = \"\"; foreach (var item in Collect(x)) last += Answer(item); return last;",
            "InputNode t0(); NodeWithNewInputs collect0(t0); " + Unlinked);
        yield return C("CollectionClassInAnAsyncFunction", "async Task<string> Each() { await Task.Yield(); var last = \"\"; foreach (var item in Collect(x)) last += Answer(item); return last; } return Each().GetAwaiter().GetResult();",
            "InputNode t0(); NodeWithNewInputs collect0(t0); GlueNode context0(collect0); MessageNode answer0(context0)");
        // Unchanged, an element of a traced call's list keeps its identity, its place shown.
        yield return C("ResultUnchanged", "var last = \"\"; foreach (var doc in Search(x)) last += Answer(doc); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); GlueNode searchItem0(search0); MessageNode answer0(searchItem0); GlueNode searchItem1(search0); MessageNode answer1(searchItem1)");
        // Each run of the loop reads what the collection was made of in that run.
        yield return C("NestedLoops", "var last = \"\"; foreach (var q in new[] { x, x + \"b\" }) foreach (var doc in Search(q)) last += Answer(\"- \" + doc); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); GlueNode context0(search0); MessageNode answer0(context0); GlueNode context1(search0); MessageNode answer1(context1); InputNode t1(); NodeWithNewInputs search1(t1); GlueNode context2(search1); MessageNode answer2(context2); GlueNode context3(search1); MessageNode answer3(context3)");
        // A collection local filled in steps: what every value it may be holds.
        yield return C("LocalOfOneResult", "var l = new List<string>(); l.Add(Summarize(x)); var last = \"\"; foreach (var s in l) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("LocalSubsetOfOneResult", "var l = new List<string> { Summarize(x) }; var last = \"\"; foreach (var s in l.Where(v => v.Length > 0)) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("DictionaryValues", "var d = new Dictionary<string, string> { [\"a\"] = Summarize(x) }; var last = \"\"; foreach (var v in d.Values) last += Answer(v + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("LocalOfTwoValues", "var l = new List<string> { x, Summarize(x) }; var last = \"\"; foreach (var s in l) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0); InputNode context1(); NodeWithNewInputs answer1(context1)");
        yield return C("LocalCleared", "var l = new List<string> { Summarize(x) }; l.Clear(); l.Add(x); var last = \"\"; foreach (var s in l) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        yield return C("CopiedResult", "var last = \"\"; foreach (var doc in new List<string>(Search(x))) last += Answer(\"- \" + doc); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); GlueNode context0(search0); MessageNode answer0(context0); GlueNode context1(search0); MessageNode answer1(context1)");
        // Written out, or made by code of the program's from a collection holding several values: what every value holds.
        yield return C("ArrayOfTwoValues", "var last = \"\"; foreach (var s in new[] { Summarize(x), x }) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0); InputNode context1(); NodeWithNewInputs answer1(context1)");
        yield return C("InterfaceLocalOfTwoValues", "IEnumerable<string> docs = new[] { Summarize(x), x }; var last = \"\"; foreach (var s in docs) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0); InputNode context1(); NodeWithNewInputs answer1(context1)");
        yield return C("ProjectionOfALocal", "var l = new List<string> { Summarize(x), x }; var last = \"\"; foreach (var s in l.Select(v => v)) last += Answer(s + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0); InputNode context1(); NodeWithNewInputs answer1(context1)");
        // What the call made, changed here before the loop (cleared and refilled, set through a helper), or converted by code of
        // the program's as the loop reads it: not the call's.
        yield return C("StepsChangedFirst", "var plan = MakePlan(x); plan.Steps.Clear(); plan.Steps.Add(x); var last = \"\"; foreach (var step in plan.Steps) last += Answer(\"Do: \" + step); return last;",
            "InputNode t0(); NodeWithNewInputs makePlan0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        yield return C("ResultChangedThroughAnInterface", "IList<string> docs = Search(x); docs[0] = x; docs.RemoveAt(1); var last = \"\"; foreach (var d in docs) last += Answer(\"- \" + d); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); DecisionNode decision0(search0); InputNode context0(); MessageNode answer0(context0,decision0)");
        yield return C("ConvertedByTheProgram", "var last = \"\"; foreach (Wrapper w in Search(x)) last += Answer(w.Text + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); DecisionNode decision0(search0); InputNode context0(); MessageNode answer0(context0,decision0); InputNode context1(); MessageNode answer1(context1,decision0)");
        // An item of a tuple each element writes out is what was written there.
        yield return C("TupleItemWritten", "var last = \"\"; foreach (var t in new[] { (\"fixed\", Summarize(x)) }) last += Answer(t.Item2 + \"!\") + Answer(t.Item1 + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0); InputNode context1(); NodeWithNewInputs answer1(context1)");
        yield return C("SortedDictionaryKey", "var d = new SortedDictionary<string, string> { [\"fixed\"] = Summarize(x) }; var last = \"\"; foreach (var kv in d) last += Answer(kv.Key + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        // A dictionary local's pairs: a value is one of those put in; a key claims nothing of them.
        yield return C("DictionaryPairValue", "var d = new Dictionary<string, string> { [\"a\"] = Summarize(x) }; var last = \"\"; foreach (var kv in d) last += Answer(kv.Value + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("DictionaryPairs", "var d = new Dictionary<string, string> { [\"a\"] = Summarize(x) }; var last = \"\"; foreach (var kv in d) last += Answer(kv.Key + \"!\"); return last;",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); " + Unlinked);
        // Read in a lambda of the body: another function, whose runs the loop does not order.
        yield return C("InALambda", "var last = \"\"; foreach (var doc in Search(x)) { Func<string> ask = () => Answer(doc + \"!\"); last += ask(); } return last;",
            "InputNode t0(); NodeWithNewInputs search0(t0); InputNode context0(); NodeWithNewInputs answer0(context0); InputNode context1(); NodeWithNewInputs answer1(context1)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Glue_over_an_iteration_variable_links_to_what_the_loop_read_and_runs_as_written(string name, string body, string expected)
    {
        var output = AsWritten.Run("Iteration" + name, Library, "public string Run(string x) { " + body + " }", "Run");

        Assert.That(output, Is.EqualTo("as written | " + expected), output);
    }

    private static TestCaseData C(string name, string body, string expected) => new TestCaseData(name, body, expected).SetName(name);
}
