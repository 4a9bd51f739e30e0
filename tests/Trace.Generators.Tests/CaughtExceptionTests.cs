namespace Trace.Generators.Tests;

/// <summary>
/// Text a <c>catch</c> makes from the exception it caught (<c>obs = $"Tool failed: {e.Message}"</c>) is glue over the
/// exception node of the <c>try</c>'s only traced call when that call is the first thing the <c>try</c> does: the call's
/// latest run is this one's, and it left an exception node exactly when it threw. An exception later code threw links
/// nothing. Written in an async function, whose flow is its own (reading a message may run an exception's own code). The
/// generated code runs, and its graph is compared.
/// </summary>
public class CaughtExceptionTests
{
    private const string Library = """
        public class Lib
        {
            [Traced] public string Summarize(string t) => t + ".";
            [Traced] public string Run(string t) => t.Length > 3 ? throw new InvalidOperationException("too long: " + t) : t + "!";
            [Traced] public async Task<string> RunAsync(string t) { await Task.Yield(); return t.Length > 3 ? throw new InvalidOperationException("too long: " + t) : t + "!"; }
            [Traced] public Task<string> FailNow(string t) => Task.FromException<string>(new InvalidOperationException("now: " + t));
            [Traced] public string Answer(string context) => "A(" + context + ")";
            private static void Check(string s) { if (s.Length > 0) throw new InvalidOperationException("late"); }
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("ToolErrorFedBack", "string obs; try { obs = Run(x); } catch (InvalidOperationException e) { obs = $\"Tool failed: {e.Message}\"; } return Answer(obs);",
            "InputNode t0(); ExceptionNode run0(t0); GlueNode context0(run0); MessageNode answer0(context0)");
        yield return C("ToolErrorFedBackAsync", "string obs; try { obs = await RunAsync(x); } catch (InvalidOperationException e) { obs = $\"Tool failed: {e.Message}\"; } return Answer(obs);",
            "InputNode t0(); ExceptionNode run0(t0); GlueNode context0(run0); MessageNode answer0(context0)");
        yield return C("AnsweredInTheCatch", "try { return Run(x); } catch (InvalidOperationException e) { return Answer(\"Error: \" + e.Message); }",
            "InputNode t0(); ExceptionNode run0(t0); GlueNode context0(run0); MessageNode answer0(context0)");
        // Each turn's call is the one its catch reads: the first succeeds, the second throws.
        yield return C("RetriedInALoop", "var last = \"\"; foreach (var t in new[] { \"ab\", x }) { try { last = Run(t); } catch (InvalidOperationException e) { last = Answer(\"Error: \" + e.Message); } } return last;",
            "InputNode t0(); NodeWithNewInputs run0(t0); InputNode t1(); ExceptionNode run1(t1); GlueNode context0(run1); MessageNode answer0(context0)");
        // The call completed and later code threw: the exception is not the call's.
        yield return C("ThrownAfterTheCall", "string obs; try { obs = Summarize(x); Check(obs); } catch (InvalidOperationException e) { obs = \"Failed: \" + e.Message; } return Answer(obs);",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        // A task the try started and did not await fails later: the exception caught came from other code.
        yield return C("TaskNotAwaited", "try { var pending = FailNow(x); Check(x); return await pending; } catch (InvalidOperationException e) { return Answer(\"Error: \" + e.Message); }",
            "InputNode t0(); ExceptionNode failNow0(t0); InputNode context0(); NodeWithNewInputs answer0(context0)");
        // Two traced calls in the try: which one threw is not known.
        yield return C("TwoCallsInTheTry", "try { return Run(Summarize(x)); } catch (InvalidOperationException e) { return Answer(\"Error: \" + e.Message); }",
            "InputNode t0(); NodeWithNewInputs summarize0(t0); ExceptionNode run0(summarize0); InputNode context0(); NodeWithNewInputs answer0(context0)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Text_made_from_a_caught_exception_links_to_the_call_that_threw_it_and_runs_as_written(string name, string body, string expected)
    {
        var output = AsWritten.Run("Caught" + name, Library, "public string Go(string x) { async Task<string> Body() { await Task.Yield(); " + body + " } return Body().GetAwaiter().GetResult(); }", "Go");

        Assert.That(output, Is.EqualTo("as written | " + expected), output);
    }

    private static TestCaseData C(string name, string body, string expected) => new TestCaseData(name, body, expected).SetName(name);
}
