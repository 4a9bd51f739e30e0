namespace Trace.Generators.Tests;

/// <summary>
/// A sequence computed as it is enumerated (LINQ's deferred operators, an iterator method) given to a traced call: the
/// traced calls an iterator makes while the consumer enumerates it are nested in the consumer, whose node then depends on
/// the trainable values they read (the consumer is never taken for a call that makes no traced call); a LINQ query over a
/// local collection is glue over what the collection holds when the query runs, and links nothing when the collection is
/// changed after the query is made. The generated code runs, and its graph is compared.
/// </summary>
public class DeferredSequenceTests
{
    private const string Library = """
        public class Lib
        {
            [Trainable] public string Prompt { get; set; } = "S:";
            [Traced] public string Summarize(string t) => Prompt + t;
            [Traced] public string Combine(IEnumerable<string> parts) => string.Join("|", parts);
            [Traced] public string Loop(IReadOnlyCollection<string> parts) { var r = ""; foreach (var p in parts) r += p; return r; }
            public IEnumerable<string> Summaries(string x) { yield return Summarize(x); yield return Summarize(x + "2"); }
            public sealed class Notes : IReadOnlyCollection<string>
            {
                private readonly Lib _lib; private readonly string _x;
                public Notes(Lib lib, string x) { _lib = lib; _x = x; }
                public int Count => 1;
                public IEnumerator<string> GetEnumerator() { yield return _lib.Summarize(_x); }
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }
        """;

    private const string Summaries = "InputNode t0(); NodeWithNewInputs summarize0(t0,Lib.Prompt); InputNode t1(); NodeWithNewInputs summarize1(t1,Lib.Prompt)";

    public static IEnumerable<TestCaseData> Cases()
    {
        // Enumerated inside the consumer: the nested calls' trainable value is the consumer's dependency.
        yield return C("Iterator", "return Combine(Summaries(x));",
            "InputNode parts0(); " + Summaries + "; MessageNode combine0(parts0,Lib.Prompt)");
        yield return C("IteratorInALocal", "var parts = Summaries(x); return Combine(parts);",
            "InputNode parts0(); " + Summaries + "; MessageNode combine0(parts0,Lib.Prompt)");
        yield return C("SelectOfAnArgument", "return Combine(System.Linq.Enumerable.Select(new[] { x, x + \"2\" }, d => Summarize(d)));",
            "InputNode parts0(); " + Summaries + "; MessageNode combine0(parts0,Lib.Prompt)");
        yield return C("CollectionOfTheProgram", "return Loop(new Notes(this, x));",
            "InputNode parts0(); InputNode t0(); NodeWithNewInputs summarize0(t0,Lib.Prompt); MessageNode loop0(parts0,Lib.Prompt)");
        // A query over a collection written out: glue over what it holds.
        yield return C("OrderedCollectionExpression", "string[] l = [Summarize(x), Summarize(x + \"2\")]; return Combine(System.Linq.Enumerable.OrderBy(l, s => s));",
            Summaries + "; InputNode parts0(); GlueNode parts1(summarize0,summarize1); MessageNode combine0(parts1)");
        yield return C("Concatenated", "var l = new List<string> { Summarize(x) }; return Combine(System.Linq.Enumerable.Concat(l, [\"x\"]));",
            "InputNode t0(); NodeWithNewInputs summarize0(t0,Lib.Prompt); InputNode parts0(); GlueNode parts1(summarize0); MessageNode combine0(parts1)");
        // Changed after the query was made: it reads what the list holds when it runs, which the compiler does not follow.
        yield return C("ListAddedToAfterTheQuery", "var l = new List<string> { Summarize(x) }; var q = System.Linq.Enumerable.Where(l, s => s.Length > 0); l.Add(Summarize(x + \"2\")); return Combine(q);",
            Summaries + "; InputNode parts0(); MessageNode combine0(parts0)");
        yield return C("ListAddedToBeforeTheQuery", "var l = new List<string> { Summarize(x) }; l.Add(Summarize(x + \"2\")); var q = System.Linq.Enumerable.Where(l, s => s.Length > 0); return Combine(q);",
            Summaries + "; InputNode parts0(); GlueNode parts1(summarize0,summarize1); MessageNode combine0(parts1)");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_deferred_sequence_links_what_it_yields_as_the_consumer_reads_it(string name, string body, string expected)
    {
        var output = AsWritten.Run("Deferred" + name, Library, "public string Run(string x) { " + body + " }", "Run");

        Assert.That(output, Is.EqualTo("as written | " + expected), output);
    }

    private static TestCaseData C(string name, string body, string expected) => new TestCaseData(name, body, expected).SetName(name);
}
