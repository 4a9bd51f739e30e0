using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A refine loop of three turns, each turn's prompt glue over the critique of the turn before (<c>Ask(q + feedback)</c>,
/// then <c>feedback = Critique(reply)</c>), in a traced method: with tracing on, each glued prompt finds the critique whose
/// own call ran last under this running call.
/// </summary>
[MemoryDiagnoser]
public class LoopCarriedBenchmarks
{
    private readonly Refiner _refiner = new();

    [Benchmark(Baseline = true, Description = "refine loop, 3 turns, tracing off")]
    public string TracingOff() => _refiner.Refine("q", 3);

    [Benchmark(Description = "refine loop, 3 turns, tracing on")]
    public string TracingOn()
    {
        using var scope = TraceScope.Begin();
        return _refiner.Refine("q", 3);
    }
}

/// <summary>Asks, critiques, and asks again with the critique.</summary>
public sealed class Refiner
{
    /// <summary>Answers.</summary>
    [Traced]
    public string Ask(string prompt) => "A: " + prompt.Length;

    /// <summary>Critiques an answer.</summary>
    [Traced]
    public string Critique(string reply) => " (fix " + reply + ")";

    /// <summary>Refines an answer over <paramref name="turns"/> turns.</summary>
    [Traced]
    public string Refine(string question, int turns)
    {
        var feedback = "";
        var reply = "";
        for (var i = 0; i < turns; i++)
        {
            reply = Ask(question + feedback);
            feedback = Critique(reply);
        }

        return reply;
    }
}
