namespace Opto.Training;

/// <summary>
/// Where a training run is kept as it goes, so that it can be read later and resumed after a crash. The trainer starts
/// the run (or learns where it stopped), commits each step after it is applied, and finishes it.
/// </summary>
/// <remarks>Implementations commit each call whole or not at all: a crash never leaves half a step.</remarks>
public interface IRunStore
{
    /// <summary>
    /// Starts the run described, or, when the store already holds it, checks that it is the same run and returns where it
    /// stopped. A store holding a different run (other parameter names or types, data or options) throws
    /// <see cref="RunMismatchException"/> listing every difference, and nothing is changed.
    /// </summary>
    /// <param name="run">What is being trained, on what, and how.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>Where the run stopped, or <see langword="null"/> for a new run.</returns>
    ValueTask<RunCheckpoint?> StartAsync(RunDescription run, CancellationToken cancellationToken);

    /// <summary>Keeps the validation before the first step.</summary>
    /// <param name="validation">The validation of the parameters before training.</param>
    /// <param name="cancellationToken">Cancels the commit (before it starts).</param>
    ValueTask CommitBaselineAsync(Evaluation validation, CancellationToken cancellationToken);

    /// <summary>Keeps a step, once it is applied and validated.</summary>
    /// <param name="step">The step.</param>
    /// <param name="cancellationToken">Cancels the commit (before it starts).</param>
    ValueTask CommitStepAsync(StepCommit step, CancellationToken cancellationToken);

    /// <summary>Marks the run finished, with the parameters it ended with.</summary>
    /// <param name="finish">How the run ended.</param>
    /// <param name="cancellationToken">Cancels the commit (before it starts).</param>
    ValueTask FinishAsync(RunFinish finish, CancellationToken cancellationToken);
}
