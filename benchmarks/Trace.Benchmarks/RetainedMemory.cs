using System.Globalization;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Memory a graph keeps alive per node (BenchmarkDotNet measures allocated bytes, not retained ones):
/// <see cref="GC.GetTotalMemory(bool)"/> after a full collection, before and after recording a chain of N traced calls
/// while the scope is kept alive, divided by the number of nodes.
/// </summary>
internal static class RetainedMemory
{
    private static readonly int[] s_defaultSizes = [1_000, 10_000, 100_000, 1_000_000];

    public static int Run(string[] args)
    {
        var sizes = args.Length == 0 ? s_defaultSizes : [.. args.Select(a => int.Parse(a.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))];
        var agent = new ChainAgent();
        var customer = new string('c', 8);

        // Warm up: JIT, the trainable registry, the operator catalog, name keys.
        for (var i = 0; i < 3; i++) Measure(agent, customer, 10_000, out _);

        // The value each Step returns (a new two-character string), which its node keeps alive.
        var seed = agent.Step(customer); // tracing off: no scope is open
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var value = agent.Step(seed);
        var valueBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(value);

        Console.WriteLine($"Retained memory of a recorded chain (.NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC})");
        Console.WriteLine($"Each step's result is a new string of {valueBytes} bytes, kept alive by its node.");
        Console.WriteLine();
        Console.WriteLine("| calls (N) | nodes | bytes kept | bytes kept per node | per node, without the value |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var retained = Measure(agent, customer, n, out var nodes);
            var perNode = (double)retained / nodes;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n:N0} | {nodes:N0} | {retained:N0} | {perNode:F1} | {perNode - valueBytes:F1} |"));
        }

        return 0;
    }

    private static long Measure(ChainAgent agent, string customer, int calls, out int nodes)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var scope = TraceScope.Begin();
        var last = agent.Chain(customer, calls);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        nodes = scope.Graph.Count;
        scope.Dispose();
        GC.KeepAlive(scope);
        GC.KeepAlive(last);
        return after - before;
    }
}
