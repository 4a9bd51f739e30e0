using Opto;

namespace Trace.Benchmarks;

/// <summary>Records a chain of N calls a few times and prints time, collections per generation and GC pause per node.</summary>
public static class RecordingGc
{
    public static int Run(string[] sizes)
    {
        var agent = new ChainAgent();
        var customer = new string('c', 8);
        foreach (var n in sizes.Length == 0 ? [1_000_000] : sizes.Select(int.Parse))
        {
            RecordingRounds.Print($"N={n}", n, () =>
            {
                using var scope = TraceScope.Begin();
                agent.Chain(customer, n);
                return $" ({scope.Graph.Count} nodes)";
            });
        }

        return 0;
    }
}
