namespace Opto.Training;

/// <summary>
/// Where rollouts run. The trainer hands over a batch and gets the outcomes back in the examples' order, so its
/// algorithms never assume where a rollout ran; the default, <see cref="InProcessRolloutExecutor"/>, runs them here.
/// </summary>
public interface IRolloutExecutor
{
    /// <summary>Runs a rollout of every example of <paramref name="batch"/> and returns the outcomes in the examples' order.</summary>
    /// <typeparam name="TInput">What the agent is given.</typeparam>
    /// <typeparam name="TExpected">What a correct answer is.</typeparam>
    /// <typeparam name="TOutput">What the agent returns.</typeparam>
    /// <param name="batch">The examples, the parameters to run them with, and how to run one here.</param>
    /// <param name="cancellationToken">Cancels the rollouts not finished yet.</param>
    Task<IReadOnlyList<RolloutOutcome>> RunAsync<TInput, TExpected, TOutput>(RolloutBatch<TInput, TExpected, TOutput> batch, CancellationToken cancellationToken);
}
