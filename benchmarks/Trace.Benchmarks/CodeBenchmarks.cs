using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Opto;
using Opto.Code;

namespace Trace.Benchmarks;

/// <summary>
/// Compiling a replacement for a trainable method and swapping it in (parse, signature check, rewrite, policy check,
/// Roslyn compile and emit, load into a collectible context, install), warm: the compiler is jitted and the metadata
/// references are cached. Each invocation compiles a new version (a different comment), so nothing is reused.
/// </summary>
[MemoryDiagnoser]
public class CodeSwapBenchmarks
{
    private CodeParameter _code = null!;
    private int _version;

    [GlobalSetup]
    public void Setup()
    {
        _code = new Scorer().TrainableParameters().OfType<CodeParameter>().Single();
        _code.SetValue(Scorer.Replacement(-1)); // warm the compiler
    }

    [GlobalCleanup]
    public void Cleanup() => _code.Reset();

    [Benchmark(Description = "Compile and swap (warm)")]
    public void CompileAndSwap() => _code.SetValue(Scorer.Replacement(_version++));
}

/// <summary>
/// The first compile-and-swap in a fresh process: Roslyn loads and jits, metadata references are read. One
/// measurement per process launch.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class CodeColdSwapBenchmarks
{
    [Benchmark(Description = "Compile and swap (cold, first in process)")]
    public void CompileAndSwap()
    {
        var code = new Scorer().TrainableParameters().OfType<CodeParameter>().Single();
        code.SetValue(Scorer.Replacement(0));
        code.Reset();
    }
}

/// <summary>
/// One call of a trainable method, tracing off: a direct call of the same logic; the original code through its
/// interceptor (one slot read); a replacement through its interceptor (slot read, delegate call, budget scope).
/// </summary>
public class SwappedCallBenchmarks
{
    private readonly Scorer _scorer = new();
    private readonly string _text = string.Concat("an example ", "sentence");
    private CodeParameter _code = null!;

    [Params(false, true)]
    public bool Replaced { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _code = _scorer.TrainableParameters().OfType<CodeParameter>().Single();
        if (Replaced) _code.SetValue(Scorer.Replacement(1));
        if (TraceScope.Current is not null) throw new InvalidOperationException("Tracing must be off.");
    }

    [GlobalCleanup]
    public void Cleanup() => _code.Reset();

    [Benchmark(Baseline = true, Description = "Direct call")]
    public int Direct() => _scorer.PlainScore(_text);

    [Benchmark(Description = "Trainable method via interceptor")]
    public int Trainable() => _scorer.Score(_text);
}
