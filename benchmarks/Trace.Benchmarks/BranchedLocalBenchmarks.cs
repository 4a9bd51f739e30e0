using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Glue over a local one of two traced steps set in an <c>if</c>/<c>else</c>, against glue over a local one step set: with
/// tracing on, the glued argument of the first finds the step that ran by the latest node of each branch's slot.
/// </summary>
[MemoryDiagnoser]
public class BranchedLocalBenchmarks
{
    private readonly Branches _branches = new();
    private bool _search;

    [Benchmark(Baseline = true, Description = "if/else of two steps, then Answer(s + \"!\"), tracing off")]
    public string BranchedTracingOff() => _branches.Branched("q", _search = !_search);

    [Benchmark(Description = "one step, then Answer(s + \"!\"), tracing on")]
    public string StraightTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _branches.Straight("q");
    }

    [Benchmark(Description = "if/else of two steps, then Answer(s + \"!\"), tracing on")]
    public string BranchedTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _branches.Branched("q", _search = !_search);
    }
}

/// <summary>Two steps and an answer, glued in untraced code.</summary>
public sealed class Branches
{
    /// <summary>Searches.</summary>
    [Traced]
    public string Search(string question) => "S: " + question;

    /// <summary>Recalls.</summary>
    [Traced]
    public string Recall(string question) => "R: " + question;

    /// <summary>Answers.</summary>
    [Traced]
    public string Answer(string context) => "A: " + context;

    /// <summary>One step, then the answer.</summary>
    public string Straight(string question)
    {
        var found = Search(question);
        return Answer(found + "!");
    }

    /// <summary>One of two steps, then the answer.</summary>
    public string Branched(string question, bool search)
    {
        string found;
        if (search) found = Search(question);
        else found = Recall(question);
        return Answer(found + "!");
    }
}
