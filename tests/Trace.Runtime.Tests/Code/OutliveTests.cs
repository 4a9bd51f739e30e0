using Opto;
using Opto.Code;

namespace Trace.Runtime.Tests.Code;

/// <summary>A host whose helpers start work that replacement code must await before it returns.</summary>
public class Pacer
{
    private Task? _last = null;

    /// <summary>Whether a task was kept in a field.</summary>
    public bool Kept => _last is not null;

    /// <summary>Returns <paramref name="n"/> after a yield.</summary>
    public async Task<int> Tick(int n)
    {
        await Task.Yield();
        return n;
    }

    /// <summary>Waits a millisecond.</summary>
    public Task Delay() => Task.Delay(1);

    /// <summary>Counts from 0 to <paramref name="n"/> - 1, yielding between numbers.</summary>
    public async IAsyncEnumerable<int> Count(int n)
    {
        for (var i = 0; i < n; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    /// <summary>Runs something asynchronously and returns the text.</summary>
    [Trainable]
    public async Task<string> Run(string text)
    {
        await Task.Yield();
        return text;
    }

    /// <summary>Returns a task of <paramref name="n"/>.</summary>
    [Trainable]
    public Task<int> Later(int n) => Tick(n);

    /// <summary>Writes a note into the log.</summary>
    [Trainable]
    public void Note(List<string> log) => log.Add("note");
}

/// <summary>
/// When a call of replacement code returns, nothing it started may still run: no async void function, no awaiter used by
/// hand, and no task started by the code that is not awaited (or returned) by the function that starts it.
/// </summary>
public class OutliveTests
{
    private const string Outlives = "is work that outlives the call, which the code policy does not allow";

    private static CodeParameter CodeOf(string name) => new Pacer().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Pacer." + name);

    private static string Run(string body) => $"public async Task<string> Run(string text)\n{{\n    {body.Trim().Replace("\n", "\n    ", StringComparison.Ordinal)}\n}}";

    [TearDown]
    public void ResetCode()
    {
        foreach (var name in new[] { "Run", "Later", "Note" })
        {
            CodeOf(name).Policy = CodePolicy.Default;
            CodeOf(name).Reset();
        }
    }

    private static TestCaseData Refused(string name, string body, string message) => new TestCaseData(body, message).SetName("Refused: " + name);

    private static IEnumerable<TestCaseData> Escapes()
    {
        // async void functions: an exception in one is thrown on the thread pool and ends the process.
        yield return Refused("an async void lambda stored in an Action", "Action<int> a = async n => await Tick(n);\na(1);\nreturn text;", "an async void lambda " + Outlives);
        yield return Refused("an async void lambda passed to List.ForEach", "new List<int> { 1, 2 }.ForEach(async i => await Tick(i));\nreturn text;", "an async void lambda " + Outlives);
        yield return Refused("an async void local function", "async void Fire() { await Task.Delay(5); }\nFire();\nreturn text;", "the async void local function Fire " + Outlives);
        yield return Refused("an async void anonymous method", "Action a = async delegate { await Task.Yield(); };\na();\nreturn text;", "an async void anonymous method " + Outlives);

        // Awaiters and builders used by hand register work to run after the call.
        yield return Refused("a continuation on a task's awaiter", "Tick(1).GetAwaiter().OnCompleted(() => { });\nreturn text;", "System.Runtime.CompilerServices.TaskAwaiter.OnCompleted " + Outlives);
        yield return Refused("an unsafe continuation on a yield awaiter", "var aw = Task.Yield().GetAwaiter();\naw.UnsafeOnCompleted(() => { });\nreturn text;", ".GetAwaiter " + Outlives);
        yield return Refused("a configured awaiter", "Delay().ConfigureAwait(false).GetAwaiter().OnCompleted(() => { });\nreturn text;", "OnCompleted " + Outlives);
        yield return Refused("a progress handler that runs later on the thread pool", "IProgress<int> p = new Progress<int>(n => { });\np.Report(1);\nreturn text;", "System.Progress " + Outlives);
        yield return Refused("an async method builder", "var b = System.Runtime.CompilerServices.AsyncTaskMethodBuilder.Create();\nreturn text;", "System.Runtime.CompilerServices.AsyncTaskMethodBuilder.Create " + Outlives);

        // Tasks started and not awaited.
        yield return Refused("a task as an expression statement", "Delay();\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Delay (not awaited) " + Outlives);
        yield return Refused("a task discarded", "_ = Tick(3);\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (discarded) " + Outlives);
        yield return Refused("a task kept in a local that is never awaited", "var pending = Tick(2);\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (kept in `pending` and never awaited) " + Outlives);
        yield return Refused("a task stored in a field", "_last = Tick(1);\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (stored outside the call) " + Outlives);
        yield return Refused("a task-returning delegate called and dropped", "Func<Task> f = () => Delay();\nf();\nreturn text;", "the task from a call of a System.Func (not awaited) " + Outlives);
        yield return Refused("a list of tasks never awaited", "var all = new[] { 1, 2 }.Select(i => Tick(i)).ToList();\nreturn text + all.Count;", "the task from System.Linq.Enumerable.ToList (kept in `all` and never awaited) " + Outlives);
        yield return Refused("tasks started by counting a query", "return text + new[] { 1, 2 }.Select(Tick).Count();", "the task from System.Linq.Enumerable.Select (passed to System.Linq.Enumerable.Count, which does not await it) " + Outlives);
        yield return Refused("the losers of Task.WhenAny", "var first = await Task.WhenAny(Tick(1), Tick(2));\nreturn text + await first;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (passed to System.Threading.Tasks.Task.WhenAny, which does not await it) " + Outlives);
        yield return Refused("a task awaited only in a lambda that never runs", "var t = Tick(1);\nFunc<Task> later = async () => await t;\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (kept in `t` and never awaited) " + Outlives);
        yield return Refused("a task left running by a timeout", "await Delay().WaitAsync(TimeSpan.FromSeconds(1));\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Delay (not awaited) " + Outlives);
        yield return Refused("an async sequence never enumerated", "var s = Count(3);\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Count (kept in `s` and never awaited) " + Outlives);
        yield return Refused("a lazy task never awaited", "var lazy = new Lazy<Task<int>>(() => Tick(1));\n_ = lazy.Value;\nreturn text;", "the task from new System.Lazy (kept in `lazy` and never awaited) " + Outlives);
        yield return Refused("a task wrapped in a value task", "ValueTask v = new ValueTask(Delay());\nreturn text;", "the task from Trace.Runtime.Tests.Code.Pacer.Delay (passed to new System.Threading.Tasks.ValueTask, which does not await it) " + Outlives);
        yield return Refused("a task in a tuple", "var pair = (Tick(1), 2);\nreturn text + pair.Item2;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (kept in `pair` and never awaited) " + Outlives);
        yield return Refused("a task's state read without awaiting it", "return text + Tick(1).IsCompleted;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (not awaited) " + Outlives);
        yield return Refused("a task formatted into a string", "return $\"{text}{Delay()}\";", "the task from Trace.Runtime.Tests.Code.Pacer.Delay (not awaited) " + Outlives);
        yield return Refused("a task passed to a method of the project", "return text + Wrap(Tick(1));\nstatic string Wrap(Task<int> t) => \"\";", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (passed to the local function Wrap, which does not await it) " + Outlives);
        yield return Refused("a task kept in a dictionary that is never awaited", "var map = new Dictionary<string, Task<int>>();\nmap[text] = Tick(1);\nreturn text + map.Count;", "the task from Trace.Runtime.Tests.Code.Pacer.Tick (kept in `map` and never awaited) " + Outlives);
    }

    [TestCaseSource(nameof(Escapes))]
    public void Work_that_could_outlive_the_call_is_refused_with_its_reason(string body, string message)
    {
        var code = CodeOf("Run");

        var error = Assert.Throws<CodeRejectedException>(() => code.SetValue(Run(body)));

        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(code.IsReplaced, Is.False);
    }

    [Test]
    public void An_async_void_replacement_of_a_void_method_is_refused()
    {
        var code = CodeOf("Note");

        var error = Assert.Throws<CodeRejectedException>(() => code.SetValue("public async void Note(List<string> log)\n{\n    await Task.Yield();\n    log.Add(\"late\");\n}"));

        Assert.That(error!.Message, Does.Contain("an async void method " + Outlives));
        Assert.That(code.IsReplaced, Is.False);
    }

    private static TestCaseData Allowed(string name, string body, string expected) => new TestCaseData(body, expected).SetName("Allowed: " + name);

    private static IEnumerable<TestCaseData> LookAlikes()
    {
        yield return Allowed("a task awaited directly", "return text + await Tick(2);", "x2");
        yield return Allowed("tasks kept in locals and awaited later", "var t = Tick(4);\nvar u = Tick(5);\nvar sum = await t + await u;\nreturn text + sum;", "x9");
        yield return Allowed("a list built in a loop and awaited with Task.WhenAll", "var tasks = new List<Task<int>>();\nfor (var i = 1; i <= 3; i++) tasks.Add(Tick(i));\nvar all = await Task.WhenAll(tasks);\nreturn text + all.Sum();", "x6");
        yield return Allowed("Task.WhenAll over a query", "var sums = await Task.WhenAll(new[] { 1, 2 }.Select(i => Tick(i)));\nreturn text + sums.Sum();", "x3");
        yield return Allowed("Task.WhenAll over a collection expression", "int[] sums = await Task.WhenAll([Tick(1), Tick(2)]);\nreturn text + sums.Sum();", "x3");
        yield return Allowed("Task.WhenAll over arguments", "await Task.WhenAll(Tick(1), Delay());\nreturn text;", "x");
        yield return Allowed("a list in a collection initializer, awaited", "var tasks = new List<Task> { Delay(), Tick(1) };\nawait Task.WhenAll(tasks);\nreturn text + tasks.Count;", "x2");
        yield return Allowed("await foreach over an async sequence", "var total = 0;\nawait foreach (var n in Count(3)) total += n;\nreturn text + total;", "x3");
        yield return Allowed("an async lambda awaited where it is called", "Func<int, Task<int>> twice = async n => await Tick(n) * 2;\nreturn text + await twice(3);", "x6");
        yield return Allowed("an async local function awaited", "async Task<int> Next(int n) { await Task.Yield(); return n + 1; }\nreturn text + await Next(1);", "x2");
        yield return Allowed("a configured await", "await Delay().ConfigureAwait(false);\nreturn text;", "x");
        yield return Allowed("a task awaited through a second local", "var first = Tick(1);\nvar second = first;\nreturn text + await second;", "x1");
        yield return Allowed("an array of tasks awaited in a foreach", "Task<int>[] ts = [Tick(1), Tick(2)];\nvar s = 0;\nforeach (var t in ts) s += await t;\nreturn text + s;", "x3");
        yield return Allowed("a task kept and awaited inside a lambda that is awaited", "Func<Task<int>> f = async () => { var t = Tick(3); return await t; };\nreturn text + await f();", "x3");
        yield return Allowed("await foreach over a configured async sequence", "var total = 0;\nawait foreach (var n in Count(3).ConfigureAwait(false)) total += n;\nreturn text + total;", "x3");
        yield return Allowed("tasks passed through a conditional and a coalesce, awaited", "Task<int>? none = null;\nvar t = text.Length > 0 ? Tick(1) : Tick(2);\nreturn text + await (none ?? t);", "x1");
        yield return Allowed("tasks kept in a dictionary and awaited through its values", "var map = new Dictionary<int, Task<int>>();\nfor (var i = 1; i <= 3; i++) map[i] = Tick(i * 10);\nvar all = await Task.WhenAll(map.Values);\nreturn text + all.Sum();", "x60");
        yield return Allowed("tasks kept in array slots and awaited by index", "var ts = new Task<int>[2];\nts[0] = Tick(1);\nts[1] = Tick(2);\nreturn text + (await ts[0] + await ts[1]);", "x3");
        yield return Allowed("a lazy task awaited through its value", "var lazy = new Lazy<Task<int>>(() => Tick(4));\nreturn text + await lazy.Value;", "x4");
        yield return Allowed("a completed task read, not started", "var done = Task.CompletedTask;\nreturn text + done.IsCompleted;", "xTrue");
        yield return Allowed("a task's status read before it is awaited", "var t = Tick(7);\nvar known = t.IsFaulted ? 0 : 1;\nreturn text + (await t + known);", "x8");
    }

    [TestCaseSource(nameof(LookAlikes))]
    public async Task A_task_awaited_in_the_function_that_starts_it_is_allowed(string body, string expected)
    {
        CodeOf("Run").SetValue(Run(body));

        Assert.That(await new Pacer().Run("x"), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_method_that_returns_a_task_may_return_it_unawaited()
    {
        CodeOf("Later").SetValue("public Task<int> Later(int n) => n > 0 ? Tick(n + 1) : Task.FromResult(0);");

        Assert.That(await new Pacer().Later(2), Is.EqualTo(3));
        Assert.That(await new Pacer().Later(0), Is.Zero);
    }

    [Test]
    public void Allowing_threads_does_not_allow_a_task_that_is_not_awaited()
    {
        var code = CodeOf("Run");
        code.Policy = CodePolicy.Default.Allow(CodeCapabilities.Threads);
        code.SetValue(Run("return text + await Task.Run(() => 1);"));

        var error = Assert.Throws<CodeRejectedException>(() => code.SetValue(Run("_ = Task.Run(() => 1);\nreturn text;")));

        Assert.That(error!.Message, Does.Contain("the task from System.Threading.Tasks.Task.Run (discarded) " + Outlives));
    }

    [Test]
    public void With_threads_allowed_posting_to_a_synchronization_context_still_outlives_the_call()
    {
        var code = CodeOf("Run");
        code.Policy = CodePolicy.Default.Allow(CodeCapabilities.Threads);

        var error = Assert.Throws<CodeRejectedException>(() => code.SetValue(Run("SynchronizationContext.Current?.Post(_ => { }, null);\nreturn text;")));

        Assert.That(error!.Message, Does.Contain("System.Threading.SynchronizationContext.Post " + Outlives));
    }

    [Test]
    public async Task With_threads_allowed_a_blocking_wait_completes_the_task_before_the_call_returns()
    {
        var code = CodeOf("Run");
        code.Policy = CodePolicy.Default.Allow(CodeCapabilities.Threads);

        code.SetValue(Run("var a = Tick(1).GetAwaiter().GetResult();\nvar b = Tick(2).Result;\nvar c = Delay();\nc.Wait();\nreturn text + (a + b);"));

        Assert.That(await new Pacer().Run("x"), Is.EqualTo("x3"));
    }

    [Test]
    public async Task A_policy_that_allows_background_work_accepts_it()
    {
        var code = CodeOf("Run");
        code.Policy = CodePolicy.Default.Allow(CodeCapabilities.Background);

        code.SetValue(Run("var pending = Tick(2);\n_ = Delay();\nreturn text;"));

        Assert.That(await new Pacer().Run("x"), Is.EqualTo("x"));
    }

    [Test]
    public async Task Refused_code_never_ran()
    {
        var pacer = new Pacer();

        Assert.Throws<CodeRejectedException>(() => CodeOf("Run").SetValue(Run("_last = Tick(1);\nreturn text;")));

        Assert.That(await pacer.Run("x"), Is.EqualTo("x"));
        Assert.That(pacer.Kept, Is.False);
    }
}
