namespace Opto.Training;

/// <summary>A finished training run.</summary>
/// <param name="Steps">The steps this call took, in order (after a resume, those after <see cref="ResumedAfter"/>).</param>
/// <param name="InitialValidation">The validation before the first step, when there is a validation set.</param>
/// <param name="BestValidation">The best validation (the initial one included), when there is a validation set.</param>
/// <param name="BestStep">The step after which the best validation was measured; 0 for the parameters before training.</param>
/// <param name="RestoredBest">Whether the parameters were set back to those of the best validation at the end.</param>
/// <param name="StoppedEarly">Whether the run stopped because validation did not improve for <see cref="TrainerOptions.Patience"/> validations.</param>
public sealed record TrainingResult(
    IReadOnlyList<TrainingStep> Steps,
    Evaluation? InitialValidation,
    Evaluation? BestValidation,
    int BestStep,
    bool RestoredBest,
    bool StoppedEarly)
{
    /// <summary>How many steps a run store held when this run resumed (0 for a run that started fresh); <see cref="Steps"/> are the steps after them.</summary>
    public int ResumedAfter { get; init; }

    /// <summary>The tokens of the steps a run store held when this run resumed.</summary>
    public TrainingUsage UsageBeforeResume { get; init; } = TrainingUsage.None;

    /// <summary>Every token of the run: the initial validation, the steps before a resume, and every step since.</summary>
    public TrainingUsage Usage => TrainingUsage.Sum([InitialValidation?.Usage ?? TrainingUsage.None, UsageBeforeResume, .. Steps.Select(s => s.Usage)]);
}
