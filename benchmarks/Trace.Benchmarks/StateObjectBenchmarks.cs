using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Traced steps that pass one state object along: with tracing on, the interceptor of a step that sets a member of the state
/// reads it as the call starts and completes, and the interceptor of a step that reads a member of the state reads it as
/// the call starts, to link what a traced call made there. Against the same calls with tracing off.
/// </summary>
[MemoryDiagnoser]
public class StateObjectBenchmarks
{
    private readonly Steps _steps = new();
    private readonly StepState _state = new() { Question = "what" };

    [Benchmark(Baseline = true, Description = "Retrieve(state); Write(state), tracing off")]
    public int TracingOff()
    {
        _steps.Retrieve(_state);
        _steps.Write(_state);
        return _state.Draft.Length;
    }

    [Benchmark(Description = "Write(state), tracing on: a member read that holds an input")]
    public int ReadOnlyTracingOn()
    {
        using var scope = TraceScope.Begin();
        _steps.Write(_state);
        return _state.Draft.Length;
    }

    [Benchmark(Description = "Draft(state.Documents), tracing on: the same step given the text")]
    public int TextTracingOn()
    {
        using var scope = TraceScope.Begin();
        return _steps.Draft(_state.Documents).Length;
    }

    [Benchmark(Description = "Retrieve(state); Write(state), tracing on: set, then read and linked")]
    public int TracingOn()
    {
        using var scope = TraceScope.Begin();
        _steps.Retrieve(_state);
        _steps.Write(_state);
        return _state.Draft.Length;
    }
}

/// <summary>The state two steps pass along.</summary>
public sealed class StepState
{
    /// <summary>The question.</summary>
    public string Question { get; set; } = "";

    /// <summary>What the first step found.</summary>
    public string Documents { get; set; } = "";

    /// <summary>What the second step wrote.</summary>
    public string Draft { get; set; } = "";
}

/// <summary>Two steps of a pipeline.</summary>
public sealed class Steps
{
    /// <summary>Finds documents for the question.</summary>
    [Traced]
    public void Retrieve(StepState state) => state.Documents = "docs: " + state.Question;

    /// <summary>Writes a draft from the documents.</summary>
    [Traced]
    public void Write(StepState state) => state.Draft = "draft: " + state.Documents;

    /// <summary>Writes a draft from documents given as text.</summary>
    [Traced]
    public string Draft(string documents) => "draft: " + documents;
}
