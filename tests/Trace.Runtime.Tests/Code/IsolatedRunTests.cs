using Opto;
using Opto.Code;
using Opto.Code.Isolation;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

/// <summary>
/// Candidate code runs in a real worker process: what the host's process could not survive (a stack overflow in host
/// code, memory exhaustion, a thread no budget stops) ends the worker, is reported as feedback, and the next trial runs
/// on a fresh worker. The host's own code parameters never change.
/// </summary>
[NonParallelizable]
public class IsolatedRunTests
{
    private static CodeParameter Compute => Replacements.CodeOf(new Hazards(), "Hazards.Compute");

    private static string Body(string body) => Replacements.Method("public int Compute(int n)", body);

    [TearDown]
    public void ResetCode()
    {
        Compute.TimeBudget = TimeSpan.FromSeconds(10);
        Compute.Policy = CodePolicy.Default;
        Compute.Reset();
    }

    [Test]
    public async Task A_candidate_runs_in_the_worker_and_leaves_the_host_unchanged()
    {
        var sort = Replacements.CodeOf(new Sorter(), "Sorter.StrangeSort");
        const string candidate = """
            public List<int> StrangeSort(List<int> values)
            {
                var rest = values.Order().ToList();
                var result = new List<int>();
                while (rest.Count > 0)
                {
                    result.Add(rest[0]);
                    rest.RemoveAt(0);
                    if (rest.Count == 0) break;
                    result.Add(rest[^1]);
                    rest.RemoveAt(rest.Count - 1);
                }
                return result;
            }
            """;
        await using var runner = new IsolatedCodeRunner();

        var run = await runner.RunAsync<StrangeSortTrial, List<int>, List<int>>(new Dictionary<CodeParameter, string> { [sort] = candidate }, [5, 1, 4, 2, 3]);
        var original = await runner.RunAsync<StrangeSortTrial, List<int>, List<int>>(new Dictionary<CodeParameter, string>(), [5, 1, 4, 2, 3]);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.Completed), run.Message);
        Assert.That(run.Output, Is.EqualTo(new[] { 1, 5, 2, 4, 3 }));
        Assert.That(original.Output, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), "a trial without the candidate runs the original code again");
        Assert.That(sort.IsReplaced, Is.False, "the host's code parameter is untouched");
        Assert.That(new Sorter().StrangeSort([5, 1, 4, 2, 3]), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(runner.WorkersStarted, Is.EqualTo(1), "one worker ran both trials");
        Assert.That((run.StartedWorker, original.StartedWorker), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task A_rejected_candidate_comes_back_as_the_compilers_feedback()
    {
        await using var runner = new IsolatedCodeRunner();

        var run = await Trial(runner, "return n + undefinedName;", 1);
        var refused = await Trial(runner, "System.IO.File.WriteAllText(\"x\", \"y\");\nreturn n;", 1);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.Rejected));
        Assert.That(run.Message, Does.Contain("error CS0103").And.Contain("undefinedName"));
        Assert.That(refused.Outcome, Is.EqualTo(IsolatedOutcome.Rejected));
        Assert.That(refused.Message, Does.Contain("policy: ").And.Contain("file system"));
    }

    [Test]
    public async Task An_exception_names_the_line_of_the_candidate_it_came_from()
    {
        await using var runner = new IsolatedCodeRunner();

        var run = await Trial(runner, "var text = new string('x', n);\nreturn text.Substring(n + 1).Length;", 3);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.Failed));
        Assert.That(run.Message, Does.StartWith("ArgumentOutOfRangeException: ").And.Contain("at line 4 of the replacement code of Hazards.Compute: `return text.Substring(n + 1).Length;`"));
    }

    [Test]
    public async Task The_host_parameters_settings_apply_in_the_worker()
    {
        Compute.TimeBudget = TimeSpan.FromMilliseconds(200);
        await using var runner = new IsolatedCodeRunner();

        var run = await Trial(runner, "while (true) { n++; }", 1);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.BudgetExceeded), run.Message);
        Assert.That(run.Message, Does.StartWith("CodeBudgetExceededException: "));
        Assert.That(runner.WorkersStarted, Is.EqualTo(1), "a budget stop leaves the worker usable");
        Assert.That((await Trial(runner, "return n * 2;", 21)).Output, Is.EqualTo(42));
    }

    [Test]
    public async Task A_stack_overflow_in_host_code_ends_the_worker_not_the_host()
    {
        await using var runner = new IsolatedCodeRunner();

        var run = await Trial(runner, "return Overflow(n);", 1);
        var next = await Trial(runner, "return n + 1;", 1);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.Crashed));
        Assert.That(run.Message, Does.Contain("stack overflow"));
        Assert.That(next.Outcome, Is.EqualTo(IsolatedOutcome.Completed), next.Message);
        Assert.That(next.Output, Is.EqualTo(2));
        Assert.That(next.StartedWorker, Is.True, "the dead worker was replaced");
        Assert.That(runner.WorkersStarted, Is.EqualTo(2));
    }

    [Test]
    public async Task Memory_exhaustion_ends_the_worker_at_its_limit()
    {
        await using var runner = new IsolatedCodeRunner(new IsolatedCodeOptions { MemoryLimit = 256L << 20 });

        var run = await Trial(runner, "var kept = new List<long[]>();\nwhile (true) kept.Add(new long[1 << 20]);", 1);
        var next = await Trial(runner, "return n + 1;", 1);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.OutOfMemory), run.Message);
        Assert.That(next.Output, Is.EqualTo(2), next.Message);
        Assert.That(runner.WorkersStarted, Is.EqualTo(2), "a worker that ran out of memory is not used again");
    }

    [Test]
    public async Task A_thread_no_budget_stops_is_killed_at_the_time_limit()
    {
        // The limit includes compiling the candidate, which the replacement worker does cold: 10 s leaves room for that
        // on a loaded machine (3 s did not, once).
        await using var runner = new IsolatedCodeRunner(new IsolatedCodeOptions { TimeLimit = TimeSpan.FromSeconds(10) });
        // The worker's start is not part of the limit under test. On a machine loaded enough, the first cold compile can
        // itself pass the limit (its worker is then replaced): warm up until a worker is running.
        for (var attempt = 0; attempt < 3 && (await Trial(runner, "return n;", 0)).Outcome != IsolatedOutcome.Completed; attempt++)
        {
        }

        var started = runner.WorkersStarted;

        var run = await Trial(runner, "return Spin();", 1);
        var next = await Trial(runner, "return n + 1;", 1);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.TimedOut));
        Assert.That(run.Message, Does.Contain("did not finish within 10 s (IsolatedCodeOptions.TimeLimit)"));
        Assert.That(next.Outcome, Is.EqualTo(IsolatedOutcome.Completed), next.Message);
        Assert.That(next.Output, Is.EqualTo(2));
        Assert.That(runner.WorkersStarted, Is.EqualTo(started + 1), "the worker that ran out of time is replaced once");
    }

    [Test]
    public async Task Cancelling_a_trial_kills_its_worker()
    {
        await using var runner = new IsolatedCodeRunner();
        _ = await Trial(runner, "return n;", 0);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        Assert.That(async () => await Trial(runner, "return Spin();", 1, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        var next = await Trial(runner, "return n + 1;", 1);

        Assert.That(next.Output, Is.EqualTo(2));
        Assert.That(runner.WorkersStarted, Is.EqualTo(2));
    }

    [Test]
    public async Task Console_output_of_the_candidate_does_not_disturb_the_protocol()
    {
        await using var runner = new IsolatedCodeRunner();

        var run = await Trial(runner, "Console.WriteLine(\"{\\\"Id\\\":99,\\\"Outcome\\\":\\\"Completed\\\"}\");\nreturn n + 1;", 1);

        Assert.That(run.Outcome, Is.EqualTo(IsolatedOutcome.Completed), run.Message);
        Assert.That(run.Output, Is.EqualTo(2));
    }

    [Test]
    public async Task Workers_run_trials_side_by_side_up_to_the_limit()
    {
        await using var runner = new IsolatedCodeRunner(new IsolatedCodeOptions { Workers = 2 });

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Trial(runner, "return n * 10;", i)));

        Assert.That(runs.Select(r => r.Output), Is.EqualTo(new[] { 0, 10, 20, 30, 40, 50 }));
        Assert.That(runner.WorkersStarted, Is.InRange(1, 2));
    }

    [Test]
    public async Task A_worker_is_replaced_after_the_trials_it_may_run()
    {
        await using var runner = new IsolatedCodeRunner(new IsolatedCodeOptions { TrialsPerWorker = 2 });

        for (var i = 0; i < 5; i++) Assert.That((await Trial(runner, "return n;", i)).Output, Is.EqualTo(i));

        Assert.That(runner.WorkersStarted, Is.EqualTo(3));
    }

    private static Task<IsolatedRun<int>> Trial(IsolatedCodeRunner runner, string body, int input, CancellationToken cancellationToken = default) =>
        runner.RunAsync<ComputeTrial, int, int>(new Dictionary<CodeParameter, string> { [Compute] = Body(body) }, input, cancellationToken);
}
