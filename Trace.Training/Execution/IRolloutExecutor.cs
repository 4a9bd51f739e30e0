namespace Opto.Training;

/// <summary>
/// Where rollouts run. The trainer hands over a batch and gets the results back in the same order, so its algorithms
/// never assume where a rollout ran; the default, <see cref="InProcessRolloutExecutor"/>, runs them here.
/// </summary>
public interface IRolloutExecutor
{
    /// <summary>Runs <paramref name="rollout"/> on every item and returns the results in the items' order.</summary>
    /// <typeparam name="TItem">What a rollout is given.</typeparam>
    /// <typeparam name="TResult">What it returns.</typeparam>
    /// <param name="items">The items, such as a batch of examples.</param>
    /// <param name="rollout">One rollout; it opens its own trace scope.</param>
    /// <param name="cancellationToken">Cancels the rollouts not finished yet.</param>
    Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> rollout, CancellationToken cancellationToken);
}
