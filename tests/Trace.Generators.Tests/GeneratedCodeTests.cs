using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Generators.Tests;

public class GeneratedCodeTests
{
    [Test]
    public void Interceptors_match_the_snapshot()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Shapes", null, Sources.Shapes));

        generated.AssertClean();
        Snapshot.Match("Shapes.Interceptors", generated.Sources["Opto.Interceptors.g.cs"]);
        Snapshot.Match("Shapes.GlueCalls", generated.Sources["Opto.GlueCalls.g.cs"]);
    }

    [Test]
    public void Registration_and_extensions_match_the_snapshot()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Shapes", null, Sources.Shapes));

        Snapshot.Match("Shapes.Registration", generated.Sources["Opto.Registration.g.cs"]);
        Snapshot.Match("Shapes.TrainableParameters", generated.Sources["Opto.TrainableParameters.g.cs"]);
    }

    /// <summary>
    /// Every generated type says it is generated (for coverage and analysis tools) and not the user's code (with Just My
    /// Code, stepping into a traced call lands in the user's method, and the interceptor's frames are hidden), with a version
    /// that carries no build metadata, so generated code does not change from one commit to the next.
    /// </summary>
    [Test]
    public void Generated_types_are_marked_as_generated_and_not_user_code()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Shapes", null, Sources.Shapes));
        var generatedTrees = generated.Compilation.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
        var types = generatedTrees.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>()
            .Select(declaration => generated.Compilation.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!)).ToList();
        var version = Opto.Generators.Emitting.Literals.GeneratorVersion;

        Assert.That(generatedTrees, Has.Count.EqualTo(4));
        Assert.That(types.Select(t => t.Name), Is.SupersetOf(new[] { "__TracedOperators", "TracedCallInterceptors1", "GlueCallInterceptors0", "InterceptsLocationAttribute", "TraceRegistration", "SalesAgentTrainables" }));
        Assert.That(version, Does.Not.Contain('+').And.EqualTo(typeof(Opto.Generators.TraceGenerator).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false).Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single()
            .InformationalVersion.Split('+')[0]));
        foreach (var type in types)
        {
            var attributes = type.GetAttributes();
            var generatedCode = attributes.SingleOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");
            Assert.That(generatedCode?.ConstructorArguments.Select(a => a.Value), Is.EqualTo(new[] { "Opto.Generators", version }), type.Name);
            Assert.That(attributes.Select(a => a.AttributeClass?.ToDisplayString()), Does.Contain("System.Diagnostics.DebuggerNonUserCodeAttribute"), type.Name);
        }
    }

    [Test]
    public void Registration_of_held_members_matches_the_snapshot()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Crew", null, Sources.Composed));

        generated.AssertClean();
        Snapshot.Match("Composed.Registration", generated.Sources["Opto.Registration.g.cs"]);
        Snapshot.Match("Composed.TrainableParameters", generated.Sources["Opto.TrainableParameters.g.cs"]);
    }

    [Test]
    public void Private_held_members_are_followed_through_unsafe_accessors()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Secrets", null, Sources.PrivateHolders));
        generated.AssertClean();

        var output = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Secrets.Program", "Run");

        // A held member declared by a base class is named under that class, as trainable members are; a primary-constructor
        // parameter used by a member is followed through its hidden field, one used only in an initializer is not.
        Assert.That(output, Is.EqualTo(
            "Base.Inherited.Prompt=inherited Agent.captured.Prompt=captured Agent._field.Prompt=field " +
            "Agent._readonly.Prompt=written Agent.Property.Prompt=property Agent.Copy.Prompt=copy Agent.Lazy.Prompt=lazy"));
    }

    [Test]
    public void Objects_of_another_project_are_followed_when_that_project_gave_them_parameters()
    {
        const string library = """
            using System.Collections.Generic;
            using Opto;
            namespace Lib;
            public class Planner
            {
                [Trainable]
                private string _prompt = "plan";
                public string Prompt => _prompt;
            }
            public class Team
            {
                public List<Planner> Planners { get; } = [new(), new()];
            }
            """;
        const string app = """
            using System.Linq;
            using Opto;
            namespace App;
            public class Agent
            {
                public Lib.Planner Planner { get; } = new();
                public Lib.Team Team { get; } = new();
            }
            public static class Program
            {
                public static string Run() => string.Join(" ", new Agent().TrainableParameters().Select(p => p.Name));
            }
            """;
        var libraryImage = GeneratorHarness.Emit(GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, library)).Compilation);
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("App", [Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(libraryImage)], app));
        generated.AssertClean();

        var output = GeneratorHarness.Invoke([libraryImage, GeneratorHarness.Emit(generated.Compilation)], "App.Program", "Run");

        Assert.That(output, Is.EqualTo("Agent.Planner._prompt Agent.Team.Planners[0]._prompt Agent.Team.Planners[1]._prompt"));
    }

    [Test]
    public void Every_call_shape_compiles_runs_and_records_the_expected_graph()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Shapes", null, Sources.Shapes));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Shop.Program", "Run")!;

        // Calls inside traced bodies (Reply inside ReplyAsync) are intercepted too; base.Describe is not.
        Assert.That(output, Is.EqualTo(
            "customer0<> reply0<customer0,SalesAgent.SystemPrompt> " +
            "reply1<reply0,SalesAgent.SystemPrompt> reply2<reply0,SalesAgent.Signature,SalesAgent.SystemPrompt> " +
            "replyValue0<reply2,SalesAgent._budget> milliseconds0<> wait0<milliseconds0> shout0<replyValue0> note0<shout0> " +
            "same0<reply0> hidden0<same0> amount0<> add0<amount0> value0<> same1<value0> same2<same1> text0<> describe0<text0> shout1<same0> | " +
            "2 42 agent x :) BE KIND. AAA | Replies to a customer with the SystemPrompt."));
    }

    [Test]
    public void Shapes_the_generator_cannot_handle_are_skipped_and_the_code_still_compiles()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Odd", null, Sources.Unsupported));

        generated.AssertClean();
        // Only the call inside generic code, by a generic interceptor, and the readonly struct's call on itself, whose receiver
        // is passed by `in`; no other call site here can be intercepted safely.
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];
        Assert.That(System.Text.RegularExpressions.Regex.Matches(interceptors, @"\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\(").Count, Is.EqualTo(2));
        Assert.That(interceptors, Does.Contain("public static T Same_0<T>(T value)"));
        Assert.That(interceptors, Does.Contain("(this in global::Odd.Frozen @this, int x)"));
        Assert.That(generated.Sources["Opto.Registration.g.cs"], Does.Not.Contain("Fixed").And.Not.Contain("GetOnly").And.Not.Contain("InitOnly"));
        Assert.That(GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Odd.Derived", "Go"), Is.EqualTo("2 3 generic 1"));
    }

    [Test]
    public void A_call_from_another_project_is_intercepted_and_sees_the_library_description_and_dependencies()
    {
        const string library = """
            using Opto;
            namespace Lib;
            public class Writer
            {
                [Trainable("Tone of voice.")]
                public string Tone { get; set; } = "calm";

                /// <summary>Writes a line in the configured tone.</summary>
                [Traced]
                public string Write(string topic) => Tone + ": " + topic;
            }
            """;
        const string app = """
            using System.Linq;
            using Opto;
            namespace App;
            public static class Program
            {
                public static string Run()
                {
                    var writer = new Lib.Writer();
                    using var scope = TraceScope.Begin();
                    var line = writer.Write(new string('t', 2));
                    var node = (MessageNode)scope.Graph.NodeOf(line)!;
                    var reached = node.Backward("warmer").Parameters.Single();
                    return $"{node.Name} {node.Description} {string.Join(",", node.Parents.Select(p => p.Name))} {reached.Description}";
                }
            }
            """;
        var libraryImage = GeneratorHarness.Emit(GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, library)).Compilation);
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("App", [Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(libraryImage)], app));
        generated.AssertClean();

        var output = GeneratorHarness.Invoke([libraryImage, GeneratorHarness.Emit(generated.Compilation)], "App.Program", "Run");

        Assert.That(output, Is.EqualTo("write0 Writes a line in the configured tone. topic0,Writer.Tone Tone of voice."));
    }
}
