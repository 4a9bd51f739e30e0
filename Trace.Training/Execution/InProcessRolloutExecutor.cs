namespace Opto.Training;

/// <summary>Runs rollouts in this process, at most <see cref="MaxParallelism"/> at a time, each in its own asynchronous flow.</summary>
public sealed class InProcessRolloutExecutor : IRolloutExecutor
{
    /// <summary>Creates the executor.</summary>
    /// <param name="maxParallelism">How many rollouts run at the same time; at least 1.</param>
    public InProcessRolloutExecutor(int maxParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        MaxParallelism = maxParallelism;
    }

    /// <summary>How many rollouts run at the same time.</summary>
    public int MaxParallelism { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutOutcome>> RunAsync<TInput, TExpected, TOutput>(RolloutBatch<TInput, TExpected, TOutput> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var outcomes = new RolloutOutcome[batch.Examples.Count];
        // Each body runs in its own copy of the execution context, so each rollout's trace scope is its own.
        await Parallel.ForEachAsync(Enumerable.Range(0, outcomes.Length), new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await batch.Runner.RunAsync(batch.Examples[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        return outcomes;
    }
}
