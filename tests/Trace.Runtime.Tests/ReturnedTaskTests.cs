using System.Text.RegularExpressions;
using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// A traced method that returns a task still running hands its caller that very task (or, for a result the call may have
/// to copy to own, such as a literal string, one that completes as it did: the same result, every exception, faulted or
/// canceled as it was, the same state), and the call is recorded before the caller can pass its result on.
/// </summary>
public class ReturnedTaskTests
{
    [Test]
    public void Every_exception_of_a_faulted_task_reaches_the_caller()
    {
        var waiter = new TaskPasser();
        var first = new TaskCompletionSource<int>();
        var second = new TaskCompletionSource<int>();
        using var scope = TraceScope.Begin();

        var all = waiter.All(first.Task, second.Task);
        first.SetException(new InvalidOperationException("first"));
        second.SetException(new ArgumentException("second"));

        Assert.That(all.Status, Is.EqualTo(TaskStatus.Faulted));
        Assert.That(all.Exception!.InnerExceptions.Select(e => e.Message), Is.EqualTo(new[] { "first", "second" }));
        var recorded = scope.Graph.Nodes.OfType<ExceptionNode>().Single();
        Assert.That(recorded.Exception.Message, Is.EqualTo("first"), "the call records what awaiting it throws");
    }

    [Test]
    public void A_task_faulted_with_a_cancellation_exception_stays_faulted_and_a_canceled_one_canceled()
    {
        var waiter = new TaskPasser();
        var faulted = new TaskCompletionSource<int>();
        var canceled = new TaskCompletionSource<int>();
        using var source = new CancellationTokenSource();
        using var scope = TraceScope.Begin();

        var fromFaulted = waiter.Pass(faulted.Task);
        var fromCanceled = waiter.Pass(canceled.Task);
        faulted.SetException(new OperationCanceledException("stopped"));
        source.Cancel();
        canceled.SetCanceled(source.Token);

        Assert.That(fromFaulted.Status, Is.EqualTo(TaskStatus.Faulted));
        Assert.That(fromFaulted.Exception!.InnerException, Is.TypeOf<OperationCanceledException>().With.Message.EqualTo("stopped"));
        Assert.That(fromCanceled.Status, Is.EqualTo(TaskStatus.Canceled));
        var thrown = Assert.CatchAsync<OperationCanceledException>(async () => await fromCanceled);
        Assert.That(thrown!.CancellationToken, Is.EqualTo(source.Token));
        Assert.That(scope.Graph.Nodes.OfType<ExceptionNode>().Count(), Is.EqualTo(2));
    }

    [Test]
    public void The_task_s_state_reaches_the_caller()
    {
        var waiter = new TaskPasser();
        var state = new object();
        var running = new TaskCompletionSource<int>(state);
        var plain = new TaskCompletionSource(state);
        using var scope = TraceScope.Begin();

        var passed = waiter.Pass(running.Task);
        var passedPlain = waiter.PassPlain(plain.Task);
        running.SetResult(1);
        plain.SetResult();

        Assert.That(passed.AsyncState, Is.SameAs(state));
        Assert.That(passedPlain.AsyncState, Is.SameAs(state));
        Assert.That(passedPlain.Status, Is.EqualTo(TaskStatus.RanToCompletion));
    }

    [Test]
    public async Task The_result_is_recorded_before_the_caller_continues_so_the_next_call_links_to_it()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<string>();
        using var scope = TraceScope.Begin();

        var passed = waiter.PassText(running.Task);
        _ = Task.Run(() => running.SetResult(new string('a', 3)));
        var text = await passed;
        waiter.Shout(text);

        var pass = scope.Graph.Nodes.Single(n => n.Name.StartsWith("passText", StringComparison.Ordinal));
        var shout = scope.Graph.Nodes.Single(n => n.Name.StartsWith("shout", StringComparison.Ordinal));
        Assert.That(shout.Parents, Does.Contain(pass));
    }

    [Test]
    public void With_no_scope_open_the_method_s_own_task_is_returned()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<int>();

        Assert.That(TraceScope.Current, Is.Null);
        Assert.That(waiter.Pass(running.Task), Is.SameAs(running.Task));
    }

    [Test]
    public void The_caller_gets_the_very_task_so_it_completes_the_moment_its_maker_completes_it()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var scope = TraceScope.Begin();

        var passed = waiter.Pass(running.Task);
        running.SetResult(3);

        Assert.That(passed, Is.SameAs(running.Task));
        Assert.That(passed.IsCompletedSuccessfully, Is.True);
        Assert.That(scope.Graph.NodeOf(passed.Result), Is.Null, "a value type is not looked up by identity");
    }

    [Test]
    public void A_canceled_task_reaches_the_caller_with_its_own_cancellation_exception()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<int>();
        var text = new TaskCompletionSource<string>();
        var stopped = new StoppedException("the provider stopped");
        using var scope = TraceScope.Begin();

        var passed = waiter.Pass(running.Task);
        var passedText = waiter.PassText(text.Task);
        running.SetException(stopped);
        text.SetException(stopped);
        Assert.That(running.Task.Status, Is.EqualTo(TaskStatus.Faulted), "an exception set on a source faults it");

        var canceledByMethod = CanceledBy(stopped);
        var fromMethod = waiter.Pass(canceledByMethod);
        var textCanceled = TextCanceledBy(stopped);
        var fromText = waiter.PassText(textCanceled);

        Assert.That(Assert.CatchAsync<OperationCanceledException>(async () => await fromMethod), Is.SameAs(stopped));
        Assert.That(Assert.CatchAsync<OperationCanceledException>(async () => await fromText), Is.SameAs(stopped),
            "a result the call may copy comes through another task, canceled with the same exception");
        Assert.That(fromMethod.Status, Is.EqualTo(TaskStatus.Canceled));
        Assert.That(fromText.Status, Is.EqualTo(TaskStatus.Canceled));
        Assert.That(scope.Graph.Nodes.OfType<ExceptionNode>().Count(n => ReferenceEquals(n.Exception, stopped)), Is.EqualTo(4));

        static async Task<int> CanceledBy(Exception exception)
        {
            await Task.Yield();
            throw exception;
        }

        static async Task<string> TextCanceledBy(Exception exception)
        {
            await Task.Yield();
            throw exception;
        }
    }

    [Test]
    public void An_exception_s_stack_trace_is_the_one_it_has_without_tracing()
    {
        var waiter = new TaskPasser();
        using var scope = TraceScope.Begin();

        var passed = waiter.PassText(Failing());
        var thrown = Assert.CatchAsync<InvalidOperationException>(async () => await passed);

        Assert.That(thrown!.StackTrace, Does.Not.Contain("RunningTask").And.Not.Contain("TracedCall"));
        Assert.That(Regex.Matches(thrown.StackTrace!, "End of stack trace").Count, Is.EqualTo(1), "one await: one boundary");

        static async Task<string> Failing()
        {
            await Task.Yield();
            throw new InvalidOperationException("no answer");
        }
    }

    [Test]
    public void A_task_not_started_is_started_by_the_caller_and_recorded_when_it_completes()
    {
        var waiter = new TaskPasser();
        var cold = new Task<int>(() => 5, TaskCreationOptions.LongRunning);
        using var scope = TraceScope.Begin();

        var passed = waiter.Pass(cold);
        Assert.That(passed.Status, Is.EqualTo(TaskStatus.Created));
        passed.Start();
        passed.Wait();

        Assert.That(passed.CreationOptions, Is.EqualTo(TaskCreationOptions.LongRunning));
        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Single().Value, Is.EqualTo(5));
    }

    [Test]
    public void A_result_passed_on_before_the_call_s_own_continuation_ran_links_to_the_call()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<List<int>>();
        using var scope = TraceScope.Begin();
        // Registered before the traced call's, so it runs first, as a blocking waiter woken by the task could.
        var counted = running.Task.ContinueWith(t => waiter.Count(t.Result), TaskContinuationOptions.ExecuteSynchronously);

        var passed = waiter.PassList(running.Task);
        running.SetResult([1, 2]);

        Assert.That(counted.Result, Is.EqualTo(2));
        var pass = scope.Graph.Nodes.Single(n => n.Name.StartsWith("passList", StringComparison.Ordinal));
        var count = scope.Graph.Nodes.Single(n => n.Name.StartsWith("count", StringComparison.Ordinal));
        Assert.That(count.Parents, Does.Contain(pass));
        Assert.That(scope.Graph.Nodes.Count(n => n.Name.StartsWith("passList", StringComparison.Ordinal)), Is.EqualTo(1), "recorded once");
    }

    [Test]
    public async Task A_value_task_still_running_is_recorded_and_its_result_linked()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<List<int>>();
        using var scope = TraceScope.Begin();

        var passed = waiter.PassValueTask(new ValueTask<List<int>>(running.Task));
        running.SetResult([1, 2, 3]);
        waiter.Count(await passed);

        var pass = scope.Graph.Nodes.Single(n => n.Name.StartsWith("passValueTask", StringComparison.Ordinal));
        var count = scope.Graph.Nodes.Single(n => n.Name.StartsWith("count", StringComparison.Ordinal));
        Assert.That(count.Parents, Does.Contain(pass));
    }

    [Test]
    public async Task A_literal_an_async_method_returns_is_the_call_s_own_copy_and_links()
    {
        var waiter = new TaskPasser();
        var score = new TaskCompletionSource<int>();
        using var scope = TraceScope.Begin();

        var labeled = waiter.Label(score.Task);
        score.SetResult(1);
        var label = await labeled;
        waiter.Shout(label);

        Assert.That(label, Is.EqualTo("positive").And.Not.SameAs("positive"));
        var made = scope.Graph.Nodes.Single(n => n.Name.StartsWith("label", StringComparison.Ordinal));
        var shout = scope.Graph.Nodes.Single(n => n.Name.StartsWith("shout", StringComparison.Ordinal));
        Assert.That(shout.Parents, Does.Contain(made));
    }

    [Test]
    public async Task A_value_typed_result_passed_on_before_the_call_s_own_continuation_ran_links_to_the_call()
    {
        var waiter = new TaskPasser();
        for (var round = 0; round < 50; round++)
        {
            using var scope = TraceScope.Begin();
            // The call's own continuation goes to the thread pool; the caller, finding the task complete, goes on at once.
            var running = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

            var doubled = await PassAndDouble(waiter, running, round);

            Assert.That(doubled, Is.EqualTo(2 * round));
            var pass = scope.Graph.Nodes.Single(n => n.Name.StartsWith("pass", StringComparison.Ordinal));
            var twice = scope.Graph.Nodes.Single(n => n.Name.StartsWith("twice", StringComparison.Ordinal));
            Assert.That(twice.Parents, Does.Contain(pass), $"round {round}: a value type is linked through the call's slot");
        }

        static async Task<int> PassAndDouble(TaskPasser waiter, TaskCompletionSource<int> source, int value)
        {
            var pending = waiter.Pass(source.Task);
            source.SetResult(value);
            var number = await pending;
            return TaskPasser.Twice(number);
        }
    }

    [Test]
    public void Calls_failing_at_once_on_two_threads_are_each_recorded_once()
    {
        var waiter = new TaskPasser();
        for (var round = 0; round < 200; round++)
        {
            using var scope = TraceScope.Begin();
            var first = new TaskCompletionSource<int>();
            var second = new TaskCompletionSource<int>();
            var passedFirst = waiter.Pass(first.Task);
            var passedSecond = waiter.Pass(second.Task);
            using var start = new Barrier(2);

            var failing = Task.WhenAll(
                Task.Run(() => Fail(first, start)),
                Task.Run(() => Fail(second, start)));

            Assert.That(failing.Wait(TimeSpan.FromSeconds(30)), Is.True, $"round {round}: the two recordings waited for each other");
            Assert.That(passedFirst.IsFaulted && passedSecond.IsFaulted, Is.True);
            Assert.That(scope.Graph.Nodes.OfType<ExceptionNode>().Count(), Is.EqualTo(2));
        }

        static void Fail(TaskCompletionSource<int> source, Barrier start)
        {
            start.SignalAndWait();
            source.SetException(new InvalidOperationException("down"));
        }
    }

    [Test]
    public void Many_calls_running_at_once_completing_in_any_order_each_link_to_their_own_result()
    {
        var waiter = new TaskPasser();
        using var scope = TraceScope.Begin();
        var sources = Enumerable.Range(0, 200).Select(_ => new TaskCompletionSource<List<int>>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var passed = sources.Select(source => waiter.PassList(source.Task)).ToArray();

        var counts = new List<(int Index, int Count)>();
        foreach (var index in Enumerable.Range(0, 200).OrderBy(i => (i * 7919) % 200))
        {
            sources[index].SetResult([.. Enumerable.Range(0, index)]);
            // Passed on at once, before the call's own continuation (on the thread pool) may have run.
            counts.Add((index, waiter.Count(passed[index].Result)));
        }

        var nodes = scope.Graph.Nodes;
        Assert.That(nodes.Count(n => n.Name.StartsWith("passList", StringComparison.Ordinal)), Is.EqualTo(200), "each recorded once");
        foreach (var count in nodes.Where(n => n.Name.StartsWith("count", StringComparison.Ordinal)))
        {
            var parent = count.Parents.Single();
            Assert.That(parent.Name, Does.StartWith("passList"));
            Assert.That(((List<int>)parent.Value!).Count, Is.EqualTo((int)count.Value!));
        }

        Assert.That(counts.Select(c => c.Count), Is.EqualTo(counts.Select(c => c.Index)));
    }

    private sealed class StoppedException(string message) : OperationCanceledException(message);
}
