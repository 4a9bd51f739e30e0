using Opto.Training;

namespace Opto.Runs;

/// <summary>A stored run at a glance.</summary>
/// <param name="Directory">The run's directory.</param>
/// <param name="Description">What it trains, on what, and how.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished, or <see langword="null"/> while it runs or after it stopped unfinished.</param>
/// <param name="Finish">How it finished.</param>
/// <param name="InitialValidation">The validation before the first step.</param>
/// <param name="Steps">The committed steps, in order.</param>
public sealed record RunRecord(string Directory, RunDescription Description, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, RunFinish? Finish, Evaluation? InitialValidation, IReadOnlyList<StepSummary> Steps)
{
    /// <summary>The best validation score so far (the baseline included), or <see langword="null"/> without validation.</summary>
    public double? BestValidationScore =>
        Steps.Select(s => s.ValidationScore).Append(InitialValidation?.MeanScore).Where(s => s is not null).Max();
}
