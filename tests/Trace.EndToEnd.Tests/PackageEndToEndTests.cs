using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Trace.EndToEnd.Tests;

/// <summary>
/// Packs Trace.Runtime into a local feed, checks the package's layout, then builds and runs a consumer solution
/// (outside the repository) that only references the package, and checks the execution graph it prints.
/// </summary>
/// <remarks>
/// One pack and one consumer build per run. The pack builds the runtime, generator and analyzers from source into a
/// temporary artifacts folder (never the repository's bin/obj, which other builds may be using), under a version no
/// cache can hold; the consumer restores into its own temporary packages folder.
/// Set OPTO_E2E_KEEP=1 to keep the temporary folder after a successful run (it is always kept after a failure).
/// </remarks>
[TestFixture]
[NonParallelizable]
public sealed partial class PackageEndToEndTests
{
    private const string PackageId = "Opto.Trace";

    private const string TooNewRoslyn =
        "CS9057: the packed generator or analyzers reference a newer Roslyn than the SDK's compiler, so they silently do not run " +
        "(build them against Microsoft.CodeAnalysis.CSharp 4.14.0, see DESIGN.md).\n";

    private static readonly string[] s_requiredEntries =
    [
        "lib/net10.0/Opto.dll",
        "analyzers/dotnet/cs/Trace.Generators.dll",
        "analyzers/dotnet/cs/Trace.Analyzers.dll",
        "analyzers/dotnet/cs/Trace.Analyzers.CodeFixes.dll",
        "build/Opto.Trace.props",
        "buildTransitive/Opto.Trace.props",
    ];

    private readonly ConcurrentDictionary<string, Lazy<ProcessResult>> _runs = new(StringComparer.Ordinal);
    private string _repositoryRoot = "";
    private string _workRoot = "";
    private string _feed = "";
    private string _consumerRoot = "";
    private string _version = "";
    private string _packagePath = "";
    private Dictionary<string, string?> _consumerEnvironment = [];
    private Lazy<ProcessResult> _consumerBuild = new(() => throw new InvalidOperationException("The fixture was not set up."));
    private string _contextsRoot = "";
    private Lazy<ProcessResult> _contextsBuild = new(() => throw new InvalidOperationException("The fixture was not set up."));

    private static IEnumerable<string> AppNames => ConsumerSolution.Apps.Keys;

    [OneTimeSetUp]
    public void PackTheLibrary()
    {
        _repositoryRoot = FindRepositoryRoot();
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        _workRoot = Path.Combine(Path.GetTempPath(), $"opto-trace-e2e-{stamp}-{Environment.ProcessId}");
        _feed = Path.Combine(_workRoot, "feed");
        _consumerRoot = Path.Combine(_workRoot, "consumer");
        _contextsRoot = Path.Combine(_workRoot, "contexts");
        // Against stale packages: a prerelease version used once (no cache or remote feed can hold another Opto.Trace
        // of that version), restored by the consumer into a packages folder of its own (the user's cache stays clean).
        _version = $"0.1.0-e2e-{stamp}-{Environment.ProcessId}";
        _consumerEnvironment = new() { ["NUGET_PACKAGES"] = Path.Combine(_workRoot, "packages") };
        Directory.CreateDirectory(_feed);
        Directory.CreateDirectory(_consumerRoot);
        AssertConsumerIsIsolatedFromTheRepository();

        var pack = ProcessRunner.DotnetSucceeds(_repositoryRoot,
        [
            // Every package of the product: the core, the code package, the providers and the testing model.
            "pack", Path.Combine(_repositoryRoot, "Trace.sln"),
            "--configuration", "Release",
            "--output", _feed,
            "--artifacts-path", Path.Combine(_workRoot, "pack-artifacts"),
            $"-p:Version={_version}",
            "-tl:off",
            "--disable-build-servers",
        ]);
        TestContext.Progress.WriteLine($"Packed {PackageId} {_version} in {pack.Elapsed.TotalSeconds:F1} s into {_feed}");

        _packagePath = Path.Combine(_feed, $"{PackageId}.{_version}.nupkg");
        Assert.That(File.Exists(_packagePath), Is.True, $"The package {_packagePath} was not produced.\n{pack.Describe()}");
        _consumerBuild = new Lazy<ProcessResult>(BuildConsumer);
        _shapes = PackageShapes.Names.ToDictionary(name => name, name => new Lazy<ShapeBuild>(() => BuildShape(name)));
        _contextsBuild = new Lazy<ProcessResult>(BuildContexts);
    }

    [OneTimeTearDown]
    public void DeleteTemporaryFiles()
    {
        if (_workRoot.Length == 0 || !Directory.Exists(_workRoot)) return;
        if (TestContext.CurrentContext.Result.FailCount > 0 || Environment.GetEnvironmentVariable("OPTO_E2E_KEEP") == "1")
        {
            TestContext.Progress.WriteLine($"Kept the end-to-end files in {_workRoot}");
            return;
        }

        try
        {
            Directory.Delete(_workRoot, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Progress.WriteLine($"Could not delete {_workRoot}: {e.Message}");
        }
    }

    [Test]
    public void Package_carries_the_runtime_the_generator_the_analyzers_and_the_props()
    {
        using var package = ZipFile.OpenRead(_packagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        var listing = "Package entries:\n  " + string.Join("\n  ", entries);

        using (Assert.EnterMultipleScope())
        {
            foreach (var required in s_requiredEntries)
            {
                Assert.That(entries, Does.Contain(required), listing);
            }

            // The compiler provides Roslyn itself; a copy in the package would be loaded beside it.
            Assert.That(entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal) && Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
                Is.Empty, listing);
            // The generator and analyzers belong in analyzers/ only, never in lib/ (the consumer would reference them).
            Assert.That(entries.Where(e => !e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && (e.EndsWith("/Trace.Generators.dll", StringComparison.Ordinal) || e.EndsWith("/Trace.Analyzers.dll", StringComparison.Ordinal) || e.EndsWith("/Trace.Analyzers.CodeFixes.dll", StringComparison.Ordinal))),
                Is.Empty, listing);
        }
    }

    [Test]
    public void Package_does_not_depend_on_the_generator_or_analyzer_projects()
    {
        var nuspec = ReadPackageXml($"{PackageId}.nuspec");
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id") ?? "").ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(metadata.Elements().Single(e => e.Name.LocalName == "id").Value, Is.EqualTo(PackageId));
            Assert.That(metadata.Elements().Single(e => e.Name.LocalName == "version").Value, Is.EqualTo(_version));
            Assert.That(dependencies.Where(d => d.StartsWith("Trace.", StringComparison.OrdinalIgnoreCase)), Is.Empty, nuspec.ToString());
        }
    }

    [Test]
    public void Package_props_add_the_interceptors_namespace_without_dropping_others()
    {
        var build = ReadPackageXml("build/Opto.Trace.props");
        var namespaces = build.Descendants().Where(e => e.Name.LocalName == "InterceptorsNamespaces").Select(e => e.Value).ToList();
        Assert.That(namespaces, Has.Count.EqualTo(1), build.ToString());
        Assert.That(namespaces[0].Split(';', StringSplitOptions.TrimEntries), Does.Contain("$(InterceptorsNamespaces)").And.Contain("Opto.Generated"), build.ToString());

        // buildTransitive either says the same or imports build/.
        var transitive = ReadPackageXml("buildTransitive/Opto.Trace.props");
        var imports = transitive.Descendants().Where(e => e.Name.LocalName == "Import").Select(e => ((string?)e.Attribute("Project") ?? "").Replace('\\', '/')).ToList();
        var transitiveNamespaces = transitive.Descendants().Where(e => e.Name.LocalName == "InterceptorsNamespaces").Select(e => e.Value).ToList();
        Assert.That(imports.Contains("../build/Opto.Trace.props") || transitiveNamespaces.SequenceEqual(namespaces), Is.True, transitive.ToString());
    }

    [Test]
    public void Consumer_solution_builds_without_warnings()
    {
        var build = _consumerBuild.Value;
        var output = build.StandardOutput + build.StandardError;
        Assert.That(output, Does.Not.Contain("CS9057"), TooNewRoslyn + build.Describe());
        var warnings = WarningLine().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        var listing = $"Warnings:\n  {string.Join("\n  ", warnings)}\n{build.Describe()}";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(build.ExitCode, Is.Zero, build.Describe());
            Assert.That(warnings.Where(w => w.Contains("intercept", StringComparison.OrdinalIgnoreCase)), Is.Empty, listing);
            // CS8784/CS8785: the generator threw. Only restore's network warnings are outside the package's control.
            Assert.That(warnings.Where(w => !NetworkWarning().IsMatch(w)), Is.Empty, listing);
        }
    }

    /// <summary>
    /// Traced calls in contexts the interceptors must follow (see <see cref="ContextsSolution"/>): the build, with
    /// TreatWarningsAsErrors and the trimming, AOT and single-file analyzers, has no warning.
    /// </summary>
    [Test]
    public void Traced_calls_in_annotated_guarded_and_suppressed_contexts_build_without_warnings()
    {
        var build = _contextsBuild.Value;
        var output = build.StandardOutput + build.StandardError;
        var diagnostics = DiagnosticLine().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        var listing = $"Warnings and errors:\n  {string.Join("\n  ", diagnostics)}\n{build.Describe()}";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(build.ExitCode, Is.Zero, listing);
            Assert.That(diagnostics.Where(w => !NetworkWarning().IsMatch(w)), Is.Empty, listing);
        }
    }

    [Test]
    public void Traced_calls_in_annotated_guarded_and_suppressed_contexts_are_recorded()
    {
        var output = RunContexts("Contexts");
        var guarded = OperatingSystem.IsWindows() ? "wbw" : "b";

        using (Assert.EnterMultipleScope())
        {
            // The conditional Log call is kept where VERBOSE is defined, and the interceptor's own call of it too.
            Assert.That(output.Result, Is.EqualTo($"rmlp,s,111,{guarded},8,o,t logged"), output.Text);
            Assert.That(output.Nodes, Is.SupersetOf(new[]
            {
                "reflect0", "makeList0", "locate0", "load0", "reflect1", "countMethods0", "countMethods1", "pick0",
                "outsideBrowsers0", "shift0", "legacy0", "trial0", "log0",
            }), output.Text);
        }
    }

    [Test]
    public void Traced_calls_under_the_updated_memory_safety_rules_build_and_are_recorded()
    {
        var output = RunContexts("SafetyRules");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.Result, Is.EqualTo("rh"), output.Text);
            Assert.That(output.Nodes, Is.SupersetOf(new[] { "raw0", "hidden0" }), output.Text);
        }
    }

    [TestCaseSource(nameof(AppNames))]
    public void App_records_library_calls_and_its_own_calls_in_one_graph(string app)
    {
        var output = Run(app);
        var nodes = output.Nodes;
        var message = $"Output of {app}:\n{output.Text}";

        Assert.That(nodes.Keys, Is.EquivalentTo(new[] { "question0", "answer0", "shout0", "text0", "normalize0", "answer1" }), message);
        using (Assert.EnterMultipleScope())
        {
            // The library's method, intercepted at the app's call site: its argument and the trainable property it reads.
            Assert.That(nodes["question0"].Parents, Is.Empty, message);
            Assert.That(nodes["answer0"].Parents, Is.EquivalentTo(new[] { "question0", "Oracle.Prompt" }), message);
            Assert.That(nodes["answer0"].Description, Is.EqualTo(ConsumerSolution.AnswerSummary), "The operator description is the library method's doc summary.\n" + message);

            // The cross-project edge: the app's own traced method was fed the library's result.
            Assert.That(nodes["shout0"].Parents, Is.EquivalentTo(new[] { "answer0", "Formatter.Suffix" }), message);
            Assert.That(nodes["shout0"].Description, Is.EqualTo(ConsumerSolution.ShoutSummary), message);

            // Calls made inside the library (intercepted when the library was compiled) land in the app's scope too.
            Assert.That(nodes["text0"].Parents, Is.Empty, message);
            Assert.That(nodes["normalize0"].Parents, Is.EquivalentTo(new[] { "text0" }), message);
            Assert.That(nodes["normalize0"].Description, Is.EqualTo(ConsumerSolution.NormalizeSummary), message);
            Assert.That(nodes["answer1"].Parents, Is.EquivalentTo(new[] { "normalize0", "Oracle.Prompt" }), message);
        }
    }

    [TestCaseSource(nameof(AppNames))]
    public void App_backward_reaches_the_trainable_parameters_of_both_projects(string app)
    {
        var output = Run(app);
        var message = $"Output of {app}:\n{output.Text}";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.BackwardOutput, Is.EqualTo("shout0"), message);
            Assert.That(output.ReachedParameters, Is.EquivalentTo(new[] { "Oracle.Prompt", "Formatter.Suffix" }), message);
            Assert.That(output.Feedback.GetValueOrDefault("Oracle.Prompt"), Is.EqualTo("Too loud."), message);
            Assert.That(output.Feedback.GetValueOrDefault("Formatter.Suffix"), Is.EqualTo("Too loud."), message);
        }
    }

    [TestCaseSource(nameof(AppNames))]
    public void App_lists_saves_and_loads_the_trainable_parameters(string app)
    {
        var output = Run(app);
        var message = $"Output of {app}:\n{output.Text}";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output.Parameters, Is.EquivalentTo(new[]
            {
                ("Oracle.Prompt", "The answer is", "How the oracle introduces every answer."),
                ("Formatter.Suffix", "!", "What ends every shouted text."),
            }), message);
            Assert.That(output.Restored, Is.EqualTo("The answer is"), message);
            Assert.That(output.Done, Is.True, message);
        }
    }

    [TestCaseSource(nameof(AppNames))]
    public void App_mock_setups_and_query_providers_see_the_traced_methods_themselves(string app)
    {
        var output = Run(app);
        var lines = output.Text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var message = $"Output of {app}:\n{output.Text}";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Does.Contain("MOCK mocked draft"), "a Moq setup on a traced virtual method works\n" + message);
            var query = lines.SingleOrDefault(l => l.StartsWith("QUERY ", StringComparison.Ordinal));
            Assert.That(query, Does.StartWith("QUERY 2,3 | "), message);
            Assert.That(query, Does.Contain("Twice(n)").And.Not.Contain("Twice_"), "the query's tree names Oracle.Twice, not an interceptor\n" + message);
        }
    }

    private ProcessResult BuildConsumer()
    {
        ConsumerSolution.Write(_consumerRoot, _feed, _version);

        // Outside the repository nothing pins the SDK: the consumer must still get a .NET 10 SDK.
        var sdk = ProcessRunner.DotnetSucceeds(_consumerRoot, ["--version"], _consumerEnvironment);
        Assert.That(sdk.StandardOutput.Trim(), Does.StartWith("10."), sdk.Describe());

        // Not DotnetSucceeds: a failed build is reported by each test, with the reason first when it is a known one.
        var build = ProcessRunner.Dotnet(_consumerRoot, ["build", ConsumerSolution.SolutionFile, "-tl:off", "--disable-build-servers"], _consumerEnvironment);
        TestContext.Progress.WriteLine($"Built the consumer solution (SDK {sdk.StandardOutput.Trim()}, exit code {build.ExitCode}) in {build.Elapsed.TotalSeconds:F1} s");
        return build;
    }

    private ProcessResult BuildContexts()
    {
        ContextsSolution.Write(_contextsRoot, _feed, _version);
        var build = ProcessRunner.Dotnet(_contextsRoot, ["build", ContextsSolution.SolutionFile, "-tl:off", "--disable-build-servers"], _consumerEnvironment);
        TestContext.Progress.WriteLine($"Built the contexts solution (exit code {build.ExitCode}) in {build.Elapsed.TotalSeconds:F1} s");
        return build;
    }

    private (string Text, string? Result, IReadOnlyList<string> Nodes) RunContexts(string app)
    {
        var build = _contextsBuild.Value;
        Assert.That(build.ExitCode, Is.Zero, $"The contexts solution did not build.\n{build.Describe()}");
        var run = _runs.GetOrAdd("contexts:" + app, _ => new Lazy<ProcessResult>(() => ProcessRunner.DotnetSucceeds(
            _contextsRoot, ["run", "--no-build", "--project", ContextsSolution.Apps[app]], _consumerEnvironment))).Value;
        Assert.That(run.StandardError, Is.Empty, run.Describe());
        var lines = run.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var result = lines.FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?["RESULT ".Length..];
        var nodes = lines.Where(l => l.StartsWith("NODE ", StringComparison.Ordinal)).Select(l => l["NODE ".Length..]).ToList();
        return (run.StandardOutput, result, nodes);
    }

    private AppOutput Run(string app)
    {
        var build = _consumerBuild.Value;
        if (build.ExitCode != 0)
        {
            var hint = (build.StandardOutput + build.StandardError).Contains("CS9057", StringComparison.Ordinal) ? TooNewRoslyn : "";
            Assert.Fail($"The consumer solution did not build. {hint}\n{build.Describe()}");
        }

        var run = _runs.GetOrAdd(app, name => new Lazy<ProcessResult>(() => ProcessRunner.DotnetSucceeds(
            _consumerRoot, ["run", "--no-build", "--project", ConsumerSolution.Apps[name]], _consumerEnvironment))).Value;
        Assert.That(run.StandardError, Is.Empty, run.Describe());
        return AppOutput.Parse(run.StandardOutput);
    }

    private XDocument ReadPackageXml(string entryName)
    {
        using var package = ZipFile.OpenRead(_packagePath);
        var entry = package.GetEntry(entryName);
        Assert.That(entry, Is.Not.Null, $"The package has no {entryName}.");
        using var stream = entry!.Open();
        return XDocument.Load(stream);
    }

    private void AssertConsumerIsIsolatedFromTheRepository()
    {
        var root = Path.TrimEndingDirectorySeparator(_repositoryRoot) + Path.DirectorySeparatorChar;
        Assert.That(_consumerRoot.StartsWith(root, StringComparison.Ordinal), Is.False,
            $"The consumer ({_consumerRoot}) must live outside the repository ({_repositoryRoot}), or it inherits its Directory.*.props.");

        // Directory.Build.* and Directory.Packages.props are found by walking up: none may sit above the consumer.
        string[] inherited = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];
        for (var directory = new DirectoryInfo(_consumerRoot).Parent; directory is not null; directory = directory.Parent)
        {
            var found = inherited.Select(name => Path.Combine(directory.FullName, name)).Where(File.Exists).ToList();
            Assert.That(found, Is.Empty, "The consumer would inherit these files; point TMPDIR elsewhere.");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Trace.sln"))) return directory.FullName;
        }

        Assert.Fail($"No Trace.sln above {TestContext.CurrentContext.TestDirectory}.");
        throw new UnreachableException();
    }

    /// <summary>A warning line of MSBuild's console logger: <c>file(1,2): warning CS1234: text [project]</c>.</summary>
    [GeneratedRegex(@"^.*\bwarning\s+[A-Za-z]+\d+\s*:.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();

    /// <summary>A warning or error line of MSBuild's console logger.</summary>
    [GeneratedRegex(@"^.*\b(warning|error)\s+[A-Za-z]+\d+\s*:.*$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    /// <summary>Restore warnings about unreachable sources or vulnerability data, which depend on the network only.</summary>
    [GeneratedRegex(@"\bwarning\s+NU(1801|19\d\d)\b")]
    private static partial Regex NetworkWarning();
}
