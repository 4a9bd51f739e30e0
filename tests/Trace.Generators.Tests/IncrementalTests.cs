using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Generators;

namespace Trace.Generators.Tests;

public class IncrementalTests
{
    private static readonly string[] s_steps = [TraceGenerator.Steps.CallSites, TraceGenerator.Steps.GlueCallSites, TraceGenerator.Steps.TracedMethods, TraceGenerator.Steps.TrainableMembers, TraceGenerator.Steps.HeldMembers];

    [Test]
    public void An_unrelated_edit_leaves_every_tracked_step_cached()
    {
        var compilation = GeneratorHarness.Compile("Shapes", null, Sources.Shapes, "namespace Other; public static class Helper { public static int One() => 1; }");
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace Other; public static class Helper { public static int One() => 1; public static int Two() => 2; }", GeneratorHarness.ParseOptions, path: compilation.SyntaxTrees.Last().FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in s_steps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.That(reasons, Is.Not.Empty, step);
            Assert.That(reasons, Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), step);
        }

        Assert.That(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Cached), "no source was regenerated");
    }

    [Test]
    public void Editing_a_traced_method_regenerates_only_what_depends_on_it()
    {
        var compilation = GeneratorHarness.Compile("Shapes", null, Sources.Shapes);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var changed = Sources.Shapes.Replace("/// <summary>Waits.</summary>", "/// <summary>Waits a while.</summary>", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, path: compilation.SyntaxTrees.Single().FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.That(result.TrackedSteps[TraceGenerator.Steps.TracedMethods].SelectMany(s => s.Outputs).Select(o => o.Reason), Does.Contain(IncrementalStepRunReason.Modified));
        Assert.That(result.GeneratedSources.Single(s => s.HintName == "Opto.Registration.g.cs").SourceText.ToString(), Does.Contain("\"Waits a while.\""));
    }

    /// <summary>
    /// The IDE runs generators without implementation outputs while the user types: interceptors and the registration are
    /// not produced then, and the work behind them (every call site, every traced method's body) is not done; the
    /// TrainableParameters() extensions the user's code calls are.
    /// </summary>
    [Test]
    public void At_design_time_only_what_user_code_names_is_generated()
    {
        const string user = "namespace Shop; public static class Listing { public static int Count() => new SalesAgent().TrainableParameters().Count; }";
        var compilation = GeneratorHarness.Compile("Shapes", null, Sources.Shapes, user);
        var designTime = CSharpGeneratorDriver.Create(
            [new TraceGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.Implementation, trackIncrementalGeneratorSteps: true));

        var driver = designTime.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();

        Assert.That(result.GeneratedSources.Select(s => s.HintName), Is.EquivalentTo(new[] { "Opto.TrainableParameters.g.cs" }));
        Assert.That(result.TrackedSteps.Keys, Does.Not.Contain(TraceGenerator.Steps.CallSites).And.Not.Contain(TraceGenerator.Steps.TracedMethods).And.Not.Contain(TraceGenerator.Steps.GlueCallSites));
        Assert.That(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the user's code compiles at design time");

        var build = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.That(build.GeneratedSources.Select(s => s.HintName), Is.EquivalentTo(new[] { "Opto.Interceptors.g.cs", "Opto.GlueCalls.g.cs", "Opto.Registration.g.cs", "Opto.TrainableParameters.g.cs" }));
    }

    /// <summary>Files and traced methods are read in parallel unless the build is sequential: the output is the same.</summary>
    [Test]
    public void A_sequential_build_generates_exactly_what_a_concurrent_one_does()
    {
        var sources = new[] { Sources.Shapes, Sources.Composed, "namespace Other; public static class Helper { public static int One() => 1; }" };
        var concurrent = GeneratorHarness.Compile("Both", null, sources);
        var sequential = concurrent.WithOptions(concurrent.Options.WithConcurrentBuild(false));

        var first = GeneratorHarness.Driver().RunGenerators(concurrent).GetRunResult().Results.Single().GeneratedSources;
        var second = GeneratorHarness.Driver().RunGenerators(sequential).GetRunResult().Results.Single().GeneratedSources;

        Assert.That(first.Select(s => s.HintName), Is.EquivalentTo(new[] { "Opto.Interceptors.g.cs", "Opto.GlueCalls.g.cs", "Opto.Registration.g.cs", "Opto.TrainableParameters.g.cs" }));
        Assert.That(second.Select(s => (s.HintName, s.SourceText.ToString())), Is.EqualTo(first.Select(s => (s.HintName, s.SourceText.ToString()))));
    }

    [Test]
    public void Cached_pipeline_models_hold_no_roslyn_objects()
    {
        var compilation = GeneratorHarness.Compile("Shapes", null, Sources.Shapes);
        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in s_steps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertPlainData(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    /// <summary>
    /// A compiler process (every build without the compiler server) compiles with the JIT each of the compiler's generic
    /// pipeline types instantiated over a struct of the generator's assembly (a step's value, a tuple or array holding one),
    /// on every build; over classes it runs the code shared by every reference type. Every value a step produces or an
    /// output reads is checked, through tuples and arrays.
    /// </summary>
    [Test]
    public void Pipeline_values_are_never_structs_of_the_generator()
    {
        var compilation = GeneratorHarness.Compile("Shapes", null, Sources.Shapes);
        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        var steps = result.TrackedSteps.Concat(result.TrackedOutputSteps).SelectMany(s => s.Value).ToList();
        Assert.That(steps.Select(s => s.Name), Is.SupersetOf(s_steps), "the named steps ran");

        var types = steps.SelectMany(s => s.Outputs.Select(o => o.Value).Concat(s.Inputs.SelectMany(i => i.Source.Outputs.Select(o => o.Value))))
            .Where(v => v is not null).Select(v => v!.GetType()).Distinct().ToList();
        Assert.That(types.Any(t => t.Assembly == typeof(TraceGenerator).Assembly), "the generator's own models were seen");
        foreach (var type in types) Assert.That(StructsOfTheGenerator(type), Is.Empty, $"a pipeline value of type {type}");
    }

    private static IEnumerable<Type> StructsOfTheGenerator(Type type)
    {
        if (type.IsValueType && type.Assembly == typeof(TraceGenerator).Assembly) yield return type;
        var arguments = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        foreach (var inner in arguments.SelectMany(StructsOfTheGenerator)) yield return inner;
    }

    private static void AssertPlainData(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        var type = value.GetType();
        Assert.That(type.Assembly, Is.Not.EqualTo(typeof(Compilation).Assembly).And.Not.EqualTo(typeof(CSharpCompilation).Assembly), $"{path} holds a {type}");

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items) AssertPlainData(item, $"{path}[{index++}]", seen);
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPlainData(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
