using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Generators.Tests;

public class LanguageVersionTests
{
    private const string Glue = """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        namespace Glue;

        public class Agent
        {
            [Trainable("How to greet.")]
            public string Style { get; set; } = "warm";

            [Traced] public string Ask(string question) => question + "? ";
            [Traced] public string Answer(string text) => text + "!";
            [Traced] public string Both(string first, string second) => first + second;
            [Traced] public string Join(IReadOnlyList<string> texts) => string.Join("|", texts);
            [Traced] public int Count(string text) => text.Length;
            [Traced] public int Twice(int value) => value * 2;

            [Traced] public string Run(string input)
            {
                var asked = Ask(input);
                var trimmed = Answer(asked.Trim());
                var framed = Answer($"{Ask(input)} in {Style}");
                var both = Both(Ask(input) + Ask(trimmed), trimmed);
                var joined = Join(new[] { Ask(input), Ask(framed) }.Select(t => t.Trim()).ToList());
                var twice = Twice(Count(joined));
                // Glue stored in a collection and put into a builder: their interceptors pass the producers' slots too.
                var stored = new List<string>();
                stored.Add(Ask(input) + Ask(trimmed));
                var built = new System.Text.StringBuilder();
                built.AppendLine("- " + Ask(input) + Ask(framed));
                return both + joined + twice + Join(stored) + Answer(built.ToString());
            }
        }
        """;

    // An object a call is made on, reached by glue from a traced call's result: its interceptor names the calls it came from.
    private const string GluedReceiver = """
        using Opto;

        namespace Receivers;

        public class Doc
        {
            public Doc Next { get; set; } = null!;
            [Traced] public string Title() => "title";
        }

        public class Reader
        {
            [Traced] public Doc Load(string path) => new() { Next = new Doc() };
            public string Run(string path) => Load(path).Next.Title();
        }
        """;

    private static IEnumerable<LanguageVersion> Supported() => [LanguageVersion.CSharp12, LanguageVersion.CSharp13, LanguageVersion.Preview];

    [TestCaseSource(nameof(Supported))]
    public void Generated_code_compiles_from_CSharp_12(LanguageVersion version)
    {
        foreach (var (name, source) in new[]
        {
            ("Glue", Glue), ("Receivers", GluedReceiver), ("Shapes", Sources.Shapes), ("Composed", Sources.Composed), ("PrivateHolders", Sources.PrivateHolders),
            ("Code", TrainableCodeTests.Source),
        })
        {
            // Sources that use newer C# themselves (the field keyword) have errors of their own at older versions: only what
            // the generated code adds counts.
            var compilation = GeneratorHarness.WithLanguageVersion(GeneratorHarness.Compile(name, null, source), version);
            var own = compilation.GetDiagnostics().Select(d => d.ToString()).ToHashSet();
            var generated = GeneratorHarness.Run(compilation);
            Assert.That(generated.Sources.Keys, name is "Glue" or "Receivers" ? Does.Contain("Opto.Interceptors.g.cs") : Is.Not.Empty, name);
            if (name == "Receivers") Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("__call.GluedReceiver("), "the shape this source is about");
            if (name == "Glue") Assert.That(generated.Sources["Opto.StoredGlue.g.cs"], Does.Contain("TextBuilders.AppendLine(").And.Contain("GlueStores.Stored("), "the stores this source makes");
            Assert.That(generated.Diagnostics.Select(d => d.ToString()).Where(d => !own.Contains(d)), Is.Empty, name);
        }
    }

    [Test]
    public void Glue_links_at_CSharp_12()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.WithLanguageVersion(GeneratorHarness.Compile("GlueAt12", null, Glue + Probe), LanguageVersion.CSharp12));
        generated.AssertClean();
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("__call.Glued(").And.Contain("__call.GluedIfPlain("), "the shapes this test is about");

        var glue = (string?)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Glue.Probe", "Run");

        Assert.That(glue, Is.EqualTo(
            "asked.Trim() <- ask0; " +
            "$\"{Ask(input)} in {Style}\" <- ask1, Agent.Style; " +
            "Ask(input) + Ask(trimmed) <- ask2, ask3; " +
            "new[] { Ask(input), Ask(framed) }.Select(t => t.Trim()).ToList() <- ask4, ask5; " +
            "Ask(input) + Ask(trimmed) <- ask6, ask7; " +
            "\"- \" + Ask(input) + Ask(framed) <- ask8, ask9; " +
            "built.ToString() <- built0"));
    }

    private static IEnumerable<LanguageVersion> Unsupported() => [LanguageVersion.CSharp11, LanguageVersion.CSharp10, LanguageVersion.CSharp7_3];

    [TestCaseSource(nameof(Unsupported))]
    public void Below_CSharp_12_nothing_is_generated(LanguageVersion version)
    {
        foreach (var (name, source) in new[] { ("Glue", Glue), ("Composed", Sources.Composed) })
        {
            var generated = GeneratorHarness.Run(GeneratorHarness.WithLanguageVersion(GeneratorHarness.Compile(name, null, source), version));
            Assert.That(generated.Sources, Is.Empty, name);
        }
    }

    private const string Probe = """

        public static class Probe
        {
            public static string Run()
            {
                using var scope = TraceScope.Begin();
                new Agent().Run(new string('q', 1));
                return string.Join("; ", scope.Graph.Nodes.OfType<GlueNode>().Select(g => g.Expression + " <- " + string.Join(", ", g.Parents.Select(p => p.Name))));
            }
        }
        """;
}
