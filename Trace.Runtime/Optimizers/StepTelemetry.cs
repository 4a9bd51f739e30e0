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
            activity.SetTag("opto.requests.answered", log.Proposal.Requests);
            activity.SetTag("gen_ai.usage.input_tokens", log.Usage.InputTokenCount ?? 0);
            activity.SetTag("gen_ai.usage.output_tokens", log.Usage.OutputTokenCount ?? 0);
        }

        var optimizerTag = new KeyValuePair<string, object?>("opto.optimizer", name);
        OptoTelemetry.Steps.Add(1, optimizerTag, new KeyValuePair<string, object?>("opto.outcome", outcome));
        if (log.Usage.InputTokenCount is > 0 and var input) OptoTelemetry.Tokens.Add(input, optimizerTag, new KeyValuePair<string, object?>("opto.token.type", "input"));
        if (log.Usage.OutputTokenCount is > 0 and var output) OptoTelemetry.Tokens.Add(output, optimizerTag, new KeyValuePair<string, object?>("opto.token.type", "output"));
        if (log.Rejected.Count > 0) OptoTelemetry.Rejections.Add(log.Rejected.Count, optimizerTag);
        OptimizerLog.StepCompleted(OptimizerLog.Logger, name, log.Step, outcome, log.Applied.Count, log.Rejected.Count, log.Usage.InputTokenCount ?? 0, log.Usage.OutputTokenCount ?? 0, milliseconds);
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
