using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A traced method that returns a task still running (what an agent's `async` call to a model is), completed after the
/// call returned: called directly, and recorded into a scope with a result the caller gets in the method's own task
/// (an object) or in another that completes with it (a string, which the call may have to copy to own). One call at a
/// time, and <see cref="Calls"/> started before any completes (a fan-out), whose look-ups check the calls still running.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RunningTaskBenchmarks
{
    /// <summary>Calls each benchmark makes per invocation.</summary>
    internal const int Calls = 1000;

    private readonly TaskRelay _relay = new();
    private readonly Answer _answer = new("done");
    private readonly string _text = new('t', 12);

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Direct")]
    [BenchmarkCategory("One at a time")]
    public int Direct()
    {
        var total = 0;
        for (var i = 0; i < Calls; i++)
        {
            var source = new TaskCompletionSource<Answer>();
            var running = _relay.PlainRelay(source.Task);
            source.SetResult(_answer);
            total += running.Result.Text.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on: Task<Answer>")]
    [BenchmarkCategory("One at a time")]
    public int TracedObject()
    {
        using var scope = TraceScope.Begin();
        var total = 0;
        for (var i = 0; i < Calls; i++)
        {
            var source = new TaskCompletionSource<Answer>();
            var running = _relay.Relay(source.Task);
            source.SetResult(_answer);
            total += running.Result.Text.Length;
        }

        return total + scope.Graph.Count;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on: Task<string>")]
    [BenchmarkCategory("One at a time")]
    public int TracedText()
    {
        using var scope = TraceScope.Begin();
        var total = 0;
        for (var i = 0; i < Calls; i++)
        {
            var source = new TaskCompletionSource<string>();
            var running = _relay.RelayText(source.Task);
            source.SetResult(_text);
            total += running.Result.Length;
        }

        return total + scope.Graph.Count;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Direct")]
    [BenchmarkCategory("Fan-out")]
    public int FanOutDirect() => FanOut(traced: false);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on: Task<Answer>")]
    [BenchmarkCategory("Fan-out")]
    public int FanOutTraced()
    {
        using var scope = TraceScope.Begin();
        return FanOut(traced: true) + scope.Graph.Count;
    }

    // Every call started, each given the previous answer (a look-up while the others run), then every task completed.
    private int FanOut(bool traced)
    {
        var sources = new TaskCompletionSource<Answer>[Calls];
        var running = new Task<Answer>[Calls];
        var previous = _answer;
        for (var i = 0; i < Calls; i++)
        {
            sources[i] = new TaskCompletionSource<Answer>();
            running[i] = traced ? _relay.RelayAfter(previous, sources[i].Task) : _relay.PlainRelayAfter(previous, sources[i].Task);
        }

        for (var i = 0; i < Calls; i++) sources[i].SetResult(_answer);
        var total = 0;
        foreach (var task in running) total += task.Result.Text.Length;
        return total;
    }
}

/// <summary>An answer a model call produced: an object with an identity of its own.</summary>
public sealed record Answer(string Text);

/// <summary>Traced methods that hand back a task still running, as an agent's calls to a model do.</summary>
public sealed class TaskRelay
{
    /// <summary>Hands back the task it is given.</summary>
    [Traced]
    public Task<Answer> Relay(Task<Answer> answer) => answer;

    /// <summary>Hands back the task it is given, after reading the previous answer.</summary>
    [Traced]
    public Task<Answer> RelayAfter(Answer previous, Task<Answer> answer) => previous.Text.Length >= 0 ? answer : answer;

    /// <summary>Hands back the text task it is given.</summary>
    [Traced]
    public Task<string> RelayText(Task<string> text) => text;

    /// <summary>The same as <see cref="Relay"/>, untraced.</summary>
    public Task<Answer> PlainRelay(Task<Answer> answer) => answer;

    /// <summary>The same as <see cref="RelayAfter"/>, untraced.</summary>
    public Task<Answer> PlainRelayAfter(Answer previous, Task<Answer> answer) => previous.Text.Length >= 0 ? answer : answer;
}
