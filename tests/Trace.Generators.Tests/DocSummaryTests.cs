using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Generators.Tests;

public class DocSummaryTests
{
    private const string Source = """
        using Opto;
        namespace Docs;
        public class Writer
        {
            /// <summary>
            /// Writes about a <paramref name="topic"/> for a <see cref="T:System.String"/> audience,
            /// in <c>two</c> lines.
            /// </summary>
            /// <param name="topic">The topic.</param>
            [Traced]
            public string Write(string topic) => topic;

            // A plain comment is not documentation.
            [Traced]
            public string Plain(string topic) => topic;
        }
        """;

    [TestCase(DocumentationMode.None)]
    [TestCase(DocumentationMode.Parse)]
    [TestCase(DocumentationMode.Diagnose)]
    public void The_summary_is_read_whether_or_not_the_build_parses_documentation(DocumentationMode mode)
    {
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(mode);
        var compilation = GeneratorHarness.Compile("Docs", null).RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source, options, path: "/src/Docs/File0.cs"));

        var registration = GeneratorHarness.Run(compilation).Sources["Opto.Registration.g.cs"];

        Assert.That(registration, Does.Contain("\"Writes about a topic for a String audience, in two lines.\""));
        Assert.That(registration, Does.Contain("Register(\"M:Docs.Writer.Plain(System.String)\", null"));
    }

    [Test]
    public void A_plain_summary_s_runs_of_spaces_tabs_and_line_breaks_read_as_one_space()
    {
        const string source = "using Opto;\nnamespace Docs;\npublic class Greeter\n{\n"
            + "    /// <summary>  Greets\tthe   customer\n    ///  politely. </summary>\n    [Traced]\n    public string Greet(string name) => name;\n\n"
            + "    /// <summary>Already one line.</summary>\n    [Traced]\n    public string Same(string name) => name;\n}\n";
        var compilation = GeneratorHarness.Compile("Docs", null).RemoveAllSyntaxTrees()
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "/src/Docs/File0.cs"));

        var registration = GeneratorHarness.Run(compilation).Sources["Opto.Registration.g.cs"];

        Assert.That(registration, Does.Contain("\"Greets the customer politely.\""));
        Assert.That(registration, Does.Contain("\"Already one line.\""));
    }
}
