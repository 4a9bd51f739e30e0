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
/// Rollouts per second on an Orleans cluster of 1, 2 and 4 silos (Orleans' test cluster, in this process): one step's
/// 512 rollouts whose agent waits 200 ms (a simulated model call), each silo running at most 32 at a time (its share of
/// the work, as a machine's model quota or memory would set it), against the same rollouts in process at 32 at a time.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ClusterScalingBenchmarks
{
    /// <summary>Rollouts per step.</summary>
    public const int Rollouts = 512;

    /// <summary>Rollouts a silo runs at the same time.</summary>
    public const int PerSilo = 32;

    private TestCluster? _cluster;
    private Trainer<string, string, string> _trainer = null!;
    private List<Example<string, string>> _examples = null!;

    /// <summary>Silos in the cluster; 0: the rollouts run in process.</summary>
    [Params(0, 1, 2, 4)]
    public int Silos { get; set; }

    /// <summary>Starts the cluster and builds the trainer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _examples = [.. Enumerable.Range(0, Rollouts).Select(i => new Example<string, string>($"question {i}", "answer", $"#{i}"))];
        IRolloutExecutor executor = new InProcessRolloutExecutor(PerSilo);
        if (Silos > 0)
        {
            _cluster = new TestClusterBuilder((short)Silos).AddSiloBuilderConfigurator<Silo>().Build();
            _cluster.Deploy();
            executor = new OrleansRolloutExecutor(_cluster.Client, "waits", maxParallelism: Rollouts);
        }

        var agent = new WaitingAgent();
        _trainer = new Trainer<string, string, string>((question, token) => agent.AnswerAsync(question, token), new ExactMatchGuide<string, string>(),
            new IdleOptimizer(agent.TrainableParameters()), new TrainerOptions { Executor = executor });
    }

    /// <summary>Stops the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster?.StopAllSilos();
        _cluster?.Dispose();
    }

    /// <summary>One step's rollouts, judged.</summary>
    [Benchmark(Description = "512 rollouts of 200 ms")]
    public async Task<int> Step() => (await _trainer.EvaluateAsync(_examples).ConfigureAwait(false)).Rollouts.Count;

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Services.AddOptoRolloutHost((_, host) => host.Add("waits", () =>
            {
                var agent = new WaitingAgent();
                return new RemoteAgent<string, string, string>(agent.TrainableParameters(), (question, token) => agent.AnswerAsync(question, token), new ExactMatchGuide<string, string>());
            }), maxConcurrentRollouts: PerSilo);
    }
}

/// <summary>An optimizer the trainer needs to exist; evaluation never asks it for a proposal.</summary>
internal sealed class IdleOptimizer(IEnumerable<ParameterNode> parameters) : Opto.Optimizers.Optimizer(parameters)
{
    protected override Task<Opto.Optimizers.Proposal> ProposeCoreAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("Evaluation does not step.");
}

/// <summary>An agent whose every answer waits 200 ms, as a model call would.</summary>
public class WaitingAgent
{
    /// <summary>What the agent answers.</summary>
    [Trainable("The answer.")]
    public string Answer { get; set; } = "answer";

    /// <summary>Answers after a simulated model call.</summary>
    [Traced]
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        return Answer + question.Length % 1;
    }
}
