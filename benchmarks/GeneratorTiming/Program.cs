using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Times the Trace generator in process on the synthetic project of ../AnalyzerTiming/generate.py, as a build runs it
// (every output, a fresh compilation and fresh metadata each run) and as the IDE runs it while the user types
// (implementation outputs off; then one file edited, a call added, per keystroke).
// Usage: dotnet run -c Release --project benchmarks/GeneratorTiming -- [--methods 5000] [--runs 10] [--generator path/to/Trace.Generators.dll]
// A real project instead of the synthetic one: --sources <file naming its .cs files, one per line> --references <file naming
// its reference assemblies> [--define A;B] (both lists are in the compiler's command line of the project's build).
// --sequential reads files one after the other (the compiler's /parallel-): steadier figures on a loaded machine.
// --emit compiles and emits the project with and without the generated code (what that code costs the compiler).
// --analyzers times each Trace analyzer on the compilation with the generated code (the compiler's own telemetry);
// --analyzer <Name> runs only that one.
// --binding-floor prints the time to bind every member body once next to the generator's and the emit's (sequential).
// --coverage lists the calls of traced methods that are neither intercepted nor reported by a diagnostic (exit code 1 if any),
// after the most common reasons OPTO013 gives for the calls left untraced.
var methods = Option("--methods", 5000);
var runs = Option("--runs", 10);
var generatorPath = args.SkipWhile(a => a != "--generator").Skip(1).FirstOrDefault();
var generator = generatorPath is null ? new Opto.Generators.TraceGenerator() : LoadGenerator();

var sourceList = Text("--sources");
var referenceList = Text("--references");
var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview).WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")])
    .WithPreprocessorSymbols((Text("--define") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries));
List<(string Path, string Text)> texts;
List<byte[]> images;
if (sourceList is not null && referenceList is not null)
{
    texts = File.ReadAllLines(sourceList).Where(l => l.Length > 0).Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
    images = File.ReadAllLines(referenceList).Where(l => l.Length > 0).Select(File.ReadAllBytes).ToList();
    Console.WriteLine($"{texts.Count} files, {images.Count} references");
}
else
{
    var sources = Path.Combine(Path.GetTempPath(), $"opto-generator-timing-{Environment.ProcessId}");
    var script = Path.Combine(AppContext.BaseDirectory, "generate.py");
    using (var python = Process.Start(new ProcessStartInfo("python3", [script, sources, methods.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!)
    {
        Console.WriteLine(python.StandardOutput.ReadToEnd().Trim());
        python.WaitForExit();
    }

    texts = Directory.GetFiles(sources, "*.cs").Select(f => (Path: f, Text: File.ReadAllText(f)))
        .Append((Path: "usings.cs", Text: "global using System; global using System.Linq; global using System.Collections.Generic; global using System.Threading.Tasks;")).ToList();
    images = Basic.Reference.Assemblies.Net100.ReferenceInfos.All.Select(r => r.ImageBytes).Append(File.ReadAllBytes(typeof(Opto.TraceScope).Assembly.Location)).ToList();
    Directory.Delete(sources, recursive: true);
}

var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
if (only is null or "build") Measure("build (all outputs)", IncrementalGeneratorOutputKind.None);
if (only is null or "design") Measure("design time (implementation outputs off)", IncrementalGeneratorOutputKind.Implementation);
if (only is null or "edits") MeasureEdits("design time, one file edited", IncrementalGeneratorOutputKind.Implementation);
if (args.Contains("--steps")) Steps();
if (args.Contains("--analyzers")) await AnalyzerTimes.ReportAsync(Compile, generator, parse, runs, Text("--analyzer"));
if (args.Contains("--emit")) EmitTimes.Report(Compile, generator, parse, runs);
if (args.Contains("--binding-floor")) BindingFloor.Report(Compile, generator, parse, runs);
if (args.Contains("--coverage") && await Coverage.ReportAsync(Compile(), generator, parse) > 0) Environment.ExitCode = 1;
if (args.SkipWhile(a => a != "--dump").Skip(1).FirstOrDefault() is { } dump) Dump(dump);

// Writes what one build generates, to compare two builds of the generator file by file.
void Dump(string directory)
{
    Directory.CreateDirectory(directory);
    foreach (var source in Driver(IncrementalGeneratorOutputKind.None).RunGenerators(Compile()).GetRunResult().Results.Single().GeneratedSources)
    {
        File.WriteAllText(Path.Combine(directory, source.HintName), source.SourceText.ToString());
    }
}

// Where a build's time goes: the compiler's own timing of each pipeline step (summed over its runs), a fresh compilation
// each run; the first run (the generator's code compiled by the JIT) is left out of the min and median.
void Steps()
{
    var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    var times = new Dictionary<string, List<double>>();
    for (var i = 0; i < Math.Max(2, runs); i++)
    {
        var result = driver.RunGenerators(Compile()).GetRunResult().Results.Single();
        if (i == 0) continue;
        foreach (var (name, steps) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
        {
            if (!times.TryGetValue(name, out var list)) times[name] = list = [];
            list.Add(steps.Sum(r => r.ElapsedTime.TotalMilliseconds));
        }
    }

    foreach (var (name, list) in times.OrderByDescending(t => t.Value.Sum()))
    {
        Console.WriteLine($"  {name,-60} min {list.Min(),6:F0} ms, median {Median(list),6} ms over {list.Count} runs");
    }
}

void Measure(string name, IncrementalGeneratorOutputKind disabled)
{
    var times = new List<double>();
    var jitted = new List<double>();
    var jitTimes = new List<double>();
    var allocated = new List<double>();
    var collections = new List<double>();
    var size = 0;
    for (var i = 0; i < runs; i++)
    {
        var compilation = Compile();
        var (methodsBefore, jitBefore) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var (bytesBefore, gen1Before) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(1));
        var watch = Stopwatch.StartNew();
        var result = Driver(disabled).RunGenerators(compilation).GetRunResult();
        times.Add(watch.Elapsed.TotalMilliseconds);
        jitted.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore);
        jitTimes.Add((System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds);
        allocated.Add((GC.GetTotalAllocatedBytes() - bytesBefore) / 1048576.0);
        collections.Add(GC.CollectionCount(1) - gen1Before);
        size = result.GeneratedTrees.Sum(t => t.Length);
    }

    Console.WriteLine($"{name}: first {times[0]:F0} ms, then min {times.Skip(1).Min():F0} ms, median {Median(times.Skip(1))} ms; {size:N0} characters generated");
    // The JIT's share: methods compiled during a run (the first run's is what a compiler process without the build server pays).
    Console.WriteLine($"  methods compiled by the JIT: first {jitted[0]:F0} ({jitTimes[0]:F0} ms), then median {Median(jitted.Skip(1))} ({Median(jitTimes.Skip(1))} ms)");
    Console.WriteLine($"  allocated: median {Median(allocated.Skip(1))} MB per run, {Median(collections.Skip(1))} gen1 collections (the compiler's binding included)");
}

void MeasureEdits(string name, IncrementalGeneratorOutputKind disabled)
{
    var compilation = Compile();
    var driver = Driver(disabled).RunGenerators(compilation);
    if (compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath.EndsWith("Agent0.cs", StringComparison.Ordinal)) is not { } file)
    {
        Console.WriteLine($"{name}: measured on the synthetic project only (its edit adds a call to a known method)");
        return;
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var text = file.GetText().ToString().Replace("        return Decide0(x)", $"        x = Step{i % 40}(x + \"{i}\");\n        return Decide0(x)", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(file, CSharpSyntaxTree.ParseText(text, parse, file.FilePath));
        var watch = Stopwatch.StartNew();
        driver = driver.RunGenerators(edited);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine($"{name}: min {times.Min():F0} ms, median {Median(times)} ms per edit");
}

// A real project's assembly name and key (--assembly-name, --key-file) let it see the internals of libraries that grant
// them to it by name and public key (InternalsVisibleTo); the key only gives the name its public key (public signing).
CSharpCompilation Compile() => CSharpCompilation.Create(
    Text("--assembly-name") ?? (sourceList is null ? "Synthetic" : Path.GetFileNameWithoutExtension(sourceList)),
    texts.Select(t => CSharpSyntaxTree.ParseText(t.Text, parse, t.Path)),
    images.Select(i => MetadataReference.CreateFromImage(i)),
    new CSharpCompilationOptions(sourceList is null ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: !args.Contains("--sequential"), cryptoKeyFile: Text("--key-file"), publicSign: Text("--key-file") is not null));

GeneratorDriver Driver(IncrementalGeneratorOutputKind disabled) =>
    CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: parse, driverOptions: new GeneratorDriverOptions(disabled));

IIncrementalGenerator LoadGenerator() =>
    (IIncrementalGenerator)Activator.CreateInstance(new AssemblyLoadContext("measured")
        .LoadFromAssemblyPath(Path.GetFullPath(generatorPath!)).GetType("Opto.Generators.TraceGenerator", throwOnError: true)!)!;

static string Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2].ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}

string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
