using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Backward over a chain of N traced calls whose first call reads a trainable property: the feedback reaches that one
/// parameter through the whole chain. The chain is built once; each invocation propagates and then clears the
/// parameter's feedback (which would otherwise keep every pass's N-node subgraph alive).
/// </summary>
[MemoryDiagnoser]
public class BackwardBenchmarks
{
    private TraceScope _scope = null!;
    private Node _output = null!;
    private ParameterNode _prompt = null!;

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var agent = new ChainAgent();
        _scope = TraceScope.Begin();
        var last = agent.Chain(new string('c', 8), N);
        _scope.Dispose(); // the graph stays readable
        _output = _scope.Graph.NodeOf(last) ?? throw new InvalidOperationException("The chain's result has no node.");
        _prompt = agent.TrainableParameters().Single();

        var check = _output.Backward("check");
        if (check.Parameters.Count != 1 || !ReferenceEquals(check.Parameters[0], _prompt) || check.VisitedNodes != N + 2)
        {
            throw new InvalidOperationException($"Backward reached {check.Parameters.Count} parameters through {check.VisitedNodes} nodes; expected 1 through {N + 2}.");
        }

        _prompt.ZeroFeedback();
    }

    [Benchmark(Description = "Backward")]
    public int Backward()
    {
        var result = _output.Backward("feedback");
        _prompt.ZeroFeedback();
        return result.VisitedNodes;
    }
}
