using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A traced call a condition over another traced call's result decides (<c>if (Classify(q) == "refund") return Refund(q);</c>),
/// against the same two calls with no condition between them: with tracing on, the decided call finds the classifier's node
/// in its slot and gets a decision node over it as a parent.
/// </summary>
[MemoryDiagnoser]
public class DecidedCallBenchmarks
{
    private readonly Triage _triage = new();

    [Benchmark(Baseline = true, Description = "if (Classify(q) == \"refund\") Refund(q), tracing off")]
    public string DecidedTracingOff() => _triage.Decided("money back");

    [Benchmark(Description = "Classify(q), then Refund(q), tracing on")]
    public string UndecidedTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _triage.Undecided("money back");
    }

    [Benchmark(Description = "if (Classify(q) == \"refund\") Refund(q), tracing on")]
    public string DecidedTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _triage.Decided("money back");
    }
}

/// <summary>A classifier and the call it decides, in untraced code.</summary>
public sealed class Triage
{
    /// <summary>Classifies.</summary>
    [Traced]
    public string Classify(string ticket) => ticket.Length > 3 ? "refund" : "question";

    /// <summary>Refunds.</summary>
    [Traced]
    public string Refund(string ticket) => "R: " + ticket;

    /// <summary>The classifier decides whether the refund runs.</summary>
    public string Decided(string ticket)
    {
        if (Classify(ticket) == "refund") return Refund(ticket);
        return ticket;
    }

    /// <summary>Both calls, neither deciding the other.</summary>
    public string Undecided(string ticket)
    {
        var label = Classify(ticket);
        return Refund(ticket) + label.Length;
    }
}
