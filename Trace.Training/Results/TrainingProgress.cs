namespace Opto.Training;

/// <summary>Reported to an <see cref="IProgress{T}"/> after each step.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Step">The step just taken, from 1.</param>
/// <param name="TotalSteps">The steps the run takes if it does not stop early.</param>
/// <param name="BatchScore">The mean score of the step's batch.</param>
/// <param name="ValidationScore">The mean validation score after the step, when validation ran.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Usage">The tokens spent since the run started (the steps before a resume included).</param>
public sealed record TrainingProgress(int Epoch, int Step, int TotalSteps, double BatchScore, double? ValidationScore, TimeSpan Elapsed, TrainingUsage Usage)
{
    /// <summary>How many steps a run store held when this run resumed (0 for a fresh run): <see cref="Elapsed"/> covers the steps after them.</summary>
    public int ResumedAfter { get; init; }

    /// <summary>The time the remaining steps take at this run's pace so far (zero before its first step).</summary>
    public TimeSpan Remaining => Step <= ResumedAfter ? TimeSpan.Zero : Elapsed / (Step - ResumedAfter) * (TotalSteps - Step);
}
