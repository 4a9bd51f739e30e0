using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;

namespace Trace.Benchmarks;

/// <summary>
/// Building OptoPrime's prompt for a fixed graph of N nodes whose output received feedback that reaches all three
/// parameters: union of the subgraphs, naming, JSON values, sections.
/// </summary>
[MemoryDiagnoser]
public class PromptBenchmarks
{
    private OptoPrime _optimizer = null!;

    [Params(10, 100, 1_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _optimizer = PromptGraphs.Build(N).Optimizer;

    [Benchmark(Description = "BuildPrompt")]
    public int BuildPrompt() => _optimizer.BuildPrompt().User.Length;
}

/// <summary>The fixed graphs the prompt benchmarks and the token counts use.</summary>
public static class PromptGraphs
{
    public static (OptoPrime Optimizer, int Nodes) Build(int nodes)
    {
        var pipeline = new SupportPipeline();
        var optimizer = new OptoPrime(pipeline.TrainableParameters(), new NoModel());
        using var scope = TraceScope.Begin();
        var last = pipeline.Converse(scope.Graph, nodes);
        optimizer.Backward(last, "The customer says the reply repeats itself and never answers the question about cash.");
        return (optimizer, scope.Graph.Count);
    }

    /// <summary>One call reading three trainable values, with feedback on its result.</summary>
    public static OptoPrime FanIn()
    {
        var writer = new LetterWriter();
        var optimizer = new OptoPrime(writer.TrainableParameters(), new NoModel());
        using var scope = TraceScope.Begin();
        var letter = writer.Compose(new string("a blocked card".AsSpan()));
        optimizer.Backward(letter, "Too stiff, and it never says when the card will work again.");
        return optimizer;
    }

    /// <summary>Prompt building never calls the model.</summary>
    internal sealed class NoModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The prompt benchmarks build prompts only.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The prompt benchmarks build prompts only.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
