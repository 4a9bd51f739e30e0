using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Trace.Generators.Tests;

/// <summary>
/// The analyzers a build runs on a project beside the compiler: the SDK's .NET analyzers (platform compatibility, preview
/// features, ...) from the SDK that runs the tests, and the trimming, AOT and single-file analyzer a project gets with
/// <c>IsAotCompatible</c> (copied beside the tests from the Microsoft.NET.ILLink.Tasks package).
/// </summary>
internal static class SdkAnalyzers
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_all = new(Load);

    public static ImmutableArray<DiagnosticAnalyzer> All => s_all.Value;

    /// <summary>
    /// What MSBuild passes the analyzers for a project with <c>IsAotCompatible</c> (as the SDK writes them for a library on
    /// .NET 10). A new instance per compilation: the .NET analyzers cache what they read per options instance.
    /// </summary>
    public static AnalyzerOptions AotCompatibleProject() => new([], new OptionsProvider(new Dictionary<string, string>
    {
        ["build_property.EnableTrimAnalyzer"] = "true",
        ["build_property.EnableAotAnalyzer"] = "true",
        ["build_property.EnableSingleFileAnalyzer"] = "true",
        ["build_property.IsAotCompatible"] = "true",
        ["build_property.TargetFramework"] = "net10.0",
        ["build_property.TargetFrameworkIdentifier"] = ".NETCoreApp",
        ["build_property.TargetFrameworkVersion"] = "v10.0",
        ["build_property._SupportedPlatformList"] = "Linux,macOS,Windows",
    }));

    /// <summary>Compiler and analyzer diagnostics of warning severity or more, emit-time checks included.</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(Compilation compilation)
    {
        var withAnalyzers = compilation.WithAnalyzers(All, AotCompatibleProject());
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var emitted = compilation.Emit(Stream.Null).Diagnostics;
        return diagnostics.Concat(emitted).Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed).Distinct().ToList();
    }

    private static ImmutableArray<DiagnosticAnalyzer> Load()
    {
        var loader = new Loader();
        var paths = new List<string> { Path.Combine(AppContext.BaseDirectory, "analyzers", "ILLink.RoslynAnalyzer.dll") };
        paths.AddRange(NetAnalyzers());
        var analyzers = paths.SelectMany(path =>
        {
            Assert.That(File.Exists(path), Is.True, $"Missing analyzer {path}");
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => Assert.Fail($"{path}: {e.Message}");
            return reference.GetAnalyzers(LanguageNames.CSharp);
        }).ToImmutableArray();
        Assert.That(analyzers.Select(a => a.GetType().Name), Does.Contain("DynamicallyAccessedMembersAnalyzer").And.Contain("PlatformCompatibilityAnalyzer"));
        return analyzers;
    }

    // The SDK running the tests: <dotnet root>/sdk/<version>/Sdks/Microsoft.NET.Sdk/analyzers.
    private static IEnumerable<string> NetAnalyzers()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? Path.GetDirectoryName(host)!
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var folder = Directory.GetDirectories(Path.Combine(root, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
            .Where(Directory.Exists)
            .OrderByDescending(path => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)))!).Split('-')[0], out var v) ? v : new Version())
            .FirstOrDefault();
        Assert.That(folder, Is.Not.Null, $"No SDK analyzers under {root}");
        return [Path.Combine(folder!, "Microsoft.CodeAnalysis.NetAnalyzers.dll"), Path.Combine(folder!, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll")];
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
