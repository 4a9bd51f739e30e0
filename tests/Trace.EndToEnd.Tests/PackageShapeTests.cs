namespace Trace.EndToEnd.Tests;

/// <summary>
/// What each package brings into a project that adds it (see <see cref="PackageShapes"/>): a project that only traces
/// compiles against the runtime and the abstractions it depends on, and nothing of Roslyn, OpenAI or Azure; the code
/// package adds Roslyn, the provider package the SDKs; each app builds with warnings as errors and runs.
/// </summary>
public sealed partial class PackageEndToEndTests
{
    // Outside the framework, a project that only traces compiles against these and nothing else.
    private static readonly string[] s_traceOnlyReferences =
    [
        "Opto", "Microsoft.Extensions.AI.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions",
    ];

    private Dictionary<string, Lazy<ShapeBuild>> _shapes = [];

    private sealed record ShapeBuild(ProcessResult Build, string[] References, string[] PackageAnalyzers, string Root);

    [Test]
    public void A_project_that_only_traces_compiles_against_the_runtime_and_abstractions_only()
    {
        var shape = _shapes[PackageShapes.TraceOnly].Value;

        Assert.That(shape.References, Is.EquivalentTo(s_traceOnlyReferences), Listing(shape));
        Assert.That(shape.PackageAnalyzers.Where(a => !a.StartsWith("Microsoft.Extensions.Logging.Generators", StringComparison.Ordinal)),
            Is.EquivalentTo(new[] { "Trace.Generators", "Trace.Analyzers", "Trace.Analyzers.CodeFixes" }), Listing(shape));
        var run = RunShape(shape, PackageShapes.TraceOnly);
        Assert.That(run, Does.Contain("answer=Hey there! About cards.").And.Contain("reached=Desk.Greeting"));
    }

    [Test]
    public void The_code_package_adds_roslyn_and_swaps_method_code()
    {
        var shape = _shapes[PackageShapes.WithCode].Value;

        Assert.That(shape.References, Does.Contain("Opto.Code").And.Contain("Microsoft.CodeAnalysis.CSharp"), Listing(shape));
        Assert.That(shape.References.Where(IsProviderAssembly), Is.Empty, Listing(shape));
        Assert.That(shape.PackageAnalyzers.Where(a => a.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)), Is.Empty, "Roslyn's own analyzers do not leak in: " + Listing(shape));
        Assert.That(RunShape(shape, PackageShapes.WithCode), Does.Contain("before=14 after=21 replaced=True"));
    }

    [Test]
    public void The_provider_package_adds_the_sdks_and_builds_their_clients()
    {
        var shape = _shapes[PackageShapes.WithProvider].Value;

        Assert.That(shape.References, Does.Contain("Opto.Providers").And.Contain("OpenAI").And.Contain("Azure.AI.OpenAI"), Listing(shape));
        Assert.That(shape.References.Where(r => r.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || r == "Opto.Code"), Is.Empty, Listing(shape));
        Assert.That(RunShape(shape, PackageShapes.WithProvider), Does.Contain("provider=openai model=some-model").And.Contain("traced=hi"));
    }

    private static bool IsProviderAssembly(string name) =>
        name is "OpenAI" or "Azure.AI.OpenAI" or "Azure.Core" or "Microsoft.Extensions.AI.OpenAI" or "Opto.Providers";

    private static string Listing(ShapeBuild shape) =>
        $"References:\n  {string.Join("\n  ", shape.References)}\nPackage analyzers:\n  {string.Join("\n  ", shape.PackageAnalyzers)}\n{shape.Build.Describe()}";

    private ShapeBuild BuildShape(string name)
    {
        var root = Path.Combine(_workRoot, "shapes");
        if (!File.Exists(Path.Combine(root, "Directory.Build.targets"))) PackageShapes.Write(root, _feed, _version);
        var project = Path.Combine(root, name, $"{name}.csproj");
        var build = ProcessRunner.Dotnet(root, ["build", project, "--configuration", "Release", "-tl:off", "--disable-build-servers"], _consumerEnvironment);
        Assert.That(build.ExitCode, Is.Zero, build.Describe());

        var packages = Path.GetFullPath(_consumerEnvironment["NUGET_PACKAGES"]!);
        var lines = File.ReadAllLines(Path.Combine(root, name, PackageShapes.InputsFile)).Select(l => l.Split('|')).ToList();
        var references = lines.Where(l => l[0] == "reference" && l[2].Length == 0).Select(l => l[1]).Distinct().Order(StringComparer.Ordinal).ToArray();
        var analyzers = lines.Where(l => l[0] == "analyzer" && Path.GetFullPath(l[2]).StartsWith(packages, StringComparison.Ordinal)).Select(l => l[1]).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new ShapeBuild(build, references, analyzers, root);
    }

    private string RunShape(ShapeBuild shape, string name)
    {
        var run = ProcessRunner.Dotnet(shape.Root, ["run", "--project", Path.Combine(shape.Root, name, $"{name}.csproj"), "--configuration", "Release", "--no-build"], _consumerEnvironment);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        return run.StandardOutput;
    }
}
