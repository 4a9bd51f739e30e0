using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// The Trace analyzers' execution time per analyzer, as the compiler's own telemetry measures it (the figures ReportAnalyzer
/// prints), on the compilation with the generator's output: the first run, then the minimum of the later ones. `only` names
/// one analyzer to run alone (for a profiler).
/// </summary>
internal static class AnalyzerTimes
{
    public static async Task ReportAsync(Func<CSharpCompilation> compile, IIncrementalGenerator generator, CSharpParseOptions parse, int runs, string? only = null)
    {
        var analyzers = TraceParts.Analyzers().Where(a => only is null || a.GetType().Name == only).ToImmutableArray();
        if (analyzers.IsEmpty) throw new ArgumentException($"No Trace analyzer is named '{only}'.");
        var times = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());
        for (var i = 0; i < Math.Max(2, runs); i++)
        {
            var withAnalyzers = TraceParts.WithGeneratedCode(compile(), generator, parse).WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            foreach (var analyzer in analyzers)
            {
                times[analyzer.GetType().Name].Add((await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds);
            }
        }

        Console.WriteLine($"analyzers (sequential): first {times.Values.Sum(t => t[0]):F0} ms, then min {times.Values.Sum(t => t.Skip(1).Min()):F0} ms");
        foreach (var (name, list) in times.OrderByDescending(t => t.Value.Skip(1).Min()))
        {
            Console.WriteLine($"  {name,-40} first {list[0],6:F1} ms, then min {list.Skip(1).Min(),6:F1} ms");
        }
    }
}
