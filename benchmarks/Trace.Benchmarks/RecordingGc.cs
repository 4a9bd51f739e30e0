using System.Diagnostics;
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
            for (var round = 0; round < 5; round++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var pause = GC.GetTotalPauseDuration();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                int count;
                using (var scope = TraceScope.Begin())
                {
                    agent.Chain(customer, n);
                    count = scope.Graph.Count;
                }

                watch.Stop();
                Console.WriteLine(
                    $"N={n}: {watch.Elapsed.TotalNanoseconds / n:F0} ns/node, GC pause {(GC.GetTotalPauseDuration() - pause).TotalNanoseconds / n:F0} ns/node, " +
                    $"gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}, " +
                    $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)n:F0} B/node ({count} nodes)");
            }
        }

        return 0;
    }
}
