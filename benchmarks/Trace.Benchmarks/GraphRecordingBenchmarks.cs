using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Recording a chain of N traced calls (each takes the previous call's result) into a fresh scope,
/// against the same chain with tracing off. Divide by N for the per-node figures.
/// </summary>
[MemoryDiagnoser]
public class GraphRecordingBenchmarks
{
    private readonly ChainAgent _agent = new();
    private string _customer = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _customer = new string('c', 8);

    [Benchmark(Baseline = true, Description = "Chain, tracing off")]
    public string Untraced() => _agent.Chain(_customer, N);

    [Benchmark(Description = "Chain, recorded")]
    public int Recorded()
    {
        using var scope = TraceScope.Begin();
        _agent.Chain(_customer, N);
        return scope.Graph.Count;
    }
}
