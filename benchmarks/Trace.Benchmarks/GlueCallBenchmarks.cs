using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// <c>string.Join</c> over ten parts, which the generator intercepts as glue: through a delegate (not intercepted: the
/// combiner alone, plus a delegate call), intercepted with tracing off, and with tracing on over parts that are plain
/// strings (nothing to link) and over parts that are ten traced calls' results (the text waits as glue over them).
/// </summary>
[MemoryDiagnoser]
public class GlueCallBenchmarks
{
    private const int Parts = 10;
    private static readonly Func<string?, IEnumerable<string?>, string> s_join = string.Join;
    private readonly Joiner _joiner = new();
    private List<string> _plain = null!;

    [GlobalSetup]
    public void Setup() => _plain = [.. Enumerable.Range(0, Parts).Select(i => new string((char)('a' + i), 8))];

    [Benchmark(Baseline = true, Description = "Join, not intercepted (delegate)")]
    public string Direct() => s_join(", ", _plain);

    [Benchmark(Description = "Join, intercepted, tracing off")]
    public string TracingOff() => string.Join(", ", _plain);

    [Benchmark(Description = "a scope alone (begun and ended)")]
    public int ScopeOnly()
    {
        using var scope = TraceScope.Begin();
        return scope.Graph.Count;
    }

    [Benchmark(Description = "Join, intercepted, tracing on, parts linked to nothing")]
    public string TracingOnPlain()
    {
        using var scope = TraceScope.Begin();
        return string.Join(", ", _plain);
    }

    /// <summary>The ten traced calls are in the figure too: <see cref="TracingOnResultsCallsOnly"/> is them alone, to subtract.</summary>
    [Benchmark(Description = "Join, intercepted, tracing on, parts from 10 traced calls")]
    public string TracingOnResults()
    {
        using var scope = TraceScope.Begin();
        var parts = new List<string>(Parts);
        foreach (var plain in _plain) parts.Add(_joiner.Join(plain, "x"));
        return string.Join(", ", parts);
    }

    [Benchmark(Description = "the 10 traced calls alone, tracing on")]
    public int TracingOnResultsCallsOnly()
    {
        using var scope = TraceScope.Begin();
        var parts = new List<string>(Parts);
        foreach (var plain in _plain) parts.Add(_joiner.Join(plain, "x"));
        return parts.Count;
    }
}
