using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

/// <summary>
/// What the generated code costs the compiler after the generator: the project compiled and emitted with and without
/// the generated files (no analyzers, no generator), warm, minimum over the runs after the first.
/// </summary>
internal static class EmitTimes
{
    public static void Report(Func<CSharpCompilation> compile, IIncrementalGenerator generator, CSharpParseOptions parse, int runs)
    {
        var generated = TraceParts.WithGeneratedCode(compile(), generator, parse);
        var added = generated.SyntaxTrees.Skip(compile().SyntaxTrees.Count()).Select(t => (Text: t.ToString(), t.FilePath)).ToList();
        var plain = new List<double>();
        var withGenerated = new List<double>();
        for (var i = 0; i < Math.Max(2, runs); i++)
        {
            plain.Add(Emit(compile()));
            var source = compile();
            withGenerated.Add(Emit(source.AddSyntaxTrees(added.Select(file => CSharpSyntaxTree.ParseText(file.Text, parse, file.FilePath)))));
        }

        Console.WriteLine($"emit without the generated code: min {plain.Skip(1).Min():F0} ms; with it ({added.Sum(a => a.Text.Length):N0} characters): min {withGenerated.Skip(1).Min():F0} ms");
    }

    private static double Emit(Compilation compilation)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        return watch.Elapsed.TotalMilliseconds;
    }
}
