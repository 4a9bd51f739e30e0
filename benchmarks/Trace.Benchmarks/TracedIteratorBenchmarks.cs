using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A traced iterator whose body makes a traced call per element (a summary per document, yielded as it is read), read
/// whole by the caller: with tracing on, each step of the body runs as the iterator's call again, so what the summaries
/// read is added to its node. Against the same iterator with tracing off, and against an iterator that makes no traced
/// call (no step is run as a call).
/// </summary>
[MemoryDiagnoser]
public class TracedIteratorBenchmarks
{
    private readonly Streams _streams = new();
    private readonly string[] _docs = [.. Enumerable.Range(0, 10).Select(i => new string('d', i + 1))];

    [Benchmark(Baseline = true, Description = "foreach over Summaries(10 docs), each yield a traced Summarize, tracing off")]
    public int NestedTracingOff() => Read(_streams.Summaries(_docs));

    [Benchmark(Description = "foreach over Summaries(10 docs), each yield a traced Summarize, tracing on")]
    public int NestedTracingOn()
    {
        using var scope = TraceScope.Begin();
        return Read(_streams.Summaries(_docs));
    }

    [Benchmark(Description = "foreach over Labels(10 docs), no traced call in the body, tracing on")]
    public int PlainTracingOn()
    {
        using var scope = TraceScope.Begin();
        return Read(_streams.Labels(_docs));
    }

    private static int Read(IEnumerable<string> chunks)
    {
        var length = 0;
        foreach (var chunk in chunks) length += chunk.Length;
        return length;
    }
}

/// <summary>Traced iterators over documents.</summary>
public sealed class Streams
{
    /// <summary>How to summarize.</summary>
    [Trainable("How to summarize.")]
    public string Style { get; set; } = "S: ";

    /// <summary>Summarizes one document.</summary>
    [Traced]
    public string Summarize(string doc) => Style + doc;

    /// <summary>A summary per document, made as it is read.</summary>
    [Traced]
    public IEnumerable<string> Summaries(string[] docs)
    {
        foreach (var doc in docs) yield return Summarize(doc);
    }

    /// <summary>A label per document, made as it is read, by no traced call.</summary>
    [Traced]
    public IEnumerable<string> Labels(string[] docs)
    {
        foreach (var doc in docs) yield return Style + doc;
    }
}
