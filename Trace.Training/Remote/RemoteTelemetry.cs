using Microsoft.Extensions.Logging;

namespace Opto.Training.Remote;

// What remote rollouts log (category Opto.Training.Remote).
internal static partial class RemoteTelemetry
{
    public static ILogger Logger => TraceLogging.LoggerFactory.CreateLogger("Opto.Training.Remote");

    [LoggerMessage(1631, LogLevel.Warning, "The rollout of example {Example} failed on attempt {Attempt} ({Error}: {Message}); sending it again")]
    public static partial void Retried(ILogger logger, string example, int attempt, string error, string message);

    [LoggerMessage(1632, LogLevel.Warning, "The graph of example {Example} reads parameters the trainer does not train: {Names}. Feedback reaches them as it would in process, but no optimizer changes them; if they should be trained, give the trainer's parameters the names the hosts' agents give theirs. (Said once per name.)")]
    public static partial void Unmatched(ILogger logger, string example, string names);

    [LoggerMessage(1633, LogLevel.Warning, "The rollout of example {Example} did not finish within its time limit of {Seconds} s: it was cancelled and scores 0, and its feedback reaches no parameter")]
    public static partial void TimedOut(ILogger logger, string example, double seconds);
}
