namespace Trace.Generators.Tests;

/// <summary>
/// Glue over traced calls put into a framework collection (<c>messages.Add(summary + "!")</c>) or a StringBuilder is recorded
/// where it goes in, so it links by its identity wherever the collection is passed on, or the builder's text is; what the compiler cannot prove (a producer in a
/// branch, a value type) is not, and the collection's own methods behave as written.
/// </summary>
public class StoredGlueTests
{
    private const string Library = """
        public class Lib
        {
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t + "~"; }
            [Traced] public string Answer(string context) => "A(" + context + ")";
            [Traced] public string AnswerAll(IReadOnlyList<string> parts) => "All(" + string.Join("|", parts) + ")";
            private sealed record Hidden(string Text);
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("ListAdd", "var m = new List<string> { \"system\" }; m.Add(Summarize(x) + \"!\"); return AnswerAll(m);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode m0(summarize0); CollectionNode parts0(m0); MessageNode answerAll0(parts0)");
        yield return C("ListInsert", "var m = new List<string> { \"tail\" }; m.Insert(0, Summarize(x).ToUpperInvariant()); return AnswerAll(m);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode m0(summarize0); CollectionNode parts0(m0); MessageNode answerAll0(parts0)");
        yield return C("QueueThenToList", "var q = new Queue<string>(); q.Enqueue($\"[{Summarize(x)}]\"); return AnswerAll(q.ToList());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode q0(summarize0); CollectionNode parts0(q0); MessageNode answerAll0(parts0)");
        yield return C("DictionaryValueReadBack", "var d = new Dictionary<string, string>(); d.Add(\"k\", Summarize(x) + \"!\"); return Answer(d[\"k\"]);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode d0(summarize0); MessageNode answer0(d0)");
        yield return C("InALoopEachIteration", "var acc = new List<string>(); foreach (var q in new[] { x, x + \"2\" }) { var s = Summarize(q); acc.Add(s.Trim('.')); } return AnswerAll(acc);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode acc0(summarize0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode acc1(summarize1); CollectionNode parts0(acc0,acc1); MessageNode answerAll0(parts0)");
        yield return C("ConcurrentDictionaryInASynchronousMethod", "var c = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(); c.TryAdd(x, Summarize(x) + \"!\"); return Answer(c[x]);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode c0(summarize0); MessageNode answer0(c0)");
        // Glue put into a StringBuilder is recorded before the builder records it as a part, whose text then links to it. Not
        // an object in a synchronous method (the builder calls its ToString, which could be the program's), nor an
        // interpolated append, whose holes the compiler's handler appends.
        yield return C("BuilderAppendChanged", "var sb = new System.Text.StringBuilder(\"Notes: \"); sb.Append(Summarize(x).ToUpperInvariant()); return Answer(sb.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode sb0(summarize0); GlueNode sb1(sb0); MessageNode answer0(sb1)");
        yield return C("BuilderAppendLineInALoop", "var sb = new System.Text.StringBuilder(); foreach (var q in new[] { x, x + \"2\" }) sb.AppendLine(\"- \" + Summarize(q)); return Answer(sb.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode sb0(summarize0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode sb1(summarize1); GlueNode sb2(sb0,sb1); MessageNode answer0(sb2)");
        yield return C("BuilderInsertText", "var sb = new System.Text.StringBuilder(\"tail\"); sb.Insert(0, Summarize(x) + \": \"); return Answer(sb.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode sb0(summarize0); GlueNode sb1(sb0); MessageNode answer0(sb1)");
        yield return C("BuilderObjectInASynchronousMethod", "var sb = new System.Text.StringBuilder(\"tail\"); sb.Insert(0, (object)(Summarize(x) + \": \")); return Answer(sb.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        yield return C("BuilderInterpolatedNotAPut", "var sb = new System.Text.StringBuilder(); sb.Append($\"- {Summarize(x)}\"); return Answer(sb.ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        // Not proven: the producer runs only on one branch of the value; a value type read where it was not put.
        yield return C("ProducerInABranch", "var l = new List<string>(); l.Add(x.Length > 0 ? Summarize(x) + \"!\" : \"none\"); return AnswerAll(l);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode parts0(); MessageNode answerAll0(parts0)");
        // A value type put at a place the compiler knows, read back from it: linked by the compiler's flow.
        yield return C("ValueTypeElements", "var l = new List<int>(); l.Add(Summarize(x).Length); return Answer(l[0].ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("ValueTypeElementsChanged", "var l = new List<int>(); l.Add(Summarize(x).Length); l.Reverse(); return Answer(l[0].ToString());",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        yield return C("ListOfATypeGeneratedCodeCannotName", "var l = new List<Hidden>(); l.Add(new Hidden(Summarize(x) + \"!\")); return Answer(l[0].Text);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        // A list of objects in a synchronous method could hold an object of the program's, whose code the list could run (Equals,
        // ToString), but not between the call and the Add: the value is stored there, and read back by its identity.
        yield return C("ObjectListInASynchronousMethod", "var l = new List<object>(); l.Add(Summarize(x) + \"!\"); return Answer((string)l[0]);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode l0(summarize0); MessageNode answer0(l0)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Glue_stored_in_a_collection_links_where_the_collection_goes(string name, string body, string expected)
    {
        var source = Library + "\n    public string Run(string x) { " + body + " }\n}\n" +
            "public static class P { public static string Run() { using var s = TraceScope.Begin(); new Lib().Run(new string('a', 4)); return Graphs.Shape(s); } }";

        var shape = GenericInterceptorTests.Run("StoredGlue" + name, source, out _);

        Assert.That(shape, Is.EqualTo(expected), shape);
    }

    [Test]
    public void Storing_interceptors_match_the_snapshot()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Stores", null, """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Opto;
            namespace N;
            public class Lib
            {
                [Traced] public string Summarize(string t) => t + ".";
                public async Task<bool> Run(string x, List<string> history, ConcurrentDictionary<string, string> cache)
                {
                    history.Add(Summarize(x) + "!");
                    history.Insert(0, Summarize(x).Trim());
                    var added = cache.TryAdd(x, $"[{Summarize(x)}]");
                    history.Add(Summarize(x));
                    var prompt = new System.Text.StringBuilder();
                    prompt.AppendLine("- " + Summarize(x)).Insert(0, (object)(Summarize(x) + ": "));
                    prompt.Append(Summarize(x));
                    history.Add(prompt.ToString());
                    await Task.Yield();
                    return added;
                }
            }
            """));

        generated.AssertClean();
        Snapshot.Match("Stores.StoredGlue", generated.Sources["Opto.StoredGlue.g.cs"]);
    }

    private static TestCaseData C(string name, string body, string expected) => new TestCaseData(name, body, expected).SetName(name);
}
