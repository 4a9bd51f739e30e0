namespace Opto.Training;

/// <summary>Reported to an <see cref="IProgress{T}"/> after each step.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Step">The step just taken, from 1.</param>
/// <param name="TotalSteps">The steps the run takes if it does not stop early.</param>
/// <param name="BatchScore">The mean score of the step's batch.</param>
/// <param name="ValidationScore">The mean validation score after the step, when validation ran.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Usage">The tokens spent since the run started.</param>
public sealed record TrainingProgress(int Epoch, int Step, int TotalSteps, double BatchScore, double? ValidationScore, TimeSpan Elapsed, TrainingUsage Usage)
{
    /// <summary>The time the remaining steps take at the pace so far (zero before the first step).</summary>
    public TimeSpan Remaining => Step == 0 ? TimeSpan.Zero : Elapsed / Step * (TotalSteps - Step);
}
