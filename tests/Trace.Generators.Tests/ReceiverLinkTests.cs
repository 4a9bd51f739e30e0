namespace Trace.Generators.Tests;

/// <summary>
/// A traced method called on an object another traced call returned has that call as a parent; called on <c>this</c>
/// (written or not, or <c>base</c>), it has not: the enclosing call is already the object's work.
/// </summary>
public class ReceiverLinkTests
{
    private const string Library = """
        public class Doc
        {
            public string T = "";
            public Doc? Next;
            [Traced] public string Title() => T + Mark();
            [Traced] public string Mark() => "!";
            [Traced] public virtual string Size() => T.Length.ToString();
        }
        public class Sub : Doc { [Traced] public override string Size() => base.Size() + this.Mark(); }
        public ref struct Cursor { public string Text; [Traced] public int Length() => Text.Length; }
        public struct Pt
        {
            public static System.Func<int, int> Scale = x => x * 2;
            public int X;
            [Traced] public int Get() => X;
            public readonly Pt Doubled() => new Pt { X = X * 2 };
            public readonly Pt Scaled() => new Pt { X = Scale(X) };
        }
        public record Ticket(string Subject, int Priority) { public string Label { get; } = Subject.Trim(); [Traced] public string Describe() => Label + Priority; }
        public class Hooked { public static System.Action<string>? OnMade; public Hooked(string s) { S = s; OnMade?.Invoke(s); } public string S; [Traced] public string Describe() => S; }
        public class Lib
        {
            private Doc? _kept;
            [Traced] public Doc Load(string p) => new Doc { T = p, Next = new Doc { T = p + "n" } };
            [Traced] public Sub LoadSub(string p) => new Sub { T = p };
            [Traced] public Pt Make(int x) => new Pt { X = x };
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("Local", "var d = Load(p); return d.Title();",
            "InputNode p0(); NodeWithNewInputs load0(p0); MessageNode mark0(); MessageNode title0(load0)", 1);
        yield return C("Chained", "return Load(p).Title();",
            "InputNode p0(); NodeWithNewInputs load0(p0); MessageNode mark0(); MessageNode title0(load0)", 1);
        yield return C("Field", "_kept = Load(p); return _kept.Title();",
            "InputNode p0(); NodeWithNewInputs load0(p0); MessageNode mark0(); MessageNode title0(load0)", 1);
        yield return C("CastAndConditional", "object o = Load(p); return ((Doc)o).Title() + Load(p)?.Title();",
            "InputNode p0(); NodeWithNewInputs load0(p0); MessageNode mark0(); MessageNode title0(load0); MessageNode load1(p0); MessageNode mark1(); MessageNode title1(load1)", 2);
        yield return C("BaseAndThisInsideAnOverride", "return LoadSub(p).Size();",
            "InputNode p0(); NodeWithNewInputs loadSub0(p0); MessageNode mark0(); MessageNode size0(loadSub0)", 1);
        yield return C("AnObjectMadeHere", "var d = new Doc { T = p }; return d.Title();",
            "MessageNode mark0(); MessageNode title0()", 1);
        yield return C("ValueTypedResult", "var pt = Make(p.Length); return pt.Get().ToString();",
            "InputNode x0(); NodeWithNewInputs make0(x0); MessageNode get0(make0)", 1);
        yield return C("ReachedFromAResult", "var next = Load(p).Next!; return next.Title() + next.Title();",
            "InputNode p0(); NodeWithNewInputs load0(p0); GlueNode doc0(load0); MessageNode mark0(); MessageNode title0(doc0); MessageNode mark1(); MessageNode title1(doc0)", 1);
        yield return C("ValueTypedThroughLocals", "var pt = Make(p.Length); var copy = pt; return copy.Get().ToString() + Make(1).X;",
            "InputNode x0(); NodeWithNewInputs make0(x0); MessageNode get0(make0); InputNode x1(); MessageNode make1(x1)", 1);
        // A method of a ref struct is not intercepted (OPTO013 says so); the calls around it still compile and record.
        yield return C("RefStructFromAResult", "var cursor = new Cursor { Text = Load(p).T }; return cursor.Length().ToString();",
            "InputNode p0(); NodeWithNewInputs load0(p0)", 0);
        // Pt.Scaled calls a delegate, which could run this method again in between: no flow is claimed here (OPTO017 says
        // so); in an async or traced method it is glue. Pt.Doubled only makes a Pt: it cannot.
        yield return C("ValueTypedGlueOutsideAnIsolatedMethod", "var twice = Make(p.Length).Scaled(); return twice.Get().ToString();",
            "InputNode x0(); NodeWithNewInputs make0(x0); MessageNode get0()", 0);
        yield return C("ValueTypedGlueThroughAHelperThatOnlyMakesAValue", "var twice = Make(p.Length).Doubled(); return twice.Get().ToString();",
            "InputNode x0(); NodeWithNewInputs make0(x0); GlueNode pt0(make0); MessageNode get0(pt0)", 1);
        // Making a record, or an object whose constructor runs nothing of the program's but plain code, cannot run this method
        // again before the object is used: it is glue over the result. A constructor that invokes a delegate could.
        yield return C("RecordMadeFromAResult", "var t = new Ticket(Load(p).T, 1); return t.Describe();",
            "InputNode p0(); NodeWithNewInputs load0(p0); GlueNode ticket0(load0); MessageNode describe0(ticket0)", 1);
        yield return C("ObjectWhoseConstructorRunsADelegate", "var h = new Hooked(Load(p).T); return h.Describe();",
            "InputNode p0(); NodeWithNewInputs load0(p0); MessageNode describe0()", 1);
    }

    [TestCaseSource(nameof(Cases))]
    public void A_call_on_a_traced_call_s_result_has_that_call_as_a_parent(string name, string body, string expected, int linkingInterceptors)
    {
        var source = Library + "\n    public string Run(string p) { " + body + " }\n}\n" +
            "public static class P { public static string Run() { using var s = TraceScope.Begin(); new Lib().Run(new string('a', 2)); return Graphs.Shape(s); } }";

        var shape = GenericInterceptorTests.Run("Receiver" + name, source, out var interceptors);

        Assert.That(shape, Is.EqualTo(expected), shape);
        // Interceptors that link: those of calls written on another object than this (the runtime then finds its producer,
        // if any); sites of the same shape share one.
        Assert.That(interceptors.Split('\n').Count(l => l.Contains("__call.LinkReceiver();", StringComparison.Ordinal) || l.Contains("Receiver(@this", StringComparison.Ordinal) || l.Contains("__call.ReceiverFromSlot(@this", StringComparison.Ordinal)), Is.EqualTo(linkingInterceptors), interceptors);
    }

    private static TestCaseData C(string name, string body, string expected, int linkingInterceptors) =>
        new TestCaseData(name, body, expected, linkingInterceptors).SetName("Receiver_" + name);
}
