using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// A traced method that returns a task still running hands its caller a task that completes as that one did: the same
/// result, every exception, faulted or canceled as it was, the same state. Each is checked with tracing on; the same
/// calls with no scope open return the method's own task.
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
}
