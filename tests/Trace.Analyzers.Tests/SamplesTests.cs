using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Analyzers;
using Opto.Generators;

namespace Trace.Analyzers.Tests;

/// <summary>The analyzers report nothing on the bundled samples, compiled as their projects compile them.</summary>
public class SamplesTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers =
    [
        new TracedDeclarationAnalyzer(), new TrainableMemberAnalyzer(), new TrainableMethodAnalyzer(), new MethodGroupAnalyzer(), new ProjectSettingsAnalyzer(), new CallSiteAnalyzer(),
    ];

    [TestCase("QuickStart")]
    [TestCase("SalesAgent")]
    [TestCase("CodeOptimization")]
    [TestCase("Training")]
    public async Task The_analyzers_report_nothing_on_a_sample(string sample)
    {
        var diagnostics = await Analyze(SampleSources(sample));

        Assert.That(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("OPTO", StringComparison.Ordinal)), Is.Empty,
            "the sample must compile here, or the check would prove nothing");
        Assert.That(diagnostics.Where(d => d.Id.StartsWith("OPTO", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task The_same_check_reports_a_sample_with_a_mistake_in_it()
    {
        var sources = SampleSources("CodeOptimization")
            .Select(s => s.Replace("/// ", "// ", StringComparison.Ordinal)) // the trainable method loses its doc summary
            .ToList();

        var diagnostics = await Analyze(sources);

        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("OPTO007"));
    }

    private static List<string> SampleSources(string sample)
    {
        var repository = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Trace.sln"))) repository = repository.Parent ?? throw new InvalidOperationException("No Trace.sln above the tests.");
        var folder = Path.Combine(repository.FullName, "samples", sample);

        // A sample that links the samples' shared files (its project says so) compiles them too.
        var shared = File.ReadAllText(Path.Combine(folder, sample + ".csproj")).Contains(@"..\Shared\", StringComparison.Ordinal)
            ? Directory.EnumerateFiles(Path.Combine(repository.FullName, "samples", "Shared"), "*.cs")
            : [];
        return [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(shared)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)];
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(IEnumerable<string> sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")]);
        var trees = sources.Append(ImplicitUsings).Select(s => CSharpSyntaxTree.ParseText(s, parse)).ToList();
        var references = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Sample", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        // The generator supplies TrainableParameters() and the interceptors, as in the real build.
        CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return await generated.WithAnalyzers(s_analyzers).GetAllDiagnosticsAsync();
    }
}
