using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>What the measurements share: the compilation with the generator's output, and the Trace analyzers.</summary>
internal static class TraceParts
{
    public static Compilation WithGeneratedCode(Compilation compilation, IIncrementalGenerator generator, CSharpParseOptions parse)
    {
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: parse).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return generated;
    }

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        typeof(Opto.Analyzers.CallSiteAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();
}
