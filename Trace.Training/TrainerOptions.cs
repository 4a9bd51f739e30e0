namespace Opto.Training;

/// <summary>How a <see cref="Trainer{TInput, TExpected, TOutput}"/> trains.</summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training set. Default 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Examples per batch, and per optimizer step. Default 4.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>How many rollouts run at the same time (for the default executor). Default 4.</summary>
    public int MaxParallelism { get; init; } = 4;

    /// <summary>Seeds the shuffling of the training set (each epoch in its own order). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Validate after every this many steps (and after the last one). Default 1.</summary>
    public int ValidateEvery { get; init; } = 1;

    /// <summary>Restore the parameters of the best validation at the end. Default true.</summary>
    public bool KeepBest { get; init; } = true;

    /// <summary>Stop after this many validations without improvement; <see langword="null"/>: never. Default null.</summary>
    public int? Patience { get; init; }

    /// <summary>
    /// Search: how many proposals the optimizer makes per step (each from the same feedback). With more than one, each
    /// proposal is scored on the validation set (or a seeded sample of it, <see cref="SearchSample"/>) together with the
    /// current parameters, and the best is applied; the others are kept in the step. The candidates come from
    /// <see cref="Opto.Optimizers.Optimizer.ProposeCandidatesAsync(int, System.Threading.CancellationToken)"/>: an optimizer that generates several itself (OptoPrimeMulti) gives them
    /// unchosen, any other is asked this many times. Needs a validation set. Default 1.
    /// </summary>
    public int Proposals { get; init; } = 1;

    /// <summary>How many validation examples score each search proposal (a seeded sample); <see langword="null"/>: all. Default null.</summary>
    public int? SearchSample { get; init; }

    /// <summary>Where rollouts run; default in process with <see cref="MaxParallelism"/>.</summary>
    public IRolloutExecutor? Executor { get; init; }

    /// <summary>
    /// Where the run is kept, step by step; <see langword="null"/>: nowhere. When the store already holds this run, training
    /// resumes after its last committed step with the same parameters, optimizer state and position in the data.
    /// </summary>
    public IRunStore? Store { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1: each optimizer step learns from one batch of examples.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelism, 1, nameof(MaxParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(ValidateEvery, 1, nameof(ValidateEvery));
        if (Patience is { } patience) ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1, nameof(Patience));
        ArgumentOutOfRangeException.ThrowIfLessThan(Proposals, 1, nameof(Proposals));
        if (SearchSample is { } sample) ArgumentOutOfRangeException.ThrowIfLessThan(sample, 1, nameof(SearchSample));
    }
}
