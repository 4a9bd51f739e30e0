using Opto.Training;

namespace Opto.Runs;

/// <summary>A committed step at a glance.</summary>
/// <param name="Number">1 for the first step.</param>
/// <param name="Epoch">1 for the first pass.</param>
/// <param name="BatchScore">The batch's mean score.</param>
/// <param name="BatchAccuracy">The batch's share of correct outputs.</param>
/// <param name="ValidationScore">The validation's mean score after the step, when one ran.</param>
/// <param name="ValidationAccuracy">Its share of correct outputs.</param>
/// <param name="Elapsed">The step's wall time.</param>
/// <param name="CommittedAt">When it was committed.</param>
/// <param name="Usage">Its tokens.</param>
public sealed record StepSummary(int Number, int Epoch, double BatchScore, double BatchAccuracy, double? ValidationScore, double? ValidationAccuracy, TimeSpan Elapsed, DateTimeOffset CommittedAt, TrainingUsage Usage);
