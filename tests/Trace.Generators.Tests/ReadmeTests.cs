using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Trace.Generators.Tests;

/// <summary>
/// Every <c>```csharp</c> block of README.md compiles with the real generator, as a user's project would compile it: a block
/// with top-level statements as a program, a block of type declarations as a library. The only shared declarations are the
/// <see cref="Prelude"/> below (what a project's implicit usings give, and the chat clients the README calls <c>chat</c> and
/// <c>optimizerChat</c>) and the classes of samples/SalesAgent that the Optimize block names. A block meant as a fragment is
/// marked <c>```csharp fragment</c> and skipped; none is today.
/// </summary>
public class ReadmeTests
{
    private const string Prelude = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using static ReadmePrelude;

        /// <summary>What the README's blocks use without declaring it.</summary>
        public static class ReadmePrelude
        {
            /// <summary>Any chat client: the agent's model.</summary>
            public static Microsoft.Extensions.AI.IChatClient chat = null!;

            /// <summary>Any chat client: the optimizer's model.</summary>
            public static Microsoft.Extensions.AI.IChatClient optimizerChat = null!;

            /// <summary>An optimizer that has taken steps.</summary>
            public static Opto.Optimizers.Optimizer optimizer = null!;

            /// <summary>An application's service collection.</summary>
            public static Microsoft.Extensions.DependencyInjection.IServiceCollection services = null!;
        }
        """;

    private const int ExpectedFragments = 0;

    private static readonly string Root = FindRoot();

    private static readonly MetadataReference[] Extra =
    [
        .. new[]
        {
            typeof(Microsoft.Extensions.AI.IChatClient).Assembly,
            typeof(Microsoft.Extensions.AI.LoggingChatClient).Assembly,
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
            typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly,
            typeof(Opto.Providers.ChatClientFactory).Assembly,
            typeof(Opto.Testing.OfflineChatModel).Assembly,
            typeof(Opto.Training.Trainer<,,>).Assembly,
            typeof(Opto.Runs.SqliteRunStore).Assembly,
            typeof(Opto.Runs.Reports.RunReport).Assembly,
            typeof(Microsoft.Extensions.AI.Evaluation.IEvaluator).Assembly,
            typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache).Assembly,
            typeof(OpenTelemetry.Sdk).Assembly,
            typeof(OpenTelemetry.Trace.TracerProvider).Assembly,
            typeof(OpenTelemetry.Trace.OtlpTraceExporterHelperExtensions).Assembly,
        }.Distinct().Select(a => MetadataReference.CreateFromFile(a.Location)),
    ];

    public static IEnumerable<TestCaseData> Blocks() =>
        ReadBlocks().Where(b => !b.Fragment).Select(b => new TestCaseData(b.Line, b.Code).SetName($"README block at line {b.Line} compiles"));

    [TestCaseSource(nameof(Blocks))]
    public void Block_compiles_with_the_generator(int line, string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions, path: $"/README.md:{line}");
        var program = tree.GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax);
        string[] samples = [File.ReadAllText(Path.Combine(Root, "samples", "SalesAgent", "SalesAgent.cs")),
            File.ReadAllText(Path.Combine(Root, "samples", "SalesAgent", "Checker.cs"))];
        var compilation = CSharpCompilation.Create(
            "Readme" + line,
            [tree, .. new[] { Prelude }.Concat(samples).Select((s, i) => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions, path: $"/prelude/File{i}.cs"))],
            [.. GeneratorHarness.References, .. Extra],
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        var generated = GeneratorHarness.Run(compilation);

        Assert.That(generated.Diagnostics, Is.Empty, $"README.md line {line}:\n{string.Join("\n", generated.Diagnostics)}\n\n{code}");
        Assert.That(generated.Sources.Keys, Is.Not.Empty, "the generator ran on the block");
    }

    [Test]
    public void Every_csharp_block_is_compiled_and_none_is_left_out_as_a_fragment()
    {
        var blocks = ReadBlocks();

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(7));
        Assert.That(blocks.Count(b => b.Fragment), Is.EqualTo(ExpectedFragments));
        Assert.That(blocks.Where(b => !b.Fragment).Select(b => b.Code), Has.All.Contains("using Opto"), "each block says which namespaces it uses");
    }

    private static List<(int Line, string Code, bool Fragment)> ReadBlocks()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var blocks = new List<(int, string, bool)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Regex.Match(lines[i], @"^```csharp(?:\s+(\S+))?\s*$");
            if (!open.Success) continue;
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal)) end++;
            blocks.Add((start, string.Join("\n", lines[start..end]), open.Groups[1].Value == "fragment"));
            i = end;
        }

        return blocks;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Trace.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Trace.sln not found above the test directory.");
    }
}
