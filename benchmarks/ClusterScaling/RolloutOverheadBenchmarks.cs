using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Opto;
using Opto.Orleans;
using Opto.Training;
using Opto.Training.Remote;
using Orleans.TestingHost;

namespace Trace.Benchmarks;

/// <summary>
/// What sending a rollout to a silo costs over running it in process: 64 rollouts one after the other, each a chain
/// of 48 traced calls (a 50-node graph with its input and the trainable member it reads), on a one-silo cluster in this
/// process against in process. The difference per rollout is the executor's: JSON, the packed graph, the grain call,
/// the graph rebuilt on the trainer's parameters.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class RolloutOverheadBenchmarks
{
    private const int Rollouts = 64;

    private TestCluster _cluster = null!;
    private Trainer<string, string, string> _local = null!;
    private Trainer<string, string, string> _remote = null!;
    private List<Example<string, string>> _examples = null!;

    /// <summary>Starts a one-silo cluster and the two trainers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _examples = [.. Enumerable.Range(0, Rollouts).Select(i => new Example<string, string>($"question {i}", "answer", $"#{i}"))];
        _cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<Silo>().Build();
        _cluster.Deploy();
        var agent = new ChainAgent();
        _local = Trainer(agent, new InProcessRolloutExecutor(1));
        _remote = Trainer(agent, new OrleansRolloutExecutor(_cluster.Client, "chain", maxParallelism: 1));
    }

    /// <summary>Stops the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster.StopAllSilos();
        _cluster.Dispose();
    }

    /// <summary>In process.</summary>
    [Benchmark(Baseline = true, Description = "64 rollouts of 50 nodes, in process")]
    public async Task<int> InProcess() => (await _local.EvaluateAsync(_examples).ConfigureAwait(false)).Rollouts.Count;

    /// <summary>On a silo.</summary>
    [Benchmark(Description = "64 rollouts of 50 nodes, on a silo")]
    public async Task<int> OnSilo() => (await _remote.EvaluateAsync(_examples).ConfigureAwait(false)).Rollouts.Count;

    private static Trainer<string, string, string> Trainer(ChainAgent agent, IRolloutExecutor executor) =>
        new((question, _) => Task.FromResult(agent.Answer(question)), new ExactMatchGuide<string, string>(), new IdleOptimizer(agent.TrainableParameters()),
            new TrainerOptions { Executor = executor });

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.AddOptoRolloutHost((_, host) => host.Add("chain", () =>
            {
                var agent = new ChainAgent();
                return new RemoteAgent<string, string, string>(agent.TrainableParameters(), (question, _) => Task.FromResult(agent.Answer(question)), new ExactMatchGuide<string, string>());
            }));
    }
}

/// <summary>An agent whose answer is a chain of 48 traced calls.</summary>
public class ChainAgent
{
    /// <summary>How an answer starts.</summary>
    [Trainable("How an answer starts.")]
    public string Opening { get; set; } = "Thanks for asking:";

    /// <summary>Answers with a chain of steps.</summary>
    public string Answer(string question)
    {
        var text = Start(question);
        for (var i = 0; i < 47; i++) text = Step(text);
        return text;
    }

    /// <summary>Starts the answer.</summary>
    [Traced]
    public string Start(string question) => $"{Opening} {question}";

    /// <summary>One step of work on the text.</summary>
    [Traced]
    public static string Step(string text) => text.Length > 90 ? text[..60] : text + " and more";
}
