using Microsoft.Extensions.Logging;
using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// The one result of a running task the caller gets as it is that cannot be linked: a literal, from a task made to run its
/// continuations asynchronously. It is said, not lost silently.
/// </summary>
[NonParallelizable]
public class ResultNotLinkedTests
{
    private CapturingLoggerFactory _logs = new();

    [SetUp]
    public void CaptureLogs()
    {
        _logs = new CapturingLoggerFactory();
        TraceLogging.LoggerFactory = _logs;
    }

    [TearDown]
    public void StopCapturing() => TraceLogging.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    [Test]
    public async Task A_literal_result_of_a_task_that_runs_its_continuations_asynchronously_is_logged_as_not_linked()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var scope = TraceScope.Begin();

        var passed = waiter.PassText(running.Task);
        running.SetResult("positive");
        waiter.Shout(await passed);

        Assert.That(passed, Is.SameAs(running.Task));
        var warning = _logs.Entries.Single();
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Category, Is.EqualTo("Opto.Tracing"));
        Assert.That(warning.Event, Is.EqualTo(TraceLogging.ResultNotLinked));
        Assert.That(warning.Message, Does.StartWith("'PassText' returned a task that runs its continuations asynchronously"));
        var shout = scope.Graph.Nodes.Single(n => n.Name.StartsWith("shout", StringComparison.Ordinal));
        Assert.That(shout.Parents.Single(), Is.InstanceOf<InputNode>());
    }

    [Test]
    public async Task A_string_the_method_made_links_with_nothing_logged()
    {
        var waiter = new TaskPasser();
        var running = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var scope = TraceScope.Begin();

        var passed = waiter.PassText(running.Task);
        running.SetResult(new string('p', 3));
        waiter.Shout(await passed);

        Assert.That(_logs.Entries, Is.Empty);
        var pass = scope.Graph.Nodes.Single(n => n.Name.StartsWith("passText", StringComparison.Ordinal));
        var shout = scope.Graph.Nodes.Single(n => n.Name.StartsWith("shout", StringComparison.Ordinal));
        Assert.That(shout.Parents, Does.Contain(pass));
    }
}
