using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Notes a traced method adds ten summaries to in a loop, then answers from: with tracing on, each summary keeps its slot
/// of the method's running call, and the answer's glue reads all ten. Against the same ten summaries put into a list and
/// joined (linked by the parts' identity), and against tracing off.
/// </summary>
[MemoryDiagnoser]
public class LoopNotesBenchmarks
{
    private readonly LoopNotes _notes = new();
    private readonly string[] _docs = [.. Enumerable.Range(0, 10).Select(i => new string('d', i + 1))];

    [Benchmark(Baseline = true, Description = "notes += Summarize(d) over 10 docs, then Answer(notes), tracing off")]
    public string AddedTracingOff() => _notes.Added(_docs);

    [Benchmark(Description = "notes += Summarize(d) over 10 docs, then Answer(notes), tracing on")]
    public string AddedTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _notes.Added(_docs);
    }

    [Benchmark(Description = "list.Add(Summarize(d)) over 10 docs, then Answer(string.Join(...)), tracing on")]
    public string JoinedTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _notes.Joined(_docs);
    }
}

/// <summary>A summary step and an answer, glued by traced methods that loop over documents.</summary>
public sealed class LoopNotes
{
    /// <summary>Summarizes.</summary>
    [Traced]
    public string Summarize(string doc) => "S: " + doc;

    /// <summary>Answers.</summary>
    [Traced]
    public string Answer(string notes) => "A: " + notes.Length;

    /// <summary>Each summary added to the notes.</summary>
    [Traced]
    public string Added(string[] docs)
    {
        var notes = "";
        foreach (var doc in docs) notes += Summarize(doc) + "\n";
        return Answer(notes);
    }

    /// <summary>Each summary put into a list, joined.</summary>
    [Traced]
    public string Joined(string[] docs)
    {
        var parts = new List<string>();
        foreach (var doc in docs) parts.Add(Summarize(doc));
        return Answer(string.Join("\n", parts));
    }
}
