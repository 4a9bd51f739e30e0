namespace Trace.Generators.Tests;

/// <summary>
/// Glue in a synchronous method is linked where the method runs nothing of the program's besides traced calls: values set
/// through an <c>out</c> argument (<c>table.TryGetValue(k, out var n)</c>), the parts of a deconstruction (<c>var (head, size) =
/// Split(t)</c>: a tuple's elements, a positional record's properties), ranges (<c>text[..3]</c>), anonymous objects
/// handed to the framework (<c>JsonSerializer.Serialize(new { ... })</c>), and <c>with</c> on a struct or on a sealed record
/// whose copying is the compiler's. A record that could be derived from (its clone is virtual) still counts as code that
/// could call back, and links nothing.
/// </summary>
public class GlueThroughLibraryCodeTests
{
    private const string Library = """
        public sealed record Note(string Text, int Priority);
        public record Ticket(string Text, int Priority);
        public record struct Draft(string Text, int Priority);
        public class Lib
        {
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public Dictionary<string, int> Scores(string t) => new() { ["k"] = t.Length };
            [Traced] public Dictionary<string, string> Table(string t) => new() { ["k"] = t + "!" };
            [Traced] public string Answer(string context) => "A(" + context + ")";
            [Traced] public string Number(int n) => "N(" + n + ")";
            [Traced] public (string Head, int Size) Split(string t) => (t + "!", t.Length);
            [Traced] public Note Open(string t) => new(t + "?", 2);
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("OutFromTryGetValue", "var t = Scores(x); return t.TryGetValue(\"k\", out var n) ? Number(n) : \"\";",
            "InputNode t0(); NodeWithNewInputs scores0(t0); GlueNode n0(scores0); MessageNode number0(n0)");
        yield return C("OutInALoopCondition", "var q = new Queue<int>(Scores(x).Values); var r = \"\"; while (q.TryDequeue(out var n)) r = Number(n); return r;",
            "InputNode t0(); NodeWithNewInputs scores0(t0); GlueNode n0(scores0); MessageNode number0(n0)");
        yield return C("RangeOfAResult", "return Answer(Summarize(x)[..3]);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("AnonymousObjectAsJson", "var json = System.Text.Json.JsonSerializer.Serialize(new { summary = Summarize(x), n = 1 }); return Answer(json);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("WithOnASealedRecord", "var note = new Note(Summarize(x), 1) with { Priority = 2 }; return Answer(note.Text + \"?\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("WithOnARecordStruct", "var draft = new Draft(Summarize(x), 1) with { Priority = 2 }; return Answer(draft.Text + \"?\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); GlueNode context0(summarize0); MessageNode answer0(context0)");
        // A deconstruction's parts: a tuple's elements, a positional record's properties, the elements of a tuple written out.
        yield return C("DeconstructedTuple", "var (head, size) = Split(x); return Number(size + 1) + Answer(head + \"!\");",
            "InputNode t0(); NodeWithNewInputs split0(t0); GlueNode n0(split0); MessageNode number0(n0); GlueNode context0(split0); MessageNode answer0(context0)");
        yield return C("DeconstructedRecord", "var (text, priority) = Open(x); return Answer(text + priority);",
            "InputNode t0(); NodeWithNewInputs open0(t0); GlueNode context0(open0); MessageNode answer0(context0)");
        yield return C("DeconstructedTupleOfCalls", "var (a, b) = (Summarize(x), Summarize(x + \"b\")); return Answer(a + \"|\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode context0(summarize0); MessageNode answer0(context0)");
        // Locals declared without a value and set once, by a deconstruction: as if declared there.
        yield return C("DeconstructedIntoDeclaredLocals", "string a, b; (a, b) = (Summarize(x), Summarize(x + \"b\")); return Answer(a + \"|\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode t1(); NodeWithNewInputs summarize1(t1); GlueNode context0(summarize0); MessageNode answer0(context0)");
        yield return C("DeconstructedCallIntoDeclaredLocals", "string head; int size; (head, size) = Split(x); return Answer(head + \"!\");",
            "InputNode t0(); NodeWithNewInputs split0(t0); GlueNode context0(split0); MessageNode answer0(context0)");
        // Set by a second deconstruction, or given a value before: not one step the compiler proves.
        yield return C("DeconstructedTwiceIntoDeclaredLocals", "string a, b; (a, b) = (Summarize(x), \"1\"); (a, b) = (a + \"2\", b); return Answer(a + \"|\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        yield return C("DeconstructedIntoLocalsWithAValue", "string a = \"\", b = \"\"; (a, b) = (Summarize(x), \"1\"); return Answer(a + b);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        // Its clone is virtual: a derived record's copy constructor, code of the program's, could run instead.
        yield return C("WithOnARecordThatCanBeDerived", "var ticket = new Ticket(Summarize(x), 1) with { Priority = 2 }; return Answer(ticket.Text + \"?\");",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Glue_in_a_synchronous_method_that_runs_only_library_code_is_linked(string name, string body, string expected)
    {
        var source = Library + "\n    public string Run(string x) { " + body + " }\n}\n" +
            "public static class P { public static string Run() { using var s = TraceScope.Begin(); new Lib().Run(new string('a', 4)); return Graphs.Shape(s); } }";

        var shape = GenericInterceptorTests.Run("LibraryGlue" + name, source, out _);

        Assert.That(shape, Is.EqualTo(expected), shape);
    }

    private static TestCaseData C(string name, string body, string expected) => new TestCaseData(name, body, expected).SetName(name);
}
