using Microsoft.Extensions.Logging;

namespace Opto.Training.Remote;

// What remote rollouts log (category Opto.Training.Remote).
internal static partial class RemoteTelemetry
{
    public static ILogger Logger => TraceLogging.LoggerFactory.CreateLogger("Opto.Training.Remote");

    [LoggerMessage(1631, LogLevel.Warning, "The rollout of example {Example} failed on attempt {Attempt} ({Error}: {Message}); sending it again")]
    public static partial void Retried(ILogger logger, string example, int attempt, string error, string message);

    [LoggerMessage(1632, LogLevel.Warning, "The graph of example {Example} reads parameters the trainer does not train, so feedback does not reach them here: {Names}. Name the trainer's parameters as the hosts' agents name theirs.")]
    public static partial void Unmatched(ILogger logger, string example, string names);
}
