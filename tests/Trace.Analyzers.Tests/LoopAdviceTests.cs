using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Analyzers;
using Opto.Generators;

namespace Trace.Analyzers.Tests;

/// <summary>
/// OPTO013 on a `foreach` whose enumerator method is traced gives the loop to write instead: written as the message
/// says, it compiles and its call is intercepted, whatever the collection expression, the enumerator's disposability,
/// the loop variables and the names already in scope (here a parameter named `e`).
/// </summary>
public class LoopAdviceTests
{
    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")]);

    private const string Types = """
        using System.Collections;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Opto;

        public class Pages
        {
            [Traced] public IEnumerator<string> GetEnumerator() { yield return "a"; yield return "b"; }
        }

        public struct Cursor
        {
            private int _at;
            public bool MoveNext() => ++_at <= 2;
            public string Current => _at.ToString();
        }

        public class Rows
        {
            [Traced] public Cursor GetEnumerator() => default;
        }

        public class Feed
        {
            [Traced] public async IAsyncEnumerator<string> GetAsyncEnumerator(CancellationToken token = default) { await Task.Yield(); yield return "x"; }
        }

        public class Old
        {
            [Traced] public IEnumerator GetEnumerator() { yield return "o"; }
        }

        public class Pairs
        {
            [Traced] public IEnumerator<(string, string)> GetEnumerator() { yield return ("a", "b"); }
        }

        public static class Use
        {
            public static Pages Get(Pages pages) => pages;

            public static async Task<string> Run(Pages pages, Rows rows, Feed feed, Old old, Pairs pairs, Pages? maybe, int e)
            {
                var all = "";
        """;

    [TestCase("foreach (var page in pages) { all += page; }", "Pages.GetEnumerator", "using var enumerator = pages.")]
    [TestCase("foreach (var row in rows) { all += row; }", "Rows.GetEnumerator", "var enumerator = rows.")]
    [TestCase("await foreach (var item in feed) { all += item; }", "Feed.GetAsyncEnumerator", "await using var enumerator = feed.")]
    [TestCase("foreach (string o in old) { all += o; }", "Old.GetEnumerator", "var enumerator = old.")]
    [TestCase("foreach (var page in Get(pages)) { all += page; }", "Pages.GetEnumerator", "using var enumerator = Get(pages).")]
    [TestCase("foreach (var page in maybe!) { all += page; }", "Pages.GetEnumerator", "using var enumerator = maybe!.")]
    [TestCase("foreach (var page in e > 0 ? pages : pages) { all += page; }", "Pages.GetEnumerator", "using var enumerator = (e > 0 ? pages : pages).")]
    [TestCase("foreach (var (left, right) in pairs) { all += left + right; }", "Pairs.GetEnumerator", "using var enumerator = pairs.")]
    public async Task The_loop_the_message_gives_compiles_and_is_traced(string loop, string method, string start)
    {
        var source = Types + "\n        " + loop + "\n        return all;\n    }\n}\n";
        var diagnostic = (await AnalyzerDiagnostics(source)).Single(d => d.Id == "OPTO013");
        var message = diagnostic.GetMessage();
        Assert.That(message, Does.StartWith($"This call of '{method}' is not traced"));

        var advised = Regex.Match(message, @"\(`(?<code>[^`]+)`\)$").Groups["code"].Value;
        Assert.That(advised, Does.StartWith(start), message);
        // The loop's body, where the message has "…" (the variables keep the foreach's names).
        var body = loop.Substring(loop.LastIndexOf('{') + 1).TrimEnd('}', ' ');
        var rewritten = source.Replace(loop, advised.Replace("…", body));

        var compilation = Compile(rewritten);
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, rewritten);
        Assert.That((await AnalyzerDiagnostics(rewritten)).Where(d => d.Id == "OPTO013"), Is.Empty, "the explicit call is an ordinary call site");

        CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator()], parseOptions: Parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        var tree = generated.SyntaxTrees.First();
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(c => c.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "GetEnumerator" or "GetAsyncEnumerator" });
#pragma warning disable RSEXPERIMENTAL002 // Interceptors are stable in Roslyn 4.14.
        Assert.That(generated.GetSemanticModel(tree).GetInterceptorMethod(call), Is.Not.Null, "the advised call is intercepted");
#pragma warning restore RSEXPERIMENTAL002
    }

    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> AnalyzerDiagnostics(string source) =>
        Compile(source).WithAnalyzers([new CallSiteAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    private static CSharpCompilation Compile(string source) => TestCompilations.Create("App", source, Parse);
}
