using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Opto;

/// <summary>
/// Where the library writes its warnings (feedback that reached no trainable parameter, a step that sent nothing to the
/// model). Nothing is logged until you set <see cref="LoggerFactory"/>, for example to the factory of your host:
/// <c>TraceLogging.LoggerFactory = app.Services.GetRequiredService&lt;ILoggerFactory&gt;();</c>.
/// </summary>
public static class TraceLogging
{
    private static ILoggerFactory s_factory = NullLoggerFactory.Instance;

    /// <summary>The factory the library creates its loggers from (categories <c>Opto.Backward</c>, <c>Opto.Optimizers</c>, <c>Opto.Tracing</c>). Default: logs nothing.</summary>
    public static ILoggerFactory LoggerFactory
    {
        get => Volatile.Read(ref s_factory);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref s_factory, value);
        }
    }

    /// <summary>The event logged when feedback reached no trainable parameter.</summary>
    public static readonly EventId NothingReached = new(1601, nameof(NothingReached));

    /// <summary>The event logged when an optimizer step sent nothing to the model because no parameter had feedback.</summary>
    public static readonly EventId StepSkipped = new(1602, nameof(StepSkipped));

    /// <summary>
    /// The event logged when a traced call's result could not be linked to it: the call returned a task that runs its
    /// continuations asynchronously (or that it had not started), which its caller gets as it is, and the task's result
    /// was a string the call does not own (a literal, a string the runtime shares).
    /// </summary>
    public static readonly EventId ResultNotLinked = new(1603, nameof(ResultNotLinked));

    // The message is the state and is written as is: feedback text may contain braces, which a message template would misread.
    internal static void Warn(string category, EventId id, string message)
    {
        var logger = LoggerFactory.CreateLogger(category);
        if (logger.IsEnabled(LogLevel.Warning)) logger.Log(LogLevel.Warning, id, message, null, static (text, _) => text);
    }
}
