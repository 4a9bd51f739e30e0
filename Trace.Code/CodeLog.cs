using Microsoft.Extensions.Logging;

namespace Opto.Code;

/// <summary>What the code compiler logs (category <c>Opto.Code</c>), through <see cref="TraceLogging.LoggerFactory"/>.</summary>
internal static partial class CodeLog
{
    public static ILogger Logger => TraceLogging.LoggerFactory.CreateLogger("Opto.Code");

    [LoggerMessage(1620, LogLevel.Information, "A replacement for {Parameter} compiled and passed the code policy in {Milliseconds} ms")]
    public static partial void Accepted(ILogger logger, string parameter, long milliseconds);

    [LoggerMessage(1621, LogLevel.Information, "A replacement for {Parameter} was rejected in {Milliseconds} ms: {Reason}")]
    public static partial void Rejected(ILogger logger, string parameter, long milliseconds, string reason);
}
