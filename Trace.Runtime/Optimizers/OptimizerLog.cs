using Microsoft.Extensions.Logging;

namespace Opto.Optimizers;

/// <summary>What the optimizers log (category <c>Opto.Optimizers</c>), through <see cref="TraceLogging.LoggerFactory"/>.</summary>
internal static partial class OptimizerLog
{
    public static ILogger Logger => TraceLogging.LoggerFactory.CreateLogger("Opto.Optimizers");

    [LoggerMessage(1610, LogLevel.Information, "{Optimizer} step {Step}: {Outcome}, {Applied} change(s) applied, {Rejected} rejected, {InputTokens} input and {OutputTokens} output tokens, {Milliseconds} ms")]
    public static partial void StepCompleted(ILogger logger, string optimizer, int step, string outcome, int applied, int rejected, long inputTokens, long outputTokens, long milliseconds);

    [LoggerMessage(1611, LogLevel.Error, "{Optimizer} step failed after {Milliseconds} ms: {Error}")]
    public static partial void StepFailed(ILogger logger, string optimizer, long milliseconds, string error, Exception exception);

    [LoggerMessage(1612, LogLevel.Warning, "Model request attempt {Attempt} failed: {Failure}; asking again in {WaitMilliseconds} ms")]
    public static partial void RequestRetried(ILogger logger, int attempt, string failure, long waitMilliseconds);
}
