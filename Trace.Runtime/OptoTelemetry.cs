using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Opto;

/// <summary>
/// The library's OpenTelemetry sources, both named <see cref="SourceName"/>: spans for optimizer steps
/// (<c>opto.optimizer.step</c>) and code compilations (<c>opto.code.compile</c>), and metrics for steps, tokens,
/// rejections and compile time. Listen with <c>AddSource(OptoTelemetry.SourceName)</c> and
/// <c>AddMeter(OptoTelemetry.SourceName)</c>. Model calls follow the GenAI semantic conventions through
/// Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> on the chat client; they nest under the step that made them.
/// </summary>
public static class OptoTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>Opto.Trace</c>.</summary>
    public const string SourceName = "Opto.Trace";

    private static volatile bool s_tracedCallSpans;

    /// <summary>
    /// Whether every traced call recorded in a <see cref="TraceScope"/> is also a span (<c>opto.call</c>, named by the
    /// method, with its operator key in <c>opto.operator</c>), nested as the calls nest. Off by default: it costs a span
    /// per call while something listens (see benchmarks/README.md), and a branch when nothing does.
    /// </summary>
    public static bool TracedCallSpans
    {
        get => s_tracedCallSpans;
        set => s_tracedCallSpans = value;
    }

    private static readonly string? s_version = typeof(OptoTelemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(SourceName, s_version);

    internal static readonly Meter Meter = new(SourceName, s_version);

    internal static Activity? StartCall(OperatorInfo op)
    {
        var span = Source.StartActivity("opto.call");
        if (span is null) return null;
        span.DisplayName = op.MethodName;
        span.SetTag("opto.operator", op.Key);
        return span;
    }

    /// <summary>Optimizer steps, tagged with the optimizer and the outcome (<c>applied</c>, <c>rejected</c>, <c>unchanged</c>, <c>not_sent</c>, <c>failed</c>).</summary>
    internal static readonly Counter<long> Steps = Meter.CreateCounter<long>("opto.optimizer.steps", "{step}", "Optimizer steps taken.");

    /// <summary>Tokens the optimizers' requests used, tagged with <c>opto.token.type</c> (<c>input</c> or <c>output</c>).</summary>
    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("opto.optimizer.tokens", "{token}", "Tokens used by optimizer requests.");

    /// <summary>Suggestions the optimizers rejected.</summary>
    internal static readonly Counter<long> Rejections = Meter.CreateCounter<long>("opto.optimizer.rejections", "{rejection}", "Suggestions rejected by optimizers.");

    /// <summary>Time to check and compile one replacement, tagged with the outcome (<c>accepted</c> or <c>rejected</c>).</summary>
    internal static readonly Histogram<double> CompileDuration = Meter.CreateHistogram<double>("opto.code.compile.duration", "s", "Time to check and compile replacement code.");
}
