using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Opto;
using Opto.Optimizers;
using Opto.Training;

namespace Trace.Benchmarks;

/// <summary>
/// The trainer's overhead per rollout against a rollout that takes 1 ms: <see cref="Trainer{TInput, TExpected, TOutput}.EvaluateAsync"/>
/// over 64 examples at <c>MaxParallelism</c> 1, against the same 64 agent calls made directly in a loop (no trainer, no scope).
/// The agent is a [Traced] async method whose work is a busy-wait of exactly 1 ms (a <see cref="Stopwatch"/> deadline, so
/// the baseline does not depend on the timer's resolution). Figures are per invocation of 64 rollouts.
/// </summary>
[MemoryDiagnoser]
public class TrainerBenchmarks
{
    /// <summary>Rollouts per invocation.</summary>
    public const int Rollouts = 64;

    private readonly BusyAgent _agent = new();
    private Example<string, string>[] _examples = null!;
    private Trainer<string, string, string> _trainer = null!;

    /// <summary>Builds the examples and the trainer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (TraceScope.Current is not null) throw new InvalidOperationException("A trace scope is open: the baseline would be traced.");
        _examples = [.. Enumerable.Range(0, Rollouts).Select(i => new Example<string, string>(new string('q', 1 + i % 7), "answer", $"#{i}"))];
        _trainer = new Trainer<string, string, string>(
            (input, token) => _agent.AnswerAsync(input, token),
            new LambdaGuide<string, string, string>(static (example, output) => new Judgement(1, "The output is correct.", true)),
            new IdleOptimizer(),
            new TrainerOptions { MaxParallelism = 1 });
    }

    /// <summary>The agent called directly, one call after another.</summary>
    [Benchmark(Baseline = true, Description = "64 agent calls, direct loop (no trainer, no scope)")]
    public async Task<int> Direct()
    {
        var length = 0;
        foreach (var example in _examples) length += (await _agent.AnswerAsync(example.Input, CancellationToken.None).ConfigureAwait(false)).Length;
        return length;
    }

    /// <summary>The agent called in a loop, each call in its own trace scope (what a rollout adds before the trainer's own work).</summary>
    [Benchmark(Description = "64 agent calls, loop, a TraceScope each")]
    public async Task<int> Scoped()
    {
        var length = 0;
        foreach (var example in _examples)
        {
            using var scope = TraceScope.Begin();
            length += (await _agent.AnswerAsync(example.Input, CancellationToken.None).ConfigureAwait(false)).Length;
        }

        return length;
    }

    /// <summary>The same 64 calls as rollouts of the trainer, each judged by a trivial guide.</summary>
    [Benchmark(Description = "EvaluateAsync, 64 examples, MaxParallelism 1")]
    public async Task<double> Evaluate() => (await _trainer.EvaluateAsync(_examples).ConfigureAwait(false)).MeanScore;
}

/// <summary>
/// The trainer's throughput with model latency: 1,000 rollouts whose agent awaits 50 ms (<see cref="Task.Delay(int)"/>),
/// through <see cref="Trainer{TInput, TExpected, TOutput}.EvaluateAsync"/> at <c>MaxParallelism</c> 32. The ideal is
/// 1000 / 32 × 50 ms = 1.5625 s. The baseline runs the same 1,000 agent calls with <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// at the same parallelism, without the trainer or scopes.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, iterationCount: 3, warmupCount: 1)]
public class ParallelTrainerBenchmarks
{
    /// <summary>Rollouts per invocation.</summary>
    public const int Rollouts = 1000;

    /// <summary>Rollouts at the same time.</summary>
    public const int Parallelism = 32;

    private readonly LatencyAgent _agent = new();
    private Example<string, string>[] _examples = null!;
    private Trainer<string, string, string> _trainer = null!;

    /// <summary>Builds the examples and the trainer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _examples = [.. Enumerable.Range(0, Rollouts).Select(i => new Example<string, string>(new string('q', 1 + i % 7), "answer", $"#{i}"))];
        _trainer = new Trainer<string, string, string>(
            (input, token) => _agent.AnswerAsync(input, token),
            new LambdaGuide<string, string, string>(static (example, output) => new Judgement(1, "The output is correct.", true)),
            new IdleOptimizer(),
            new TrainerOptions { MaxParallelism = Parallelism });
    }

    /// <summary>The 1,000 agent calls, 32 at a time, without the trainer.</summary>
    [Benchmark(Baseline = true, Description = "1,000 × 50 ms agent calls, Parallel.ForEachAsync at 32 (no trainer)")]
    public async Task<int> Direct()
    {
        var length = 0;
        await Parallel.ForEachAsync(_examples, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (example, token) =>
            Interlocked.Add(ref length, (await _agent.AnswerAsync(example.Input, token).ConfigureAwait(false)).Length)).ConfigureAwait(false);
        return length;
    }

    /// <summary>The same calls as 1,000 rollouts of the trainer at <c>MaxParallelism</c> 32.</summary>
    [Benchmark(Description = "EvaluateAsync, 1,000 × 50 ms rollouts, MaxParallelism 32")]
    public async Task<double> Evaluate() => (await _trainer.EvaluateAsync(_examples).ConfigureAwait(false)).MeanScore;
}

/// <summary>An agent whose work is exactly 1 ms of CPU (a busy-wait to a <see cref="Stopwatch"/> deadline).</summary>
public sealed class BusyAgent
{
    private static readonly long s_ticks = Stopwatch.Frequency / 1000;

    /// <summary>Answers after 1 ms of busy work.</summary>
    /// <param name="question">The question.</param>
    /// <param name="cancellationToken">Not observed.</param>
    [Traced]
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + s_ticks;
        while (Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(10);
        await Task.CompletedTask.ConfigureAwait(false);
        return string.Concat(question, "!");
    }
}

/// <summary>An agent that waits 50 ms, as for a model's answer.</summary>
public sealed class LatencyAgent
{
    /// <summary>Answers after a simulated model latency of 50 ms.</summary>
    /// <param name="question">The question.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    [Traced]
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        return string.Concat(question, "!");
    }
}

/// <summary>An optimizer the trainer needs to exist; evaluation never asks it for a proposal.</summary>
internal sealed class IdleOptimizer() : Optimizer([new Parameter<string>("You are helpful.", "system_prompt")])
{
    protected override Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("Evaluation does not step.");
}
