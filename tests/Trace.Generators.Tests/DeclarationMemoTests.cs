using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Generators;
using Opto.Generators.Parsing;

namespace Trace.Generators.Tests;

/// <summary>
/// The reads of <c>[Trainable]</c> members and of classes that hold objects are kept from one compilation to the next while
/// the project's declarations stay the same. Every edit below leaves the first file untouched, so its nodes are the ones
/// kept; the generator's output after the edit must be exactly what a fresh run on the edited project produces.
/// </summary>
public class DeclarationMemoTests
{
    private const string Untouched = """
        using System;
        using Opto;

        namespace Shop;

        public partial class Agent(Tool tool)
        {
            [Trainable("The prompt.")]
            public string Prompt { get; set; } = "Answer.";

            [Learnable("The tone.")]
            public string Tone { get; set; } = "calm";

            public Tool Helper { get; set; } = new();

            public partial Tool Backup { get; set; }
        }

        public class Tool
        {
            [Trainable("What the tool does.")]
            public string Name { get; set; } = "search";
        }

        public class Desk
        {
            public Notes Pad { get; set; } = new();
        }
        """;

    private const string Other = """
        using Opto;

        namespace Shop;

        public partial class Agent
        {
            private Tool _backup = new();

            public string Describe() => "an agent";

            public partial Tool Backup { get => _backup; set => _backup = value; }
        }

        public class Notes
        {
            public int Count { get; set; }
        }
        """;

    private const string AliasDeclaration = "global using LearnableAttribute = Opto.TrainableAttribute;\n";

    public static IEnumerable<TestCaseData> Edits()
    {
        yield return new TestCaseData(Other.Replace("\"an agent\"", "\"an agent, \" + \"helpful\"", StringComparison.Ordinal)).SetName("A body edited elsewhere");
        yield return new TestCaseData(Other.Replace("get => _backup; set => _backup = value;", "get => field; set => field = value;", StringComparison.Ordinal)).SetName("Accessor bodies in another part make a property backed by a field");
        yield return new TestCaseData(Other.Replace("public partial class Agent", "[System.Obsolete(\"Old.\")]\npublic partial class Agent", StringComparison.Ordinal)).SetName("Another part of the class becomes obsolete");
        yield return new TestCaseData(AliasDeclaration + Other).SetName("A global alias makes another attribute Trainable");
        yield return new TestCaseData(Other.Replace("public int Count { get; set; }", "[Trainable] public string Count { get; set; } = \"\";", StringComparison.Ordinal))
            .SetName("A class another file holds gets a trainable member");
        yield return new TestCaseData(Other + "\nnamespace Shop { public class Tool2 { [Trainable] public string Style { get; set; } = \"\"; } }\n").SetName("A new class with a trainable member");
        yield return new TestCaseData(Other.Replace("public partial class Agent\n{", "public partial class Agent : Notes\n{", StringComparison.Ordinal)
            .Replace("public int Count { get; set; }", "[Trainable] public string Count { get; set; } = \"\";", StringComparison.Ordinal)).SetName("The class gets a base class with a trainable member");
        yield return new TestCaseData(Other + "\nnamespace Shop { public partial class Tool2 { [Trainable] public string Name { get; set; } = \"\"; } }\n").SetName("A declaration added at the end of another file");
    }

    [TestCaseSource(nameof(Edits))]
    public void After_an_edit_elsewhere_the_output_is_what_a_fresh_run_produces(string edited)
    {
        foreach (var disabled in new[] { IncrementalGeneratorOutputKind.Implementation, IncrementalGeneratorOutputKind.None })
        {
            // The edit is applied both ways: from the first project to the edited one, and back.
            foreach (var (from, to) in new[] { (Other, edited), (edited, Other) })
            {
                var before = GeneratorHarness.Compile("Memo", null, Untouched, from);
                var driver = Driver(disabled).RunGenerators(before);
                var after = before.ReplaceSyntaxTree(before.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText(to, GeneratorHarness.ParseOptions, path: before.SyntaxTrees.Last().FilePath));

                var incremental = Sources(driver.RunGenerators(after));
                // Parsed anew: a run on the same trees would find the same kept reads.
                var fresh = Sources(Driver(disabled).RunGenerators(GeneratorHarness.Compile("Memo", null, Untouched, to)));
                Assert.That(incremental, Is.EqualTo(fresh), $"{disabled} disabled");
            }
        }
    }

    [Test]
    public void The_edits_change_what_is_generated()
    {
        // Without this, the test above could pass on edits that change nothing.
        var baseline = Sources(Driver(IncrementalGeneratorOutputKind.None).RunGenerators(GeneratorHarness.Compile("Memo", null, Untouched, Other)));
        foreach (var data in Edits().Skip(1))
        {
            var edited = Sources(Driver(IncrementalGeneratorOutputKind.None).RunGenerators(GeneratorHarness.Compile("Memo", null, Untouched, (string)data.Arguments[0]!)));
            Assert.That(edited, Is.Not.EqualTo(baseline), data.TestName);
        }
    }

    [Test]
    public void A_body_or_a_comment_keeps_a_files_declaration_shape_and_a_declaration_changes_it()
    {
        const string Source = """
            namespace Shop;

            public class Agent
            {
                private const string Greeting = "Hi";
                private string _style = "plain";

                [System.Obsolete("Use Run.")]
                public string Prompt { get; set; } = "Answer.";

                public string Run(string text = Greeting) { return text + _style; }

                public int Size => 3;
            }
            """;

        string Shape(string text) => DeclarationShape.Of(CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: "/src/Agent.cs"), CancellationToken.None);

        var shape = Shape(Source);
        foreach (var same in new[]
        {
            Source.Replace("return text + _style;", "return text.Trim() + _style;", StringComparison.Ordinal),
            Source.Replace("=> 3", "=> 4", StringComparison.Ordinal),
            Source.Replace("= \"Answer.\"", "= \"Answer briefly.\"", StringComparison.Ordinal),
            Source.Replace("= \"plain\"", "= \"formal\"", StringComparison.Ordinal),
            Source.Replace("public class Agent", "// The agent.\npublic class Agent", StringComparison.Ordinal),
        })
        {
            Assert.That(Shape(same), Is.EqualTo(shape), same);
        }

        foreach (var different in new[]
        {
            Source.Replace("= \"Hi\"", "= \"Hello\"", StringComparison.Ordinal),
            Source.Replace("\"Use Run.\"", "\"Use Go.\"", StringComparison.Ordinal),
            Source.Replace("string text = Greeting", "string text = \"\"", StringComparison.Ordinal),
            Source.Replace("public int Size", "internal int Size", StringComparison.Ordinal),
            Source.Replace("public string Run(string text = Greeting) { return text + _style; }", "public abstract string Run(string text = Greeting);", StringComparison.Ordinal),
        })
        {
            Assert.That(Shape(different), Is.Not.EqualTo(shape), different);
        }
    }

    [Test]
    public void Compilations_that_differ_in_a_body_match_and_ones_that_differ_in_a_declaration_or_a_reference_do_not()
    {
        var first = GeneratorHarness.Compile("Memo", null, Untouched, Other);
        var tree = first.SyntaxTrees.Last();
        CSharpCompilation With(string text) => first.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: tree.FilePath));

        var key = DeclarationKey.Of(first);
        Assert.That(DeclarationKey.Of(With(Other.Replace("\"an agent\"", "\"a clerk\"", StringComparison.Ordinal))).Matches(key, CancellationToken.None), Is.True);
        Assert.That(DeclarationKey.Of(With(Other.Replace("int Count", "long Count", StringComparison.Ordinal))).Matches(key, CancellationToken.None), Is.False);
        Assert.That(DeclarationKey.Of(first.RemoveReferences(first.References.Last())).Matches(key, CancellationToken.None), Is.False);
        Assert.That(DeclarationKey.Of(first.WithOptions(first.Options.WithNullableContextOptions(NullableContextOptions.Disable))).Matches(key, CancellationToken.None), Is.False);
    }

    private static GeneratorDriver Driver(IncrementalGeneratorOutputKind disabled) =>
        CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions, driverOptions: new GeneratorDriverOptions(disabled));

    private static Dictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}
