using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A traced method that adds a note to a history list it is given: with tracing on, the interceptor reads the list's
/// elements before the call and again after it, to link what the call added. Against the same call with tracing off, and
/// against a traced method given the history as a read-only list (read once, as any collection argument is).
/// </summary>
[MemoryDiagnoser]
public class FilledArgumentBenchmarks
{
    private readonly Notes _notes = new();
    private List<string> _history = null!;

    /// <summary>How many entries the history holds before the call.</summary>
    [Params(10, 100)]
    public int History { get; set; }

    [GlobalSetup]
    public void Setup() => _history = [.. Enumerable.Range(0, History).Select(i => "entry " + i)];

    [Benchmark(Baseline = true, Description = "AddNote(history, t), tracing off")]
    public int TracingOff()
    {
        _notes.AddNote(_history, "t");
        _history.RemoveAt(_history.Count - 1);
        return _history.Count;
    }

    [Benchmark(Description = "Count(history as IReadOnlyList), tracing on: read once")]
    public int ReadOnlyTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _notes.Count(_history);
    }

    [Benchmark(Description = "AddNote(history, t), tracing on: read before and after")]
    public int FilledTracingOn()
    {
        using var scope = TraceScope.Begin();
        _notes.AddNote(_history, "t");
        _history.RemoveAt(_history.Count - 1);
        return _history.Count;
    }
}

/// <summary>
/// A traced method that adds a note to its own object's history (a private list) and sets its last note: with tracing on, the
/// interceptor reads both members as the call starts and again as it completes. Against the same call with tracing off.
/// </summary>
[MemoryDiagnoser]
public class WatchedMemberBenchmarks
{
    private Journal _journal = null!;

    /// <summary>How many entries the history holds before the call.</summary>
    [Params(10, 100)]
    public int History { get; set; }

    [GlobalSetup]
    public void Setup() => _journal = new Journal(History);

    [Benchmark(Baseline = true, Description = "journal.Note(t), tracing off")]
    public int TracingOff()
    {
        _journal.Note("t");
        return _journal.Forget();
    }

    [Benchmark(Description = "journal.Note(t), tracing on: its members read before and after")]
    public int TracingOn()
    {
        using var scope = TraceScope.Begin();
        _journal.Note("t");
        return _journal.Forget();
    }
}

/// <summary>A history an agent keeps in its own members.</summary>
public sealed class Journal(int entries)
{
    private readonly List<string> _history = [.. Enumerable.Range(0, entries).Select(i => "entry " + i)];

    /// <summary>The last note written.</summary>
    public string Last { get; private set; } = "";

    /// <summary>Writes a note of its own making into the history, and keeps it as the last.</summary>
    [Traced]
    public void Note(string text)
    {
        Last = "note: " + text;
        _history.Add(Last);
    }

    /// <summary>Removes the last note; the number of entries left.</summary>
    public int Forget()
    {
        _history.RemoveAt(_history.Count - 1);
        return _history.Count;
    }
}

/// <summary>Notes kept in a list the caller owns.</summary>
public sealed class Notes
{
    /// <summary>Adds a note of its own making.</summary>
    [Traced]
    public void AddNote(List<string> into, string text) => into.Add("note: " + text);

    /// <summary>Counts the entries.</summary>
    [Traced]
    public int Count(IReadOnlyList<string> entries) => entries.Count;
}
