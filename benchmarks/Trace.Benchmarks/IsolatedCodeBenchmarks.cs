using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Opto;
using Opto.Code;
using Opto.Code.Isolation;

namespace Trace.Benchmarks;

/// <summary>
/// What evaluating candidate code costs in a worker process against doing it in-process, warm (the worker is started
/// and its compiler jitted): a trial whose candidate the worker already has (the round trip: request, trial, answer),
/// a trial with a new candidate (compiled in the worker), and, as the baseline, compiling, swapping and calling the same
/// new candidate in-process.
/// </summary>
[MemoryDiagnoser]
public class IsolatedTrialBenchmarks
{
    private readonly Scorer _scorer = new();
    private CodeParameter _code = null!;
    private IsolatedCodeRunner _runner = null!;
    private int _version;

    [GlobalSetup]
    public void Setup()
    {
        _code = _scorer.TrainableParameters().OfType<CodeParameter>().Single();
        _runner = new IsolatedCodeRunner();
        _code.SetValue(Scorer.Replacement(-1));
        _ = Trial(Scorer.Replacement(-1)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runner.Dispose();
        _code.Reset();
    }

    [Benchmark(Baseline = true, Description = "In-process: compile, swap and call a new candidate")]
    public int InProcess()
    {
        _code.SetValue(Scorer.Replacement(_version++));
        return _scorer.Score("an example sentence");
    }

    [Benchmark(Description = "Isolated: trial of a new candidate")]
    public Task<IsolatedRun<int>> NewCandidate() => Trial(Scorer.Replacement(_version++));

    [Benchmark(Description = "Isolated: trial of the candidate the worker has")]
    public Task<IsolatedRun<int>> SameCandidate() => Trial(Scorer.Replacement(-1));

    private Task<IsolatedRun<int>> Trial(string candidate) =>
        _runner.RunAsync<ScoreTrial, string, int>(new Dictionary<CodeParameter, string> { [_code] = candidate }, "an example sentence");
}

/// <summary>The first trial of a new runner: starting the worker process, loading the application, jitting the compiler.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class IsolatedStartBenchmarks
{
    [Benchmark(Description = "Isolated: first trial of a new worker (start included)")]
    public async Task<IsolatedRun<int>> FirstTrial()
    {
        await using var runner = new IsolatedCodeRunner();
        var code = new Scorer().TrainableParameters().OfType<CodeParameter>().Single();
        return await runner.RunAsync<ScoreTrial, string, int>(new Dictionary<CodeParameter, string> { [code] = Scorer.Replacement(0) }, "an example sentence");
    }
}
