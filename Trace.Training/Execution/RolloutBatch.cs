namespace Opto.Training;

/// <summary>What a trainer hands an <see cref="IRolloutExecutor"/>: the examples, the parameters to run them with, and how to run one here.</summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is.</typeparam>
/// <typeparam name="TOutput">What the agent returns.</typeparam>
/// <param name="Examples">The examples, one rollout each.</param>
/// <param name="Parameters">
/// The trained parameters. A rollout must run with their current values: an executor that runs rollouts elsewhere
/// sends the values (<see cref="ParameterStore.ToJson"/>) and rebuilds each rollout's graph on these parameters
/// (<see cref="Transport.GraphTransport.Unpack"/>).
/// </param>
/// <param name="Runner">Runs one rollout in this process.</param>
public sealed record RolloutBatch<TInput, TExpected, TOutput>(
    IReadOnlyList<Example<TInput, TExpected>> Examples,
    IReadOnlyList<ParameterNode> Parameters,
    RolloutRunner<TInput, TExpected, TOutput> Runner);
