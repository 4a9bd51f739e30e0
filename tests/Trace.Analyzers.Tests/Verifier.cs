using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Trace.Analyzers.Tests;

/// <summary>
/// Runs an analyzer (and a code fix) with the Microsoft.CodeAnalysis.Testing framework, offline: .NET 10 reference
/// assemblies from Basic.Reference.Assemblies and the Opto runtime and code package, interceptors enabled as the package's props do.
/// </summary>
internal static class Verifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, id is "OPTO011" or "OPTO018" or "OPTO019" ? DiagnosticSeverity.Error : id is "OPTO012" or "OPTO014" ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning);

    public static Task Analyze(string source, params DiagnosticResult[] expected) => Analyze(source, interceptorsEnabled: true, expected);

    public static async Task Analyze(string source, bool interceptorsEnabled, params DiagnosticResult[] expected)
    {
        var test = new Test<EmptyCodeFixProvider>(interceptorsEnabled) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Analyzes a project that references the core package only, without the code package (Opto.Trace.Code).</summary>
    /// <summary>Analyzes <paramref name="source"/> against .NET 8's reference assemblies (the package's runtime is built for
    /// a later one, which the compiler reports; only the analyzers' diagnostics are compared).</summary>
    public static async Task AnalyzeOnNet8(string source, params DiagnosticResult[] expected)
    {
        var test = new Test<EmptyCodeFixProvider>(interceptorsEnabled: true, net8: true) { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static async Task AnalyzeWithoutCodePackage(string source, params DiagnosticResult[] expected)
    {
        var test = new Test<EmptyCodeFixProvider>(interceptorsEnabled: true, codePackage: false) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    public static async Task Analyze(string[] sources, bool interceptorsEnabled, params DiagnosticResult[] expected)
    {
        var test = new Test<EmptyCodeFixProvider>(interceptorsEnabled);
        foreach (var source in sources) test.TestState.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Analyzes sources compiled as another C# version than the latest.</summary>
    public static Task AnalyzeAt(LanguageVersion version, string[] sources, params DiagnosticResult[] expected) =>
        AnalyzeAt(version, interceptorsEnabled: true, sources, expected);

    /// <summary>Analyzes sources compiled as another C# version than the latest, with or without interceptors enabled.</summary>
    public static async Task AnalyzeAt(LanguageVersion version, bool interceptorsEnabled, string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Test<EmptyCodeFixProvider>(interceptorsEnabled) { LanguageVersion = version };
        foreach (var source in sources) test.TestState.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Analyzes <paramref name="source"/> in a project that references a library compiled from <paramref name="librarySource"/>.</summary>
    public static Task AnalyzeWithLibrary(LanguageVersion version, string librarySource, string source, params DiagnosticResult[] expected) =>
        AnalyzeWithLibrary(version, librarySource, source, interceptorsEnabled: true, expected);

    /// <summary>As above, with or without interceptors enabled in the analyzed project.</summary>
    public static async Task AnalyzeWithLibrary(LanguageVersion version, string librarySource, string source, bool interceptorsEnabled, params DiagnosticResult[] expected)
    {
        var test = new Test<EmptyCodeFixProvider>(interceptorsEnabled) { LanguageVersion = version, TestCode = source };
        test.TestState.AdditionalReferences.Add(CompileLibrary(version, librarySource));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static MetadataReference CompileLibrary(LanguageVersion version, string source)
    {
        var compilation = CSharpCompilation.Create(
            "Library",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version))],
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Opto.TracedAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success) throw new InvalidOperationException("The library does not compile: " + string.Join("; ", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    public static async Task Fix<TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TFix : CodeFixProvider, new()
    {
        var test = new Test<TFix>(interceptorsEnabled: true) { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>As <see cref="Fix{TFix}"/>, with the diagnostics the fixed code still has.</summary>
    public static async Task Fix<TFix>(string source, string fixedSource, DiagnosticResult[] expected, DiagnosticResult[] remaining)
        where TFix : CodeFixProvider, new()
    {
        var test = new Test<TFix>(interceptorsEnabled: true) { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        await test.RunAsync();
    }

    private sealed class Test<TFix> : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        where TFix : CodeFixProvider, new()
    {
        private readonly bool _interceptorsEnabled;

        public Test(bool interceptorsEnabled, bool codePackage = true, bool net8 = false)
        {
            _interceptorsEnabled = interceptorsEnabled;
            ReferenceAssemblies = new ReferenceAssemblies(net8 ? "net8.0" : "net10.0");
            TestState.AdditionalReferences.AddRange(net8 ? Net80.References.All : Net100.References.All);
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Opto.TracedAttribute).Assembly.Location));
            // The chat types every project of the package has (Microsoft.Extensions.AI.Abstractions comes with it).
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.ChatResponse).Assembly.Location));
            if (codePackage) TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Opto.Code.CodeParameter).Assembly.Location));
        }

        public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;

        protected override ParseOptions CreateParseOptions()
        {
            var options = ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
            return _interceptorsEnabled ? options.WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")]) : options;
        }
    }
}
