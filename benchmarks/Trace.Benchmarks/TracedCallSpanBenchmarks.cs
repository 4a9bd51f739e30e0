using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// The opt-in span per traced call (<see cref="OptoTelemetry.TracedCallSpans"/>): a recorded call with the option off
/// (the default), on with nothing listening to the source, and on with a listener that records every span (as an
/// OpenTelemetry SDK sampling everything does). Per call, over <see cref="Calls"/> calls per invocation.
/// </summary>
[MemoryDiagnoser]
public class TracedCallSpanBenchmarks
{
    private const int Calls = 1000;

    private readonly Joiner _joiner = new();
    private ActivityListener? _listener;
    private string _a = null!;
    private string _b = null!;

    [Params("off", "on, nothing listens", "on, listened to")]
    public string Spans { get; set; } = "off";

    [GlobalSetup]
    public void Setup()
    {
        _a = new string('a', 16);
        _b = new string('b', 8);
        OptoTelemetry.TracedCallSpans = Spans != "off";
        if (Spans != "on, listened to") return;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OptoTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        OptoTelemetry.TracedCallSpans = false;
        _listener?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on")]
    public int TracedOn()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.Join(a, b);
        return scope.Graph.Count;
    }
}
