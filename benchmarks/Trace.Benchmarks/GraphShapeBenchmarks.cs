using BenchmarkDotNet.Attributes;
using Opto;
using Opto.Optimizers;

namespace Trace.Benchmarks;

/// <summary>The graph shapes backward and the prompt are measured on.</summary>
public enum GraphShape
{
    /// <summary>A chain of N calls from one parameter (<see cref="ChainAgent"/>).</summary>
    Chain,

    /// <summary>N parameters added one call at a time (<see cref="FanIn.SumChain"/>).</summary>
    SumChain,

    /// <summary>N parameters read by one call over a collection (<see cref="FanIn.SumAll"/>).</summary>
    Collection,
}

/// <summary>
/// Backward and OptoPrime's prompt over graphs of N nodes of each shape: both must be linear in the graph, whatever
/// its shape. The graph is built once; each invocation propagates (or builds the prompt from the feedback a setup
/// backward left) and then clears the feedback.
/// </summary>
[MemoryDiagnoser]
public class GraphShapeBenchmarks
{
    private Node _output = null!;
    private List<ParameterNode> _parameters = null!;
    private OptoPrime _optimizer = null!;

    [Params(GraphShape.Chain, GraphShape.SumChain, GraphShape.Collection)]
    public GraphShape Shape { get; set; }

    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_output, _parameters) = ShapedGraphs.Build(Shape, N);
        _optimizer = new OptoPrime(_parameters, new PromptGraphs.NoModel(), ShapedGraphs.Options(Shape));
    }

    [Benchmark(Description = "Backward")]
    public int Backward()
    {
        var result = _output.Backward("feedback");
        foreach (var parameter in _parameters) parameter.ZeroFeedback();
        return result.VisitedNodes;
    }

    [IterationSetup(Target = nameof(BuildPrompt))]
    public void GiveFeedback() => _output.Backward("The total is wrong.");

    [IterationCleanup(Target = nameof(BuildPrompt))]
    public void ForgetFeedback()
    {
        foreach (var parameter in _parameters) parameter.ZeroFeedback();
    }

    [Benchmark(Description = "BuildPrompt")]
    public int BuildPrompt() => _optimizer.BuildPrompt().User.Length;
}

/// <summary>Builds the graphs of <see cref="GraphShapeBenchmarks"/>.</summary>
public static class ShapedGraphs
{
    /// <summary>
    /// The optimizer's settings for these graphs: the default prompt budget for the chain (it compacts the large ones);
    /// no limit for the fan-ins, whose N variables are always shown whole and alone exceed any window from 10^4 up,
    /// so the figure is the time to build the whole prompt.
    /// </summary>
    public static OptoPrimeOptions Options(GraphShape shape) =>
        shape == GraphShape.Chain ? new() : new() { MaxPromptTokens = int.MaxValue };

    public static (Node Output, List<ParameterNode> Parameters) Build(GraphShape shape, int n)
    {
        using var scope = TraceScope.Begin();
        switch (shape)
        {
            case GraphShape.Chain:
                var agent = new ChainAgent();
                var last = agent.Chain(new string('c', 8), n);
                return (scope.Graph.NodeOf(last)!, [.. agent.TrainableParameters()]);
            case GraphShape.SumChain:
                var added = FanIn.Parameters(n);
                return (scope.Graph.NodeOf(FanIn.SumChain(added))!, [.. added]);
            default:
                var items = FanIn.Parameters(n);
                return (scope.Graph.NodeOf(FanIn.SumAll(items))!, [.. items]);
        }
    }
}
