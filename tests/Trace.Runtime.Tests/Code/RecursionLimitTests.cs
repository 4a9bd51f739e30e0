using Opto;
using Opto.Code;
using Opto.Code.Isolation;

namespace Trace.Runtime.Tests.Code;

/// <summary>A trainable method and host methods through which replacement code can call it again.</summary>
public class Recurser
{
    private int _finallies;

    /// <summary>How many finally blocks of the replacement ran.</summary>
    public int Finallies => _finallies;

    /// <summary>Counts a finally block.</summary>
    public void Ran() => _finallies++;

    /// <summary>Walks to a depth.</summary>
    [Trainable]
    public int Walk(int n) => n;

    /// <summary>Host code that calls the trainable method again.</summary>
    public int Host(int n) => Walk(n);

    /// <summary>Host code that runs a function it is given.</summary>
    public int Apply(Func<int, int> function, int n) => function(n);
}

/// <summary>
/// Recursion in replacement code is stopped with <see cref="CodeBudgetExceededException"/> by its depth limit or its
/// stack guard, however it recurses (directly, through local functions, lambdas or host code) and however it catches:
/// the process never dies of a stack overflow. Bounded recursion that handles its own exceptions runs as written.
/// </summary>
public class RecursionLimitTests
{
    private const string Signature = "public int Walk(int n)";

    private static CodeParameter Walk => new Recurser().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Recurser.Walk");

    private static string Body(string body) => Replacements.Method(Signature, body);

    [TearDown]
    public void ResetCode()
    {
        Walk.MaxRecursionDepth = 1000;
        Walk.Reset();
    }

    /// <summary>
    /// Runs on a thread of its own with the given stack, so that a regression fails the test (or, for a stack overflow,
    /// fails on a small stack quickly) instead of hanging the run; returns the exception the call ended with.
    /// </summary>
    private static (Exception? Error, int Result) RunOnThread(Func<int> action, int stackSize)
    {
        Exception? error = null;
        var result = 0;
        var thread = new Thread(() =>
        {
            try { result = action(); }
            catch (Exception e) { error = e; }
        }, stackSize) { IsBackground = true };
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(60)), Is.True, "the replacement was not stopped");
        return (error, result);
    }

    private static IEnumerable<TestCaseData> Unbounded()
    {
        yield return Case("direct recursion caught and retried",
            "try { return Walk(n + 1); }\ncatch (Exception) { return Walk(n + 1); }");
        yield return Case("direct recursion caught by a catch-all and retried",
            "try { return Walk(n + 1); }\ncatch { try { return Walk(n + 1); } catch { return Walk(n + 2); } }");
        yield return Case("direct recursion caught by the model's own filter",
            "try { return Walk(n + 1); }\ncatch (Exception e) when (e.Message.Length > 0) { return Walk(n + 1); }");
        // Local functions do not count depth: only the stack guard stops them.
        yield return Case("mutual recursion through a local function",
            "int a(int k) { try { return b(k + 1); } catch (Exception) { return b(k + 1); } }\nint b(int k) => a(k + 1);\nreturn a(n);", "the stack is nearly exhausted");
        yield return Case("mutual recursion between a local function and the method",
            "int a(int k) { try { return Walk(k + 1); } catch { return Walk(k + 1); } }\nreturn a(n);");
        yield return Case("re-entry through a host method",
            "try { return Host(n + 1); }\ncatch (Exception) { return Host(n + 1); }");
        yield return Case("re-entry through a host method on another instance",
            "try { return new Recurser().Host(n + 1); }\ncatch (Exception) { return new Recurser().Host(n + 1); }");
        yield return Case("re-entry through a lambda passed to a host method",
            "return Apply(k => { try { return Walk(k + 1); } catch (Exception) { return Walk(k + 1); } }, n);");
        yield return Case("re-entry through a lambda passed to a host method that calls the host again",
            "return Apply(k => { try { return Host(k + 1); } catch (Exception) { return Host(k + 1); } }, n);");
        yield return Case("recursion in a catch block",
            "try { throw new InvalidOperationException(); }\ncatch (InvalidOperationException) { return Walk(n + 1); }");
        yield return Case("re-entry through a host method in a catch block",
            "try { throw new InvalidOperationException(); }\ncatch (Exception) { return Host(n + 1); }");
        yield return Case("recursion in a finally block",
            "try { return n; }\nfinally { try { Walk(n + 1); } catch (Exception) { Walk(n + 1); } }");
        yield return Case("re-entry through a host method in a finally block",
            "try { return n; }\nfinally { try { Host(n + 1); } catch { Host(n + 1); } }");

        static TestCaseData Case(string name, string body, string atDepthLimit = "called itself more than 1000 levels deep") =>
            new TestCaseData(body, atDepthLimit).SetName("{m}: " + name);
    }

    // Unbounded recursion runs in a worker process: if a guard ever failed, the worker would die of the stack overflow
    // and the test fail with that, instead of the test run ending.
    private static IsolatedCodeRunner? s_runner;

    [OneTimeTearDown]
    public void StopWorker() => s_runner?.Dispose();

    private static async Task<IsolatedRun<int>> WalkInWorker(string body, int stackSize)
    {
        s_runner ??= new IsolatedCodeRunner(new IsolatedCodeOptions { TimeLimit = TimeSpan.FromSeconds(60) });
        return await s_runner.RunAsync<WalkTrial, WalkInput, int>(new Dictionary<CodeParameter, string> { [Walk] = Body(body) }, new WalkInput(0, stackSize));
    }

    [TestCaseSource(nameof(Unbounded))]
    public async Task Unbounded_recursion_stops_at_the_depth_limit(string body, string message)
    {
        var run = await WalkInWorker(body, 16 * 1024 * 1024);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.BudgetExceeded), run.Message);
        Assert.That(run.Message, Does.StartWith("CodeBudgetExceededException: ").And.Contain(message));
    }

    [TestCaseSource(nameof(Unbounded))]
    public async Task Unbounded_recursion_without_a_depth_limit_stops_before_the_stack_overflows(string body, string atDepthLimit)
    {
        _ = atDepthLimit; // without a depth limit, the stack guard stops every shape
        Walk.MaxRecursionDepth = int.MaxValue;

        var run = await WalkInWorker(body, 1024 * 1024);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.BudgetExceeded), run.Message);
        Assert.That(run.Message, Does.Contain("the stack is nearly exhausted"));
    }

    // Each of these throws a new exception at every level while the recursion unwinds, from a finally or a catch block:
    // every one nests an exception dispatch on a stack that is not unwound yet.
    [TestCase("try { return Walk(n + 1); }\nfinally { n += int.Parse(\"x\"); }", 16 * 1024 * 1024, "called itself more than 1000 levels deep", TestName = "{m}: a finally block that throws, past the depth limit")]
    [TestCase("try { return Walk(n + 1); }\nfinally { n += int.Parse(\"x\"); }", 1024 * 1024, "the stack is nearly exhausted", TestName = "{m}: a finally block that throws, on a small stack")]
    [TestCase("if (n > 900) throw new InvalidOperationException();\ntry { return Walk(n + 1); }\ncatch (Exception e) { return int.Parse(\"x\" + e.Message.Length); }", 1024 * 1024, "the stack is nearly exhausted", TestName = "{m}: a catch block that throws, on a small stack")]
    [TestCase("if (n > 900) throw new InvalidOperationException();\ntry { return Walk(n + 1); }\ncatch { try { throw; } finally { n += int.Parse(\"x\"); } }", 1024 * 1024, "the stack is nearly exhausted", TestName = "{m}: a catch block that rethrows through a finally that throws, on a small stack")]
    [TestCase("try { return Host(n + 1); }\nfinally { Apply(k => int.Parse(\"x\"), n); }", 1024 * 1024, "the stack is nearly exhausted", TestName = "{m}: a finally block that throws through host code, on a small stack")]
    public async Task Exceptions_thrown_while_a_deep_recursion_unwinds_stop_it_instead_of_overflowing_the_stack(string body, int stackSize, string message)
    {
        if (message.Contains("stack", StringComparison.Ordinal)) Walk.MaxRecursionDepth = int.MaxValue;
        var run = await WalkInWorker(body, stackSize);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.BudgetExceeded), run.Message);
        Assert.That(run.Message, Does.Contain(message));
    }

    [Test]
    public void Finally_blocks_still_run_while_a_tripped_limit_unwinds()
    {
        Walk.SetValue(Body("try { return Host(n + 1); }\ncatch (Exception) { return Host(n + 1); }\nfinally { Ran(); }"));
        var recurser = new Recurser();

        var (error, _) = RunOnThread(() => recurser.Walk(0), 16 * 1024 * 1024);

        Assert.That(error, Is.InstanceOf<CodeBudgetExceededException>());
        Assert.That(recurser.Finallies, Is.EqualTo(1000), "one finally per level entered, none retried after the trip");
    }

    [Test]
    public void The_depth_limit_counts_re_entry_through_host_code()
    {
        Walk.MaxRecursionDepth = 10;
        Walk.SetValue(Body("return n >= 10 ? n : Host(n + 1);"));
        var recurser = new Recurser();

        var error = Assert.Throws<CodeBudgetExceededException>(() => recurser.Walk(0));

        Assert.That(error!.Message, Does.Contain("called itself more than 10 levels deep"), "eleven levels do not fit");
        Assert.That(recurser.Walk(1), Is.EqualTo(10), "ten levels fit");
    }

    private static IEnumerable<TestCaseData> Bounded()
    {
        yield return Case("direct recursion that catches its own exceptions",
            "if (n >= 50) return n;\ntry { if (n % 3 == 0) throw new InvalidOperationException(); }\ncatch (InvalidOperationException) { }\ntry { return Walk(n + 1); }\ncatch (Exception) { return -1; }");
        yield return Case("re-entry through a host method that catches its own exceptions",
            "if (n >= 50) return n;\ntry { _ = int.Parse(\"x\"); }\ncatch (Exception) { }\ntry { return Host(n + 1); }\ncatch { return -1; }");
        yield return Case("recursion through a local function and a lambda",
            "int a(int k) => k >= 50 ? k : Apply(j => { try { return a(j + 1); } catch (ArgumentException) { return -1; } }, k);\nreturn a(n);");
        yield return Case("recursion in a catch block",
            "if (n >= 50) return n;\ntry { throw new InvalidOperationException(); }\ncatch (InvalidOperationException) { return Walk(n + 1); }");
        yield return Case("recursion in a finally block",
            "var result = n;\ntry { if (n >= 50) return n; }\nfinally { if (n < 50) result = Host(n + 1); }\nreturn result;");

        static TestCaseData Case(string name, string body) => new TestCaseData(body).SetName("{m}: " + name);
    }

    [TestCaseSource(nameof(Bounded))]
    public void Bounded_recursion_of_depth_50_runs_as_written(string body)
    {
        Walk.SetValue(Body(body));
        var recurser = new Recurser();

        Assert.That(recurser.Walk(0), Is.EqualTo(50));
        Assert.That(recurser.Walk(0), Is.EqualTo(50), "a second call starts afresh");
    }

    [Test]
    public void A_call_after_a_tripped_limit_starts_afresh()
    {
        Walk.SetValue(Body("if (n < 0) return 7;\ntry { return Host(n + 1); }\ncatch (Exception) { return Host(n + 1); }"));
        var recurser = new Recurser();

        var (error, _) = RunOnThread(() => recurser.Walk(0), 16 * 1024 * 1024);
        var (again, result) = RunOnThread(() => recurser.Walk(-1) + recurser.Walk(-1), 16 * 1024 * 1024);

        Assert.That(error, Is.InstanceOf<CodeBudgetExceededException>());
        Assert.That(again, Is.Null);
        Assert.That(result, Is.EqualTo(14));
    }
}
