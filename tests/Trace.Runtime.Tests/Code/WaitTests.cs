using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

/// <summary>Waiting and looping that no checkpoint would see: refused, or stopped by the budget.</summary>
public class WaitTests
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

    [TestCase("lock (this) { } return text;", "a lock statement")]
    [TestCase("lock (text) { return text; }", "a lock statement")]
    [TestCase("var items = new System.Collections.Concurrent.BlockingCollection<int>();\nreturn items.Take().ToString();", "BlockingCollection")]
    [TestCase("foreach (var i in new System.Collections.Concurrent.BlockingCollection<int>().GetConsumingEnumerable()) { }\nreturn text;", "BlockingCollection")]
    [TestCase("var gate = new System.Threading.ReaderWriterLockSlim();\ngate.EnterWriteLock();\nreturn text;", "ReaderWriterLockSlim")]
    public void A_wait_no_checkpoint_can_interrupt_is_refused(string body, string api)
    {
        var problem = Label.CompileAndCheck(Body(body));

        Assert.That(problem, Does.Contain(api).And.Contain("threads, timers, blocking waits"));
    }

    [TestCase("var i = 0;\nswitch (i)\n{\n    case 0: goto case 1;\n    case 1: goto case 0;\n}\nreturn text;", TestName = "Stopped: a goto case loop")]
    [TestCase("var i = 0;\nswitch (i)\n{\n    case 0: goto default;\n    default: i++; goto case 0;\n}\nreturn text;", TestName = "Stopped: a goto default loop")]
    public void A_loop_through_switch_sections_is_stopped_by_the_budget(string body)
    {
        var label = Label;
        label.TimeBudget = TimeSpan.FromMilliseconds(200);
        label.SetValue(Body(body));
        var sorter = new Sorter();

        var error = Replacements.RunGuarded(() => sorter.Label("x"));

        Assert.That(error, Is.InstanceOf<CodeBudgetExceededException>());
    }

    [Test]
    public void A_switch_whose_sections_declare_locals_still_compiles_and_runs()
    {
        Label.SetValue(Body("switch (text.Length)\n{\n    case 1:\n        var one = text + \"!\";\n        return one;\n    default:\n        one = text;\n        return one + \"?\";\n}"));

        Assert.That(new Sorter().Label("a"), Is.EqualTo("a!"));
        Assert.That(new Sorter().Label("ab"), Is.EqualTo("ab?"));
    }
}
