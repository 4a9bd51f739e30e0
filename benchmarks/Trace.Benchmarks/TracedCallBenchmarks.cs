using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// The cost of one call of a two-argument traced method: called directly (no interceptor), through the interceptor
/// with tracing off, and recorded into a trace scope. Every benchmark makes <see cref="Calls"/> calls per invocation
/// (OperationsPerInvoke), so the figures are per call. Recording benchmarks open a fresh scope per invocation: the
/// per-call figure includes the scope's share and the growth of its graph up to <see cref="Calls"/> calls, and memory
/// stays bounded without an IterationSetup (which would force one invocation per iteration).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TracedCallBenchmarks
{
    /// <summary>Calls each benchmark makes per invocation.</summary>
    internal const int Calls = 1000;

    private readonly Joiner _joiner = new();
    private readonly PromptedJoiner _prompted = new();
    private string _a = null!;
    private string _b = null!;
    private string[] _fresh = null!;
    private string _words = null!;

    [GlobalSetup]
    public void Setup()
    {
        // BenchmarkDotNet runs each benchmark in its own process, and nothing here opens a scope:
        // the tracing-off benchmarks run with no scope open anywhere in the process.
        if (TraceScope.Current is not null) throw new InvalidOperationException("A trace scope is open during setup.");

        // Strings with an identity of their own (not interned literals), as values computed at run time are.
        _a = new string('a', 16);
        _b = new string('b', 8);
        _words = string.Join(' ', Enumerable.Range(0, 8).Select(i => $"word{i}"));
        _fresh = new string[2 * Calls];
        for (var i = 0; i < _fresh.Length; i++) _fresh[i] = new string((char)('a' + (i % 26)), 8 + (i % 2));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Direct")]
    [BenchmarkCategory("Inlinable")]
    public string Direct()
    {
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.PlainJoin(a, b);
        return a;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing off")]
    [BenchmarkCategory("Inlinable")]
    public string TracedOff()
    {
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.Join(a, b);
        return a;
    }

    /// <summary>Arguments already in the graph: the result of the previous call, and an input seen before.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on")]
    [BenchmarkCategory("Inlinable")]
    public int TracedOn()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.Join(a, b);
        return scope.Graph.Count;
    }

    /// <summary>
    /// The same calls after a traced call returned a list whose elements are never passed on (search results an agent
    /// keeps aside): they wait in the graph for the whole scope, and every look-up of an argument checks them first.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on, elements of a returned list waiting")]
    [BenchmarkCategory("Inlinable")]
    public int TracedOnElementsWaiting()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        var kept = joiner.Words(_words);
        for (var i = 0; i < Calls; i++) a = joiner.Join(a, b);
        return scope.Graph.Count + kept.Count;
    }

    /// <summary>A method that may make traced calls: the same recording, plus tracking the calls nested in it.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on, nested calls tracked")]
    [BenchmarkCategory("Inlinable")]
    public int TracedOnTracked()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.JoinTracked(a, b);
        return scope.Graph.Count;
    }

    /// <summary>
    /// Glue between two traced calls (<c>Join(first.Trim(), b)</c>): the producer leaves its node in a slot and the
    /// consumer records a glue node over it. Two calls per iteration; the figure is per call.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on, glue between two calls")]
    [BenchmarkCategory("Inlinable")]
    public int TracedOnGlue()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls / 2; i++)
        {
            var first = joiner.Join(a, b);
            joiner.Join(first.Trim(), b);
        }

        return scope.Graph.Count;
    }

    /// <summary>
    /// Glue that reads a trainable value (<c>Join(Prefix + a, b)</c> in untraced code): a glue node whose parent is the
    /// value's parameter, and an input node for the other argument. The figure includes the concatenation (about 60 B).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on, glue reading a trainable value")]
    [BenchmarkCategory("Inlinable")]
    public int TracedOnGlueReadingTrainable()
    {
        using var scope = TraceScope.Begin();
        var joiner = _prompted;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) joiner.Prefixed(a, b);
        return scope.Graph.Count;
    }

    /// <summary>Both arguments new to the graph on every call: two input nodes and a message node per call.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on, 2 new inputs per call")]
    [BenchmarkCategory("Inlinable")]
    public int TracedOnFreshInputs()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var fresh = _fresh;
        for (var i = 0; i < Calls; i++) joiner.Join(fresh[2 * i], fresh[(2 * i) + 1]);
        return scope.Graph.Count;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Direct (NoInlining)")]
    [BenchmarkCategory("NoInlining")]
    public string DirectNoInline()
    {
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.PlainJoinNoInline(a, b);
        return a;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing off (NoInlining)")]
    [BenchmarkCategory("NoInlining")]
    public string TracedOffNoInline()
    {
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.JoinNoInline(a, b);
        return a;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, tracing on (NoInlining)")]
    [BenchmarkCategory("NoInlining")]
    public int TracedOnNoInline()
    {
        using var scope = TraceScope.Begin();
        var joiner = _joiner;
        var a = _a;
        var b = _b;
        for (var i = 0; i < Calls; i++) a = joiner.JoinNoInline(a, b);
        return scope.Graph.Count;
    }
}
