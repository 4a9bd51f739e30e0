using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Ten strings appended to a <c>StringBuilder</c>, then its <c>ToString()</c>, which the generator intercepts: through
/// open-instance delegates (not intercepted: the builder alone, plus eleven delegate calls), intercepted with tracing off,
/// and with tracing on over parts that are plain strings (nothing to link) and over parts that are ten traced calls'
/// results (the text waits as glue over them).
/// </summary>
[MemoryDiagnoser]
public class TextBuilderBenchmarks
{
    private const int Parts = 10;
    private static readonly Func<StringBuilder, string?, StringBuilder> s_append =
        typeof(StringBuilder).GetMethod(nameof(StringBuilder.Append), BindingFlags.Public | BindingFlags.Instance, [typeof(string)])!.CreateDelegate<Func<StringBuilder, string?, StringBuilder>>();
    private static readonly Func<StringBuilder, string> s_toString =
        typeof(StringBuilder).GetMethod(nameof(StringBuilder.ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!.CreateDelegate<Func<StringBuilder, string>>();
    private readonly Joiner _joiner = new();
    private readonly StringBuilder _builder = new(256);
    private List<string> _plain = null!;

    [GlobalSetup]
    public void Setup() => _plain = [.. Enumerable.Range(0, Parts).Select(i => new string((char)('a' + i), 8))];

    [Benchmark(Baseline = true, Description = "10 appends and ToString, not intercepted (delegates)")]
    public string Direct()
    {
        _builder.Clear();
        foreach (var part in _plain) s_append(_builder, part);
        return s_toString(_builder);
    }

    [Benchmark(Description = "10 appends and ToString, intercepted, tracing off")]
    public string TracingOff()
    {
        _builder.Clear();
        foreach (var part in _plain) _builder.Append(part);
        return _builder.ToString();
    }

    [Benchmark(Description = "intercepted, tracing on, parts linked to nothing")]
    public string TracingOnPlain()
    {
        using var scope = TraceScope.Begin();
        _builder.Clear();
        foreach (var part in _plain) _builder.Append(part);
        return _builder.ToString();
    }

    /// <summary>The ten traced calls are in the figure too: <see cref="TracingOnResultsCallsOnly"/> is them alone, to subtract.</summary>
    [Benchmark(Description = "intercepted, tracing on, parts from 10 traced calls")]
    public string TracingOnResults()
    {
        using var scope = TraceScope.Begin();
        _builder.Clear();
        foreach (var plain in _plain) _builder.Append(_joiner.Join(plain, "x"));
        return _builder.ToString();
    }

    /// <summary>As an agent builds each prompt: a new builder, whose parts are kept with it.</summary>
    [Benchmark(Description = "the same with a new builder each time")]
    public string TracingOnResultsNewBuilder()
    {
        using var scope = TraceScope.Begin();
        var builder = new StringBuilder(256);
        foreach (var plain in _plain) builder.Append(_joiner.Join(plain, "x"));
        return builder.ToString();
    }

    [Benchmark(Description = "the 10 traced calls alone, tracing on")]
    public int TracingOnResultsCallsOnly()
    {
        using var scope = TraceScope.Begin();
        var length = 0;
        foreach (var plain in _plain) length += _joiner.Join(plain, "x").Length;
        return length;
    }
}
