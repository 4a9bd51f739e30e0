using System.Runtime.CompilerServices;
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

    [TestCase(false)]
    [TestCase(true)]
    public void A_class_held_elsewhere_whose_accessors_start_or_stop_using_field_changes_the_output(bool toField)
    {
        // The backing field `field` makes carries [field: Trainable]: the holder in the untouched file follows the pen or not.
        const string Desk = """
            using Opto;
            namespace Shop;
            public class Desk
            {
                public Pen Pen { get; set; } = new();
            }
            """;
        const string Pen = """
            using Opto;
            namespace Shop;
            public class Pen
            {
                private string _ink = "";
                [field: Trainable("Ink.")] public string Ink { get => _ink; set => _ink = value; }
            }
            """;
        var withField = Pen.Replace("get => _ink; set => _ink = value;", "get => field; set => field = value;", StringComparison.Ordinal);
        var (from, to) = toField ? (Pen, withField) : (withField, Pen);

        var before = GeneratorHarness.Compile("Memo", null, Desk, from);
        var driver = Driver(IncrementalGeneratorOutputKind.None).RunGenerators(before);
        var after = before.ReplaceSyntaxTree(before.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText(to, GeneratorHarness.ParseOptions, path: before.SyntaxTrees.Last().FilePath));

        var fresh = Sources(Driver(IncrementalGeneratorOutputKind.None).RunGenerators(GeneratorHarness.Compile("Memo", null, Desk, to)));
        Assert.That(fresh, Is.Not.EqualTo(Sources(Driver(IncrementalGeneratorOutputKind.None).RunGenerators(GeneratorHarness.Compile("Memo", null, Desk, from)))));
        Assert.That(Sources(driver.RunGenerators(after)), Is.EqualTo(fresh));
    }

    [Test]
    public void Earlier_compilations_references_and_files_are_not_kept_alive_by_the_reads()
    {
        const string Agent = """
            using Opto;
            namespace Shop;
            public class Agent
            {
                [Trainable("The prompt.")] public string Prompt { get; set; } = "";
            }
            """;
        var untouched = CSharpSyntaxTree.ParseText(Agent, GeneratorHarness.ParseOptions, path: "/src/App/Agent.cs");

        // Each run references a new version of a library and has a new version of another file, as edits in an IDE do.
        var (driver, firstLibrary, firstShape) = RunVersions(untouched, 6);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(firstLibrary.IsAlive, Is.False, "the first library's compilation");
        Assert.That(firstShape.IsAlive, Is.False, "the first version of the other file");
        GC.KeepAlive(driver);
        GC.KeepAlive(untouched);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (GeneratorDriver Driver, WeakReference Library, WeakReference Shape) RunVersions(SyntaxTree untouched, int count)
    {
        WeakReference? library = null, shape = null;
        var driver = Driver(IncrementalGeneratorOutputKind.Implementation);
        for (var i = 0; i < count; i++) driver = RunVersion(driver, untouched, i, ref library, ref shape);
        return (driver, library!, shape!);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static GeneratorDriver RunVersion(GeneratorDriver driver, SyntaxTree untouched, int version, ref WeakReference? library, ref WeakReference? shape)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var lib = CSharpCompilation.Create("Lib", [CSharpSyntaxTree.ParseText($"namespace L; public class C{version} {{ }}", GeneratorHarness.ParseOptions)], GeneratorHarness.References, options);
        var other = CSharpSyntaxTree.ParseText($"namespace Shop; public class D{version} {{ }}", GeneratorHarness.ParseOptions, path: "/src/App/Other.cs");
        library ??= new WeakReference(lib);
        shape ??= new WeakReference(DeclarationShape.Of(other, CancellationToken.None));
        return driver.RunGenerators(CSharpCompilation.Create("App", [untouched, other], [.. GeneratorHarness.References, lib.ToMetadataReference()], options));
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
