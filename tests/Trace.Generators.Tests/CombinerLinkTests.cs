namespace Trace.Generators.Tests;

/// <summary>
/// <c>string.Join</c> and <c>string.Concat</c> over parts are intercepted as glue: the text links to the traced calls that
/// made its parts, by the parts' identity, whatever path they took (a lambda, <c>Task.WhenAll</c>, a loop, a field).
/// </summary>
public class CombinerLinkTests
{
    private const string Library = """
        public class Lib
        {
            private List<string> _kept = new();
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t + "."; }
            [Traced] public List<string> Search(string q) => [q + "1", q + "2"];
            [Traced] public string Classify(string p) => p.Length.ToString();
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        // The two calls complete in either order, and take their names as they do.
        yield return C("WhenAllThenJoin", "var all = await Task.WhenAll(xs.Select(x => SummarizeAsync(x))); return Classify(string.Join(\", \", all));",
            @"^(InputNode t\d\(\); |MessageNode summarize\d\(t\d\); ){4}GlueNode join0\((summarize0,summarize1|summarize1,summarize0)\); MessageNode classify0\(join0\)$", pattern: true);
        yield return C("LazySelect", "return Classify(string.Join(\"\\n\", xs.Select(x => Summarize(x))));", "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode join0(summarize0,summarize1); MessageNode classify0(join0)");
        yield return C("LoopIntoList", "var list = new List<string>(); foreach (var x in xs) list.Add(Summarize(x)); return Classify(string.Concat(list));", "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode concat0(summarize0,summarize1); MessageNode classify0(concat0)");
        yield return C("ThroughAField", "foreach (var x in xs) _kept.Add(Summarize(x)); var text = string.Join(',', _kept); return Classify(text);", "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode join0(summarize0,summarize1); MessageNode classify0(join0)");
        // Where the compiler proves the flow, its glue is the argument's node (the collection a call returned is one parent,
        // not one per element); the combiner adds the parts it could not prove (a part assigned in a loop).
        yield return C("WholeResult", "return Classify(string.Join(\"|\", Search(xs[0])));", "InputNode q0(); NodeWithNewInputs search0(q0); GlueNode p0(search0); MessageNode classify0(p0)");
        yield return C("ExpandedParams", "var a = Summarize(xs[0]); var b = Summarize(xs[1]); return Classify(string.Join(\", \", a, b, xs[0]));", "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode p0(summarize0,summarize1,t0); MessageNode classify0(p0)");
        yield return C("PartlyProven", "var a = Summarize(xs[0]); var last = \"\"; foreach (var x in xs) last = Summarize(x); return Classify(string.Join(\", \", a, last));",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); MessageNode summarize1(t0); InputNode t1(); NodeWithNewInputs summarize2(t1); GlueNode p0(summarize0,summarize2); MessageNode classify0(p0)");
        // One part is the text itself (the combiner returns it): linked as that part.
        yield return C("OnePart", "return Classify(string.Join(\", \", new[] { Summarize(xs[0]) }));", "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode p0(summarize0); MessageNode classify0(p0)");
        // Text made from a combiner's text (a prompt around the notes) is glue over the combiner's node, whatever filled the list.
        yield return C("PromptAroundJoinedList", "var notes = new List<string>(); foreach (var x in xs) notes.Add(Summarize(x)); return Classify($\"Notes:\\n{string.Join(\"\\n\", notes)}\");", "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode join0(summarize0,summarize1); GlueNode p0(join0); MessageNode classify0(p0)");
        yield return C("PromptAroundJoinedGlue", "var notes = new List<string>(); foreach (var x in xs) notes.Add($\"- {Summarize(x)}\"); var joined = string.Join(\"\\n\", notes); return Classify(\"Notes: \" + joined);", "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode notes0(summarize0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode notes1(summarize1); GlueNode join0(notes0,notes1); GlueNode p0(join0); MessageNode classify0(p0)");
        // In a loop, a combiner is a producer of glue too: the prompt the loop set last is glue over the text its last turn joined.
        yield return C("JoinedInALoop", "var notes = new List<string>(); var prompt = Summarize(\"none\"); foreach (var x in xs) { notes.Add(Summarize(x)); prompt = \"Notes: \" + string.Join(\",\", notes); } return Classify(prompt);", "InputNode t0(); MessageNode summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); InputNode t2(); NodeWithNewInputs summarize2(t2); GlueNode join0(summarize1,summarize2); GlueNode p0(join0); MessageNode classify0(p0)");
        // A scratchpad: each turn's prompt is glue over the notes joined in that turn, made by the turns before.
        yield return C("ScratchpadInALoop", "var notes = new List<string>(); var reply = \"\"; foreach (var x in xs) { reply = Classify(x + string.Join(\"\\n\", notes)); notes.Add(Summarize(reply)); } return reply;", "InputNode p0(); NodeWithNewInputs classify0(p0); MessageNode summarize0(classify0); GlueNode p1(summarize0); MessageNode classify1(p1); MessageNode summarize1(classify1)");
        // Parts with no identity, or parts changed on the way, link to nothing (OPTO017 reports the latter).
        yield return C("ValueTypedParts", "return Classify(string.Join(\", \", xs.Select(x => x.Length)));", "InputNode p0(); NodeWithNewInputs classify0(p0)");
        yield return C("ChangedParts", "return Classify(string.Join(\", \", xs.Select(x => Summarize(x).ToUpperInvariant())));", "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); InputNode p0(); NodeWithNewInputs classify0(p0)");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_text_a_combiner_made_links_to_the_calls_that_made_its_parts(string name, string body, string expected, bool pattern)
    {
        var source = Library + "\n    public async Task<string> Run(List<string> xs) { await Task.Yield(); " + body + " }\n}\n" +
            "public static class P { public static async Task<string> Run() { using var s = TraceScope.Begin(); await new Lib().Run([new string('a', 2), new string('b', 2)]); return Graphs.Shape(s); } }";

        var shape = GenericInterceptorTests.Run("Combiner" + name, source, out _);

        Assert.That(shape, pattern ? Does.Match(expected) : Is.EqualTo(expected), shape);
    }

    [Test]
    public void A_combiner_that_ran_before_a_later_call_is_not_taken_for_the_later()
    {
        // The first call joins the notes and returns before any glue asks for the text's node; the second calls Summarize.
        // The text's node is made only when the second call's glue asks for it, after Summarize's: where the combiner ran
        // still says it is older, so the glue links Summarize's result.
        var source = Library + """
                public string Pick(List<string> notes, string q, bool joined, bool stop)
                {
                    var context = joined ? string.Join(",", notes) : Summarize(q);
                    if (stop) return "";
                    return Classify(context + "!");
                }
            }

            public static class P
            {
                public static string Run()
                {
                    using var s = TraceScope.Begin();
                    var lib = new Lib();
                    var notes = new List<string> { lib.Summarize("x"), lib.Summarize("y") };
                    lib.Pick(notes, "q", joined: true, stop: true);
                    lib.Pick(notes, "r", joined: false, stop: false);
                    return Graphs.Shape(s);
                }
            }
            """;

        var shape = GenericInterceptorTests.Run("CombinerOrder", source, out _);

        Assert.That(shape, Does.EndWith("NodeWithNewInputs summarize2(t2); GlueNode join0(summarize0,summarize1); GlueNode p0(summarize2); MessageNode classify0(p0)"), shape);
    }

    [Test]
    public void A_combiner_returns_and_throws_what_it_does_untraced()
    {
        const string source = """
            public static class P
            {
                public static string Run()
                {
                    var off = Texts();
                    string on;
                    using (TraceScope.Begin()) on = Texts();
                    return off == on ? on : "off: " + off + " | on: " + on;
                }

                private static string Texts()
                {
                    var words = new List<string> { "a", "b" };
                    string?[] array = ["c", null, "d"];
                    object?[] objects = [1, "e", null];
                    var lazy = words.Select(w => w + "!");
                    var texts = new List<string>
                    {
                        string.Join(", ", words), string.Join(',', words), string.Join("-", array), string.Join('-', objects), string.Join("+", 1, 2, 3),
                        string.Join(";", lazy), string.Join(";", new[] { 1, 2 }), string.Join('/', new[] { 1.5, 2.5 }), string.Concat(words), string.Concat(lazy),
                        string.Concat(new[] { 1, 2 }), string.Concat(array), string.Concat("x", "y", "z", "w", "v"), string.Join(", ", new List<string>()), string.Concat(objects),
                    };
                    texts.Add(Generic(new List<Uri> { new("http://a/"), new("http://b/") }) + Generic(new[] { 'x', 'y' }));
                    try { string.Join(",", (List<string>)null!); } catch (ArgumentNullException e) { texts.Add(e.ParamName!); }
                    try { string.Concat((IEnumerable<string>)null!); } catch (ArgumentNullException e) { texts.Add(e.ParamName!); }
                    return string.Join(" | ", texts);
                }

                // A call in generic code: its interceptor is generic, and the compiler passes it the call's type argument.
                private static string Generic<U>(IEnumerable<U> items) => string.Join("+", items) + string.Concat(items);
            }
            """;

        var texts = GenericInterceptorTests.Run("CombinerTexts", source, out var interceptors);

        // Every combiner call of the program above whose parts can carry an identity: 12 of the 15 in the list (not the
        // three over numbers), the 2 that throw, the Join that makes the result, and the 2 in generic code.
        Assert.That(interceptors.Split('\n').Count(l => l.Contains("InterceptsLocation(", StringComparison.Ordinal) && l.Contains("// File0.cs", StringComparison.Ordinal)), Is.EqualTo(17), interceptors);
        Assert.That(texts, Is.EqualTo("a, b | a,b | c--d | 1-e- | 1+2+3 | a!;b! | 1;2 | 1.5/2.5 | ab | a!b! | 12 | cd | xyzwv |  | 1e | http://a/+http://b/http://a/http://b/x+yxy | values | values"));
    }

    private static TestCaseData C(string name, string body, string expected, bool pattern = false) =>
        new TestCaseData(name, body, expected, pattern).SetName("Combiner_" + name);
}
