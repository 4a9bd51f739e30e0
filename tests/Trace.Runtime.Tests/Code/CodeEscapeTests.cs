using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

/// <summary>Ways model-written code could escape the policy or the budget, each of which must be refused or stopped.</summary>
public class CodeEscapeTests
{
    private static CodeParameter Label => Replacements.CodeOf(new Sorter(), "Sorter.Label");

    private static string Body(string body) => Replacements.Label(body);

    [TearDown]
    public void ResetCode()
    {
        Label.Policy = CodePolicy.Default;
        Label.TimeBudget = TimeSpan.FromSeconds(10);
        Label.Reset();
    }

    private static Exception? RunGuarded(Action action) => Replacements.RunGuarded(action);

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return Case("expression tree run by a query provider", """
            var q = System.Linq.Queryable.AsQueryable(new int[0]);
            var call = System.Linq.Expressions.Expression.Call(typeof(Environment), "GetEnvironmentVariable", null, System.Linq.Expressions.Expression.Constant("X"));
            return q.Provider.Execute<string>(call);
            """, "is reflection or dynamic code");
        yield return Case("the assembly of a type", "return typeof(object).Assembly.FullName!;", "is reflection or dynamic code");
        yield return Case("XML saved to a file", "new System.Xml.Linq.XDocument(new System.Xml.Linq.XElement(\"x\")).Save(text); return text;", "is outside the project and the allowed part of the base library");
        yield return Case("a trace listener writing a file", "using var l = new System.Diagnostics.TextWriterTraceListener(text); return text;", "is outside the project and the allowed part of the base library");
        yield return Case("a spin wait", "System.Threading.SpinWait.SpinUntil(() => false); return text;", "is threads, timers, blocking waits");
        yield return Case("PLINQ", "System.Linq.ParallelEnumerable.ForAll(System.Linq.ParallelEnumerable.AsParallel(new[] { 1 }), i => { }); return text;", "is threads, timers, blocking waits");
        yield return Case("a continuation", "Task.Delay(1).ContinueWith(_ => { }); return text;", "System.Threading.Tasks.Task.ContinueWith is threads, timers, blocking waits");
        yield return Case("a timer in a token source", "new System.Threading.CancellationTokenSource(10).Token.Register(() => { }); return text;", "is threads, timers, blocking waits");
        yield return Case("blocking on a task", "return Task.FromResult(text).Result;", "is threads, timers, blocking waits");
        yield return Case("the process-wide culture", "System.Globalization.CultureInfo.DefaultThreadCurrentCulture = new System.Globalization.CultureInfo(\"de-DE\"); return text;", "is environment or process-wide state");
        yield return Case("redirecting the console", "Console.SetOut(TextWriter.Null); return text;", "is environment or process-wide state");
        yield return Case("stackalloc", "Span<byte> b = stackalloc byte[256 * 1024 * 1024]; return text;", "stackalloc is unsafe code or native interop");

        yield return Case("a backtracking match without a timeout", "return System.Text.RegularExpressions.Regex.IsMatch(text, \"^(a+)+$\").ToString();", "Regex.IsMatch is threads, timers, blocking waits or work no checkpoint can stop (a regular expression needs a match timeout)");
        yield return Case("a regular expression object without a timeout", "var r = new System.Text.RegularExpressions.Regex(\"(a|aa)+$\");\nreturn r.Replace(text, \"b\");", "new System.Text.RegularExpressions.Regex is threads");
        yield return Case("a replacement without a timeout", "return System.Text.RegularExpressions.Regex.Replace(text, \"(x+x+)+y\", \"z\");", "Regex.Replace is threads");
        yield return Case("splitting without a timeout", "return string.Join(\",\", System.Text.RegularExpressions.Regex.Split(text, \"(a*)*b\"));", "Regex.Split is threads");
        yield return Case("an infinite match timeout", "return System.Text.RegularExpressions.Regex.IsMatch(text, \"^(a+)+$\", System.Text.RegularExpressions.RegexOptions.None, System.Text.RegularExpressions.Regex.InfiniteMatchTimeout).ToString();", "Regex.InfiniteMatchTimeout is threads");

        static TestCaseData Case(string name, string body, string message) => new TestCaseData(body, message).SetName("Refused: " + name);
    }

    [TestCase("return System.Text.RegularExpressions.Regex.IsMatch(text, \"^a+$\", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100)).ToString();", "True", TestName = "Allowed: a static match with a timeout")]
    [TestCase("var r = new System.Text.RegularExpressions.Regex(\"a\", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));\nreturn r.Replace(text, \"b\");", "bbb", TestName = "Allowed: a regular expression object with a timeout, and its instance methods")]
    [TestCase("return System.Text.RegularExpressions.Regex.Escape(text + \".\");", "aaa\\.", TestName = "Allowed: escaping, which matches nothing")]
    public void Regular_expressions_with_a_timeout_run(string body, string expected)
    {
        Label.SetValue(Body(body));

        Assert.That(new Sorter().Label("aaa"), Is.EqualTo(expected));
    }

    [Test]
    public void A_backtracking_match_ends_at_its_timeout_as_feedback()
    {
        Label.SetValue(Body("return System.Text.RegularExpressions.Regex.IsMatch(new string('a', 40) + \"!\", \"^(a+)+$\", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(200)).ToString();"));

        var error = RunGuarded(() => new Sorter().Label("x"));

        Assert.That(error, Is.InstanceOf<System.Text.RegularExpressions.RegexMatchTimeoutException>());
    }

    [TestCaseSource(nameof(Refused))]
    public void Code_that_would_escape_the_policy_is_refused(string body, string message)
    {
        var problem = Label.CompileAndCheck(Body(body));

        Assert.That(problem, Does.Contain(message).And.Contain("which the code policy does not allow"));
    }

    [TestCase("var n = 0;\nagain: n++;\ngoto again;", TestName = "Stopped: a goto loop")]
    [TestCase("for (;;) { try { while (true) { } } catch { } }", TestName = "Stopped: a loop whose catch-all would swallow the budget")]
    [TestCase("Func<int, long> f = null!;\nf = n => n == 0 ? 1 : f(n - 1) + f(n - 1);\nlong g(int n) => n == 0 ? 1 : g(n - 1) + g(n - 1);\nreturn (f(40) + g(40)).ToString();", TestName = "Stopped: exponential recursion in a lambda and a local function")]
    [TestCase("Func<int, int> f = null!;\nf = n => 1 + f(n + 1);\nreturn f(0).ToString();", TestName = "Stopped: unbounded lambda recursion, before the stack overflows")]
    [TestCase("int f(int n) { return 1 + f(n + 1); }\nreturn f(0).ToString();", TestName = "Stopped: unbounded local function recursion, before the stack overflows")]
    public void Code_that_would_run_past_its_budget_is_stopped(string body)
    {
        var label = Label;
        label.TimeBudget = TimeSpan.FromMilliseconds(200);
        label.SetValue(Body(body));
        var sorter = new Sorter();

        var error = RunGuarded(() => sorter.Label("x"));

        Assert.That(error, Is.InstanceOf<CodeBudgetExceededException>());
    }

    [Test]
    public void A_patch_prepared_under_a_wider_policy_is_checked_again_after_the_policy_narrows()
    {
        var code = Body("return System.IO.File.Exists(text).ToString();");
        Label.Policy = CodePolicy.Default.Allow(CodeCapabilities.FileSystem);
        Assert.That(Label.CompileAndCheck(code), Is.Null);

        Label.Policy = CodePolicy.Default;

        Assert.Throws<CodeRejectedException>(() => Label.SetValue(code));
        Assert.That(Label.IsReplaced, Is.False);
    }

    [TestCase("#region r\nreturn text + \"!\";\n#endregion")]
    [TestCase("#pragma warning disable CS0168\nreturn text + \"!\";")]
    [TestCase("while (text.Length < 3)\n{\n#region grow\n    text += \"x\";\n#endregion\n}\nreturn text + \"!\";")]
    public void Directives_at_the_start_of_a_block_still_compile(string body)
    {
        Label.SetValue(Body(body));

        Assert.That(new Sorter().Label("abc"), Is.EqualTo("abc!"));
    }

    [Test]
    public void Deeply_nested_loops_compile_without_blowing_up()
    {
        var code = Body(string.Concat(Enumerable.Repeat("for (var i = 0; i < 1; i++) ", 30)) + "{ }\nreturn text;");

        string? problem = "not run";
        var error = RunGuarded(() => problem = Label.CompileAndCheck(code));

        Assert.That(error, Is.Null);
        Assert.That(problem, Does.Contain("CS0136").Or.Null, "the nested loops reuse one variable name, which the compiler may report; what matters is that it answers");
    }

    [Test]
    public void A_comment_inside_the_signature_is_not_a_signature_change()
    {
        Assert.That(Label.CompileAndCheck("public string Label(string /* the text */ text) => text + \"?\";"), Is.Null);
    }

    [Test]
    public void Errors_point_at_the_compilers_lines_even_after_a_unicode_line_separator()
    {
        var problem = Label.CompileAndCheck("public string Label(string text)\n{\n    // a\u2028comment\n    return uper;\n}");

        // The compiler ends the comment at U+2028, so 'comment' is code on a line of its own: the error is shown under it.
        Assert.That(problem, Does.Contain("4 | comment\n  | ^ error CS1002: ; expected\n5 |     return uper;"));
    }
}
