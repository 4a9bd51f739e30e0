using System.Diagnostics;

namespace Trace.Benchmarks;

/// <summary>Runs a recording five times after a full collection each, and prints time, collections per generation, GC pause and bytes per node.</summary>
public static class RecordingRounds
{
    /// <param name="label">What is recorded, printed first.</param>
    /// <param name="nodes">How many nodes one recording makes (the divisor of every figure).</param>
    /// <param name="record">Records once and returns what to print after the figures (or an empty string).</param>
    public static void Print(string label, int nodes, Func<string> record)
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
            var suffix = record();
            watch.Stop();
            Console.WriteLine(
                $"{label}: {watch.Elapsed.TotalNanoseconds / nodes:F0} ns/node, GC pause {(GC.GetTotalPauseDuration() - pause).TotalNanoseconds / nodes:F0} ns/node, " +
                $"gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}, " +
                $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)nodes:F0} B/node{suffix}");
        }
    }
}
