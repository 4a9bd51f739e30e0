namespace Trace.Generators.Tests;

/// <summary>
/// Text put into a <c>StringBuilder</c> (<c>Append</c>, <c>AppendLine</c>, <c>Insert</c>) and taken out with <c>ToString()</c>
/// links to the traced calls that made the parts it still holds, by the parts' identity, whatever path they took to the
/// builder (a helper given the builder, a field, a chain of calls). Parts removed on the way are not linked.
/// </summary>
public class BuilderLinkTests
{
    private const string Library = """
        public record Doc(string Text) { public override string ToString() => "Doc: " + Text; }

        public class Lib
        {
            private readonly System.Text.StringBuilder _history = new();
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t + "."; }
            [Traced] public Doc Find(string q) => new(q + "!");
            [Traced] public string Classify(string p) => p.Length.ToString();
            private static void AddAll(System.Text.StringBuilder into, IEnumerable<string> parts) { foreach (var part in parts) into.Append(part).Append('\n'); }
            private void Remember(string line) => _history.AppendLine(line);
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("AppendAndAppendLine",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(\"Summary: \").Append(Summarize(xs[0])); prompt.AppendLine(); foreach (var x in xs) prompt.AppendLine(Summarize(x)); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); MessageNode summarize1(t0); InputNode t1(); NodeWithNewInputs summarize2(t1); GlueNode prompt0(summarize0,summarize1,summarize2); MessageNode classify0(prompt0)");
        yield return C("FilledByAHelper",
            "var prompt = new System.Text.StringBuilder(\"Docs:\\n\"); AddAll(prompt, xs.Select(x => Summarize(x))); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt0(summarize0,summarize1); MessageNode classify0(prompt0)");
        yield return C("AfterAwait",
            "var prompt = new System.Text.StringBuilder(); foreach (var x in xs) prompt.Append(await SummarizeAsync(x)).Append(' '); return Classify(prompt.ToString());",
            "InputNode t0(); MessageNode summarize0(t0); InputNode t1(); MessageNode summarize1(t1); GlueNode prompt0(summarize0,summarize1); MessageNode classify0(prompt0)");
        // The compiler proves this flow itself: its glue node is the argument's.
        yield return C("AChainWithoutALocal",
            "return Classify(new System.Text.StringBuilder().Append(Summarize(xs[0])).Append(\" and \").Append(Summarize(xs[1])).ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode p0(summarize0,summarize1); MessageNode classify0(p0)");
        yield return C("InAFieldFilledElsewhere",
            "foreach (var x in xs) Remember(Summarize(x)); return Classify(_history.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode history0(summarize0,summarize1); MessageNode classify0(history0)");
        yield return C("AnObjectAppended",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(Find(xs[0])); prompt.Insert(0, (object)Find(xs[1])); return Classify(prompt.ToString());",
            "InputNode q0(); NodeWithNewInputs find0(q0); InputNode q1(); NodeWithNewInputs find1(q1); GlueNode prompt0(find0,find1); MessageNode classify0(prompt0)");
        yield return C("Inserted",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(Summarize(xs[0])); prompt.Insert(0, Summarize(xs[1])); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt0(summarize0,summarize1); MessageNode classify0(prompt0)");
        // AppendJoin's parts are the builder's too: a lazy sequence enumerated once, expanded arguments, a character separator.
        yield return C("AppendJoined",
            "var prompt = new System.Text.StringBuilder(\"Docs: \"); prompt.AppendJoin(\"\\n\", xs.Select(x => Summarize(x))); prompt.AppendJoin(',', Summarize(xs[0]), \"-\"); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); MessageNode summarize2(t0); GlueNode prompt0(summarize0,summarize1,summarize2); MessageNode classify0(prompt0)");
        yield return C("AppendJoinedObjects",
            "var prompt = new System.Text.StringBuilder(); prompt.AppendJoin(\", \", new object[] { Find(xs[0]) }); return Classify(prompt.ToString());",
            "InputNode q0(); NodeWithNewInputs find0(q0); InputNode p0(); NodeWithNewInputs classify0(p0)");
        // What is no longer in the text is not its part: a builder cleared, emptied through its length, or cut.
        yield return C("Cleared",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(Summarize(xs[0])); prompt.Clear(); prompt.Append(Summarize(xs[1])); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt0(summarize1); MessageNode classify0(prompt0)");
        yield return C("LengthSetToZero",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(Summarize(xs[0])); prompt.Length = 0; prompt.Append(\"-\").Append(Summarize(xs[1])); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt0(summarize1); MessageNode classify0(prompt0)");
        yield return C("Removed",
            "var prompt = new System.Text.StringBuilder(); var a = Summarize(xs[0]); prompt.Append(a).Append(Summarize(xs[1])); prompt.Remove(0, a.Length); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt0(summarize1); MessageNode classify0(prompt0)");
        // Two texts of one builder: each its own glue, over what it held then.
        yield return C("TwoTexts",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(Summarize(xs[0])); var first = prompt.ToString(); prompt.Append(Summarize(xs[1])); return Classify(first) + Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt0(summarize0); MessageNode classify0(prompt0); GlueNode prompt1(summarize0,summarize1); MessageNode classify1(prompt1)");
        // A part changed on the way in is glue the compiler proves, recorded where it goes in; parts with no identity and text
        // interpolated into the builder link to nothing (OPTO017 reports the last). Text made of inputs alone is an input.
        yield return C("ChangedParts",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(Summarize(xs[0]).ToUpperInvariant()); prompt.Append($\"Doc: {Summarize(xs[1])}\"); prompt.Append(xs[0].Length); return Classify(prompt.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode prompt0(summarize0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode prompt1(prompt0); MessageNode classify0(prompt1)");
        yield return C("InputsOnly",
            "var prompt = new System.Text.StringBuilder(); prompt.Append(xs[0]).Append(xs[1]); return Classify(prompt.ToString());",
            "InputNode p0(); NodeWithNewInputs classify0(p0)");
    }

    [TestCaseSource(nameof(Cases))]
    public void The_text_a_builder_made_links_to_the_calls_that_made_its_parts(string name, string body, string expected)
    {
        var source = Library + "\n    public async Task<string> Run(List<string> xs) { await Task.Yield(); " + body + " }\n}\n" +
            "public static class P { public static async Task<string> Run() { using var s = TraceScope.Begin(); await new Lib().Run([new string('a', 2), new string('b', 2)]); return Graphs.Shape(s); } }";

        var shape = GenericInterceptorTests.Run("Builder" + name, source, out _);

        Assert.That(shape, Is.EqualTo(expected), shape);
    }

    /// <summary>
    /// What a builder holds is its graph's: used again in another scope, or after its graph was cleared, its text links only
    /// what was put into it since.
    /// </summary>
    [Test]
    public void A_builder_links_only_the_parts_of_the_graph_it_is_read_in()
    {
        const string source = """
            public class Lib { [Traced] public string Summarize(string t) => t + "."; [Traced] public string Classify(string p) => p.Length.ToString(); }
            public static class P
            {
                public static string Run()
                {
                    var lib = new Lib();
                    var prompt = new System.Text.StringBuilder();
                    using (TraceScope.Begin()) prompt.Append(lib.Summarize(new string('a', 2)));
                    string second;
                    using (var s = TraceScope.Begin())
                    {
                        lib.Classify(prompt.ToString());
                        prompt.Append(lib.Summarize(new string('b', 2)));
                        lib.Classify(prompt.ToString());
                        second = Graphs.Shape(s);
                    }

                    string third;
                    using (var s = TraceScope.Begin())
                    {
                        prompt.Append(lib.Summarize(new string('c', 2)));
                        s.Graph.Clear();
                        lib.Classify(prompt.ToString());
                        third = Graphs.Shape(s);
                    }

                    return second + " | " + third;
                }
            }
            """;

        var shapes = GenericInterceptorTests.Run("BuilderScopes", source, out _);

        Assert.That(shapes, Is.EqualTo(
            "InputNode p0(); NodeWithNewInputs classify0(p0); InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode prompt0(summarize0); MessageNode classify1(prompt0) | InputNode p0(); NodeWithNewInputs classify0(p0)"));
    }

    [Test]
    public void A_builder_does_and_throws_what_it_does_untraced()
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
                    string? none = null;
                    object? nothing = null;
                    var word = new string('w', 2);
                    object boxed = 42;
                    var b = new System.Text.StringBuilder();
                    b.Append(word).Append(none).Append(nothing).Append(boxed).AppendLine(word).AppendLine(none).Insert(0, word).Insert(1, boxed).Insert(0, none);
                    var texts = new List<string> { b.ToString(), new System.Text.StringBuilder().ToString(), b.Append((object)word).ToString() };
                    var words = new List<string> { word, "x" };
                    var joined = new System.Text.StringBuilder().AppendJoin(", ", words).AppendJoin('/', words.Select(w => w + "!")).AppendJoin("-", word, none, "y")
                        .AppendJoin(';', new object?[] { boxed, nothing }).AppendJoin("+", new[] { 1, 2 }).AppendJoin(none, words);
                    texts.Add(joined.ToString());
                    try { joined.AppendJoin(",", (IEnumerable<string>)null!); } catch (ArgumentNullException e) { texts.Add(e.ParamName!); }
                    try { b.Insert(-1, word); } catch (ArgumentOutOfRangeException e) { texts.Add(e.ParamName!); }
                    try { b.Insert(1000, (object)word); } catch (ArgumentOutOfRangeException e) { texts.Add(e.ParamName!); }
                    System.Text.StringBuilder? maybe = b;
                    texts.Add(maybe?.Append(word)?.ToString() ?? "");
                    System.Text.StringBuilder? missing = null;
                    try { missing!.Append(word); } catch (NullReferenceException) { texts.Add("null"); }
                    try { missing!.ToString(); } catch (NullReferenceException) { texts.Add("null"); }
                    return string.Join(" | ", texts).Replace("\n", "/", StringComparison.Ordinal);
                }
            }
            """;

        var texts = GenericInterceptorTests.Run("BuilderTexts", source, out var interceptors);

        // Every put of a value that is not a constant (fourteen, two after `?.` or `!`), every AppendJoin over parts that can
        // carry an identity (six: not the one over numbers), every ToString() of a builder (six), and the Join; not Replace.
        var locations = interceptors.Split('\n').Count(l => l.Contains("InterceptsLocation(", StringComparison.Ordinal) && l.Contains("// File0.cs", StringComparison.Ordinal));
        Assert.That(locations, Is.EqualTo(27), interceptors);
        Assert.That(texts, Is.EqualTo("w42www42ww// |  | w42www42ww//ww | ww, xww!/x!ww--y42;1+2wwx | values | index | index | w42www42ww//wwww | null | null"), texts);
    }

    private static TestCaseData C(string name, string body, string expected) =>
        new TestCaseData(name, body, expected).SetName("Builder_" + name);
}
