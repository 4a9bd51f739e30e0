using System.Diagnostics;

namespace Opto.Optimizers;

/// <summary>Records an optimizer step as a span, as metrics and as a log line.</summary>
internal static class StepTelemetry
{
    public static void Completed(Optimizer optimizer, StepLog log, Activity? activity, long milliseconds)
    {
        var name = optimizer.GetType().Name;
        var outcome = log.Proposal.NotSentReason is not null ? "not_sent"
            : log.Applied.Count > 0 ? "applied"
            : log.Rejected.Count > 0 ? "rejected"
            : "unchanged";
        if (activity is not null)
        {
            activity.SetTag("opto.step", log.Step);
            activity.SetTag("opto.outcome", outcome);
            activity.SetTag("opto.changes.applied", log.Applied.Count);
            activity.SetTag("opto.changes.rejected", log.Rejected.Count);
            activity.SetTag("opto.requests", log.Attempts.Count);
            activity.SetTag("gen_ai.usage.input_tokens", log.Usage.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", log.Usage.OutputTokens);
        }

        var optimizerTag = new KeyValuePair<string, object?>("opto.optimizer", name);
        OptoTelemetry.Steps.Add(1, optimizerTag, new KeyValuePair<string, object?>("opto.outcome", outcome));
        if (log.Usage.InputTokens > 0) OptoTelemetry.Tokens.Add(log.Usage.InputTokens, optimizerTag, new KeyValuePair<string, object?>("opto.token.type", "input"));
        if (log.Usage.OutputTokens > 0) OptoTelemetry.Tokens.Add(log.Usage.OutputTokens, optimizerTag, new KeyValuePair<string, object?>("opto.token.type", "output"));
        if (log.Rejected.Count > 0) OptoTelemetry.Rejections.Add(log.Rejected.Count, optimizerTag);
        OptimizerLog.StepCompleted(OptimizerLog.Logger, name, log.Step, outcome, log.Applied.Count, log.Rejected.Count, log.Usage.InputTokens, log.Usage.OutputTokens, milliseconds);
    }

    /// <summary>Records a failed step; returns <see langword="false"/> so that the exception goes on unchanged.</summary>
    public static bool Failed(Optimizer optimizer, Exception exception, Activity? activity, long milliseconds)
    {
        var name = optimizer.GetType().Name;
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
        OptoTelemetry.Steps.Add(1, new KeyValuePair<string, object?>("opto.optimizer", name), new KeyValuePair<string, object?>("opto.outcome", "failed"));
        OptimizerLog.StepFailed(OptimizerLog.Logger, name, milliseconds, exception.Message, exception);
        return false;
    }
}
