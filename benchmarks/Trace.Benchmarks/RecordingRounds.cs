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
            var window = GcWindow.Start();
            var suffix = record();
            window.Stop();
            Console.WriteLine(
                $"{label}: {window.Elapsed.TotalNanoseconds / nodes:F0} ns/node, GC pause {window.Pause.TotalNanoseconds / nodes:F0} ns/node, " +
                $"{window.Collections}, {window.Allocated / (double)nodes:F0} B/node{suffix}");
        }
    }
}
