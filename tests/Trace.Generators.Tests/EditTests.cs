using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Generators;

namespace Trace.Generators.Tests;

/// <summary>
/// What the generator redoes after each kind of edit a user makes while typing, step by step: in the IDE (implementation
/// outputs off, as the IDE runs generators) and in a build. The edits are all made in one file; a second file is not touched.
/// </summary>
public class EditTests
{
    private const string Edited = """
        using Opto;

        namespace Shop;

        public class Agent
        {
            [Trainable("The greeting.")]
            public string Greeting { get; set; } = "Hello";

            /// <summary>Greets a customer.</summary>
            [Traced]
            public string Greet(string customer) => Greeting + " " + customer;

            /// <summary>Shouts.</summary>
            [Traced]
            public string Shout(string text) => text.ToUpperInvariant();

            public string Quiet(string text) => text.ToLowerInvariant();

            public string Run(string customer)
            {
                var greeting = Greet(customer);
                return Shout(greeting);
            }
        }
        """;

    private const string Untouched = """
        using Opto;

        namespace Shop;

        public class Clerk
        {
            [Trainable("The sign-off.")]
            public string SignOff { get; set; } = "Bye";

            /// <summary>Signs a letter.</summary>
            [Traced]
            public string Sign(string letter) => letter + SignOff;

            public string Close(string letter) => Sign(letter);
        }
        """;

    public enum Edit
    {
        /// <summary>A body of a method that is not traced and calls nothing traced.</summary>
        UntracedMethodBody,

        /// <summary>The argument of a traced call.</summary>
        TracedCallArgument,

        /// <summary>A new traced call.</summary>
        AddedTracedCall,

        /// <summary>[Traced] put on a method.</summary>
        AddedTracedAttribute,

        /// <summary>The doc comment of a traced method.</summary>
        DocComment,
    }

    private static string Apply(Edit edit) => edit switch
    {
        Edit.UntracedMethodBody => Edited.Replace("text.ToLowerInvariant()", "text.Trim().ToLowerInvariant()", StringComparison.Ordinal),
        Edit.TracedCallArgument => Edited.Replace("Greet(customer)", "Greet(customer.Trim())", StringComparison.Ordinal),
        Edit.AddedTracedCall => Edited.Replace("return Shout(greeting);", "return Shout(Shout(greeting));", StringComparison.Ordinal),
        Edit.AddedTracedAttribute => Edited.Replace("    public string Quiet", "    [Traced]\n    public string Quiet", StringComparison.Ordinal),
        Edit.DocComment => Edited.Replace("Greets a customer.", "Greets a customer by name.", StringComparison.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(edit)),
    };

    /// <summary>
    /// While the user types, the IDE runs only what user code can name: the interceptors and the registration, and the
    /// binding of every call and traced body behind them, are not run at all; the one output it keeps is not rewritten.
    /// </summary>
    [Test]
    public void In_the_IDE_no_edit_of_a_method_runs_call_or_body_analysis_or_rewrites_the_output([Values] Edit edit)
    {
        var (result, _) = RunAfter(edit, IncrementalGeneratorOutputKind.Implementation);

        Assert.That(result.TrackedSteps.Keys, Does.Not.Contain(TraceGenerator.Steps.CallSites).And.Not.Contain(TraceGenerator.Steps.TracedMethods));
        Assert.That(OutputReasons(result, "Opto.TrainableParameters.g.cs"), Is.All.EqualTo(IncrementalStepRunReason.Cached), "no new output");
        foreach (var step in new[] { TraceGenerator.Steps.TrainableMembers, TraceGenerator.Steps.HeldMembers })
        {
            Assert.That(Reasons(result, step), Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), step);
        }
    }

    /// <summary>
    /// In a build, the calls of the untouched file keep their models; an edited file's calls get new ones, because an
    /// interceptor's location carries a checksum of the file's text. The registration changes only when a traced method
    /// or its description does.
    /// </summary>
    [Test]
    public void In_a_build_an_edit_redoes_what_depends_on_it_and_nothing_of_the_untouched_file([Values] Edit edit)
    {
        var (result, before) = RunAfter(edit, IncrementalGeneratorOutputKind.None);

        // One output per file: the edited file's calls, then the untouched file's.
        var files = result.TrackedSteps[TraceGenerator.Steps.CallSites].SelectMany(s => s.Outputs).ToList();
        Assert.That(files, Has.Count.EqualTo(2));
        Assert.That(files[1].Reason, Is.EqualTo(IncrementalStepRunReason.Unchanged), "the untouched file's calls are read again and found equal");
        Assert.That(files[0].Reason, Is.EqualTo(IncrementalStepRunReason.Modified), "the edited file's calls have new locations");

        var registrationChanged = edit is Edit.AddedTracedAttribute or Edit.DocComment;
        Assert.That(OutputReasons(result, "Opto.Registration.g.cs"), Is.All.EqualTo(registrationChanged ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached));
        Assert.That(Reasons(result, TraceGenerator.Steps.TracedMethods), registrationChanged ? Does.Contain(IncrementalStepRunReason.Modified) : Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
        Assert.That(OutputReasons(result, "Opto.TrainableParameters.g.cs"), Is.All.EqualTo(IncrementalStepRunReason.Cached));

        var interceptors = Source(result, "Opto.Interceptors.g.cs");
        Assert.That(interceptors, Does.Contain("File1.cs(14,"), "the untouched file's call is still intercepted");
        var expectedCalls = edit == Edit.AddedTracedCall ? 4 : 3;
        Assert.That(interceptors.Split("InterceptsLocation(1,").Length - 1, Is.EqualTo(expectedCalls));
        if (edit == Edit.DocComment) Assert.That(Source(result, "Opto.Registration.g.cs"), Does.Contain("Greets a customer by name."));
        if (edit == Edit.AddedTracedAttribute) Assert.That(Source(result, "Opto.Registration.g.cs"), Does.Contain("Quiet").And.Not.EqualTo(before));
    }

    private static (GeneratorRunResult Result, string RegistrationBefore) RunAfter(Edit edit, IncrementalGeneratorOutputKind disabled)
    {
        var compilation = GeneratorHarness.Compile("Edits", null, Edited, Untouched);
        var driver = CSharpGeneratorDriver.Create(
            [new TraceGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(disabled, trackIncrementalGeneratorSteps: true)).RunGenerators(compilation);
        var registration = driver.GetRunResult().Results.Single().GeneratedSources.FirstOrDefault(s => s.HintName == "Opto.Registration.g.cs").SourceText?.ToString() ?? "";

        var file = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(file, CSharpSyntaxTree.ParseText(Apply(edit), GeneratorHarness.ParseOptions, path: file.FilePath));
        Assert.That(edited.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the edited code compiles");
        return (driver.RunGenerators(edited).GetRunResult().Results.Single(), registration);
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList() : [];

    private static List<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result, string hintName) =>
        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Where(o => HintNames(o.Value).Contains(hintName))
            .Select(o => o.Reason).ToList();

    // An output step's value is the pair (sources, diagnostics); a source's type is internal to Roslyn.
    private static IEnumerable<string?> HintNames(object value) =>
        ((System.Collections.IEnumerable)value.GetType().GetField("Item1")!.GetValue(value)!).Cast<object>()
            .Select(source => source.GetType().GetProperty("HintName")!.GetValue(source) as string);

    private static string Source(GeneratorRunResult result, string hintName) =>
        result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
