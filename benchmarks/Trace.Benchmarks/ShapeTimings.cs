using System.Diagnostics;

namespace Trace.Benchmarks;

/// <summary>
/// A quick look at backward and prompt time per graph shape, without BenchmarkDotNet (one warm-up, then the best of
/// three): `dotnet run -c Release -- --shapes [N ...]`. The figures to report come from <see cref="GraphShapeBenchmarks"/>.
/// </summary>
public static class ShapeTimings
{
    public static int Run(IReadOnlyList<string> sizes)
    {
        var ns = sizes.Count == 0 ? [1_000, 10_000, 100_000] : sizes.Select(int.Parse).ToArray();
        Console.WriteLine("| shape | N | backward ms | prompt ms | prompt chars | kept alive by the feedback |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var shape in Enum.GetValues<GraphShape>())
        {
            foreach (var n in ns)
            {
                var (output, parameters) = ShapedGraphs.Build(shape, n);
                var optimizer = new Opto.Optimizers.OptoPrime(parameters, new PromptGraphs.NoModel(), ShapedGraphs.Options(shape));
                double bestBackward = double.MaxValue, bestPrompt = double.MaxValue;
                var chars = 0;
                var kept = 0L;
                for (var run = 0; run < 4; run++)
                {
                    var before = GC.GetTotalMemory(forceFullCollection: true);
                    var watch = Stopwatch.StartNew();
                    output.Backward("The total is wrong.");
                    var backward = watch.Elapsed.TotalMilliseconds;
                    kept = GC.GetTotalMemory(forceFullCollection: true) - before;
                    watch.Restart();
                    chars = optimizer.BuildPrompt().User.Length;
                    var prompt = watch.Elapsed.TotalMilliseconds;
                    foreach (var parameter in parameters) parameter.ZeroFeedback();
                    if (run == 0) continue;
                    bestBackward = Math.Min(bestBackward, backward);
                    bestPrompt = Math.Min(bestPrompt, prompt);
                }

                Console.WriteLine($"| {shape} | {n:N0} | {bestBackward:F2} | {bestPrompt:F2} | {chars:N0} | {kept / 1024.0 / 1024.0:F1} MB |");
            }
        }

        return 0;
    }
}
