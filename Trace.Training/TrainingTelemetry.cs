using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Opto.Training;

/// <summary>
/// Training's spans (<c>opto.training.step</c>, <c>opto.training.rollout</c>) on the library's activity source, its
/// rollout counter on the library's meter (both <see cref="OptoTelemetry.SourceName"/>), and its log lines (category
/// <c>Opto.Training</c>, through <see cref="TraceLogging.LoggerFactory"/>).
/// </summary>
internal static partial class TrainingTelemetry
{
    public static readonly System.Diagnostics.Metrics.Counter<long> Rollouts =
        OptoTelemetry.Meter.CreateCounter<long>("opto.training.rollouts", "{rollout}", "Rollouts run by trainers, tagged with their outcome.");

    public static ILogger Logger => TraceLogging.LoggerFactory.CreateLogger("Opto.Training");

    public static Activity? StartStep(int number, int epoch, int batchSize)
    {
        var activity = OptoTelemetry.Source.StartActivity("opto.training.step");
        activity?.SetTag("opto.step", number);
        activity?.SetTag("opto.epoch", epoch);
        activity?.SetTag("opto.batch.size", batchSize);
        return activity;
    }

    public static Activity? StartRollout(string exampleId)
    {
        var activity = OptoTelemetry.Source.StartActivity("opto.training.rollout");
        activity?.SetTag("opto.example", exampleId);
        return activity;
    }

    public static void Rollout(Activity? activity, Judgement judgement, bool threw)
    {
        var outcome = threw ? "threw" : judgement.Correct ? "correct" : "incorrect";
        activity?.SetTag("opto.outcome", outcome);
        activity?.SetTag("opto.score", judgement.Score);
        Rollouts.Add(1, new KeyValuePair<string, object?>("opto.outcome", outcome));
    }

    [LoggerMessage(1630, LogLevel.Information, "Training step {Step} (epoch {Epoch}): batch score {BatchScore:0.###}, validation {Validation}, {Milliseconds} ms")]
    public static partial void StepCompleted(ILogger logger, int step, int epoch, double batchScore, string validation, long milliseconds);
}
