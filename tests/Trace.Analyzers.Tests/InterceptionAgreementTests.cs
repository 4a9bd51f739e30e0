using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Analyzers;
using Opto.Generators;

namespace Trace.Analyzers.Tests;

/// <summary>The generator intercepts exactly the calls of traced methods for which OPTO013 says nothing.</summary>
public class InterceptionAgreementTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Opto;

        public class Base { [Traced] public virtual string Describe(string text) => text; }

        public class Agent : Base
        {
            [Traced] public string Reply(string text) => text;
            [Traced] public T Same<T>(T value) => value;
            [Traced] public string Clash(string __x) => __x;
            [Traced] public async Task<string> ReplyAsync(string text) { await Task.Yield(); return text; }
            public override string Describe(string text) => /*base*/base.Describe(text);

            public async Task<string> Run(Agent? other)
            {
                var plain = /*plain*/Reply("a");
                var generic = /*generic*/Same(1);
                var anonymous = /*anonymous*/Same(new { A = 1 });
                var clash = /*clash*/Clash("x");
                var conditional = /*conditional*/other?.Reply("b");
                var awaited = await /*async*/ReplyAsync("c");
                var derived = /*override*/Describe("d");
                var hidden = /*private*/new Hidden().Tell("e");
                return plain + generic + anonymous + clash + conditional + awaited + derived + hidden;
            }

            private class Hidden { [Traced] public string Tell(string text) => text; }
        }

        public class Box<T>
        {
            [Traced] public string Show(string text) => text;
            public string Run() => /*open generic*/Show("x");
        }

        public readonly struct Point
        {
            [Traced] public int Length(int scale) => scale;
        }

        public struct Counter
        {
            public int Count;
            [Traced] public int Add(int amount) => Count += amount;
        }

        public class Holder
        {
            private readonly Point _point;
            private readonly Counter _frozen;
            public int Run() { var counter = new Counter(); return /*struct field*/_point.Length(2) + /*struct local*/counter.Add(1) + /*readonly field*/_frozen.Add(1); }
        }

        public static class Tools
        {
            [Traced] private static int Hidden(int value) => value;
            [Traced] internal static int Twice(int value) => value * 2;
            [Traced] public static string Shout(this string text) => text + "!";
            public static string Run() => /*private static*/Hidden(1) + /*static*/Twice(2) + /*extension*/"x".Shout();
        }
        """;

    [Test]
    public async Task Generator_intercepts_exactly_the_calls_OPTO013_does_not_report()
    {
        var (calls, intercepted, diagnostics) = await AnalyzeAsync(Compile("Agreement", Source, ParseOptions), ParseOptions);
        var reported = diagnostics.Where(d => d.Value.Id == "OPTO013").ToDictionary(d => d.Key, d => d.Value.GetMessage());
        var skipped = calls.Where(c => reported.ContainsKey(c.End)).Select(c => c.Shape).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(calls, Has.Count.EqualTo(16));
            Assert.That(intercepted.Intersect(skipped), Is.Empty, "intercepted, yet reported as not traced");
            Assert.That(intercepted.Union(skipped), Is.EquivalentTo(calls.Select(c => c.Shape)), "neither intercepted nor reported");
            // An anonymous type argument and generic code around the call are taken by generic interceptors; a private static
            // method of a static class by an accessor that names its class.
            Assert.That(intercepted, Is.EquivalentTo(new[] { "plain", "generic", "anonymous", "conditional", "async", "override", "open generic", "struct field", "struct local", "private static", "static", "extension" }));
            Assert.That(reported.Values.Distinct().Count(), Is.EqualTo(4), string.Join("\n", reported.Values));
        });
    }

    [Test]
    public async Task Calls_of_traced_methods_of_another_assembly_that_can_never_be_traced_are_reported_at_the_call()
    {
        // The library's own build reports these declarations (OPTO002); a project that only references it would hear nothing.
        var (intercepted, messages) = await LibraryAndCaller("""
            using System;
            using Opto;
            namespace Shop;
            public class Catalog
            {
                [Traced] public string Find(string name) => name;
                [Traced] public bool TryFind(string name, out string found) { found = name; return true; }
                [Traced] public bool TryCount(string name, out int count) { count = name.Length; return true; }
                [Traced] public int Count(ReadOnlySpan<char> text) => text.Length;
                private int _slot;
                [Traced] public ref int Slot() => ref _slot;
            }
            """, """
            using System;
            namespace Shop;
            public static class Shopper
            {
                public static int Run(Catalog catalog)
                {
                    var name = /*plain*/catalog.Find("tea");
                    /*out*/catalog.TryFind("tea", out var found);
                    /*out value*/catalog.TryCount("tea", out var length);
                    var count = /*span*/catalog.Count("tea".AsSpan());
                    ref var slot = ref /*ref return*/catalog.Slot();
                    return name.Length + found.Length + length + count + slot;
                }
            }
            """);

        Assert.That(intercepted, Is.EqualTo(new[] { "plain", "out" }));
        Assert.That(messages.Keys, Is.EquivalentTo(new[] { "out value", "span", "ref return" }), "every call is intercepted or reported");
        Assert.That(messages["out value"], Does.Contain("parameter 'count' is a value type passed by reference (out)").And.Contain("'Catalog.TryCount' is traced in Lib, but its calls cannot be"));
        Assert.That(messages["span"], Does.Contain("ref struct"));
        Assert.That(messages["ref return"], Does.Contain("returns by reference"));
    }

    // A library and a project that calls it: the calls intercepted, and the OPTO013/OPTO014 messages, by shape.
    private static async Task<(List<string> Intercepted, Dictionary<string, string> Messages)> LibraryAndCaller(string library, string consumer, bool compilationReference = false)
    {
        var lib = Compile("Lib", library, ParseOptions);
        using var image = new MemoryStream();
        var emit = lib.Emit(image);
        Assert.That(emit.Success, Is.True, string.Join("\n", emit.Diagnostics));
        MetadataReference libRef = compilationReference ? lib.ToMetadataReference() : MetadataReference.CreateFromImage(image.ToArray());
        var (calls, intercepted, reported) = await AnalyzeAsync(Compile("App", consumer, ParseOptions, libRef), ParseOptions);
        var messages = calls.Where(c => reported.ContainsKey(c.End)).ToDictionary(c => c.Shape, c => reported[c.End].Id + ": " + reported[c.End].GetMessage());
        return (intercepted, messages);
    }

    private static CSharpCompilation Compile(string name, string source, CSharpParseOptions parse, params MetadataReference[] more) =>
        TestCompilations.Create(name, source, parse, more);

    // Runs the generator and OPTO013/OPTO014 on a compilation: the calls that name their shape, those intercepted, and the
    // diagnostics by where they end (a call's diagnostic starts at the method's name and ends with the call).
    private static async Task<(List<(int End, string Shape)> Calls, List<string> Intercepted, Dictionary<int, Diagnostic> Reported)> AnalyzeAsync(CSharpCompilation compilation, CSharpParseOptions parse)
    {
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, string.Join("\n", compilation.GetDiagnostics()));
        CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator()], parseOptions: parse).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        var reported = (await compilation.WithAnalyzers([new CallSiteAnalyzer()]).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id is "OPTO013" or "OPTO014")
            .ToDictionary(d => d.Location.SourceSpan.End);
        var tree = generated.SyntaxTrees.First();
        var model = generated.GetSemanticModel(tree);
        var calls = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Select(call => (Call: call, Shape: Shape(call))).Where(c => c.Shape is not null).ToList();
#pragma warning disable RSEXPERIMENTAL002 // Interceptors are stable in Roslyn 4.14.
        var intercepted = calls.Where(c => model.GetInterceptorMethod(c.Call) is not null).Select(c => c.Shape!).ToList();
#pragma warning restore RSEXPERIMENTAL002
        return (calls.Select(c => (c.Call.Span.End, c.Shape!)).ToList(), intercepted, reported);
    }

    private const string CatalogLib = """
        using System;
        using Opto;
        namespace Shop;
        public class Catalog
        {
            [Traced] public string Find(string name) => name;
            [Traced] public bool TryCount(string name, out int count) { count = name.Length; return true; }
        }
        """;

    private const string CatalogApp = """
        namespace Shop;
        public static class Shopper
        {
            public static int Run(Catalog catalog)
            {
                var name = /*plain*/catalog.Find("tea");
                /*out*/catalog.TryCount("tea", out var count);
                return name.Length + count;
            }
        }
        """;

    [Test]
    public async Task A_project_reference_in_the_IDE_is_reported_like_the_built_library()
    {
        var build = await LibraryAndCaller(CatalogLib, CatalogApp);
        var ide = await LibraryAndCaller(CatalogLib, CatalogApp, compilationReference: true);
        Assert.That(build.Messages.Keys, Is.EquivalentTo(new[] { "out" }));
        Assert.That(ide.Messages.Keys, Is.EquivalentTo(build.Messages.Keys), "a project reference in the IDE is a compilation reference");
    }

    [Test]
    public async Task A_call_the_compiler_removes_is_not_reported()
    {
        var r = await LibraryAndCaller("""
            using System;
            using System.Diagnostics;
            using Opto;
            namespace Shop;
            public class Log
            {
                [Traced, Conditional("VERBOSE")] public void Write(ReadOnlySpan<char> text) { }
                [Traced, Conditional("VERBOSE")] public void Bump(ref int counter) { counter++; }
            }
            """, """
            namespace Shop;
            public static class App
            {
                public static void Run(Log log) { var n = 0; /*span*/log.Write("x"); /*ref*/log.Bump(ref n); }
            }
            """);
        Assert.That(r.Messages, Is.Empty, "the compiler removes these calls");
    }

    [Test]
    public async Task Traced_on_an_override_of_a_traced_abstract_method_is_not_called_redundant()
    {
        var compilation = Compile("R", """
            using Opto;
            public abstract class Tool { [Traced] public abstract string Use(string x); }
            public class Impl : Tool { [Traced] public override string Use(string x) => x; }
            """, ParseOptions);
        var diagnostics = await compilation.WithAnalyzers([new TracedDeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.That(diagnostics.Where(d => d.Id == "OPTO012"), Is.Empty, "without [Traced] on Impl.Use its calls are not intercepted (TracedDefinition is the abstract)");
    }

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Preview)
        .WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")]);

    // The comment in front of a call names its shape.
    private static string? Shape(InvocationExpressionSyntax call)
    {
        SyntaxNode start = call.Parent is ConditionalAccessExpressionSyntax access ? access : call;
        var trivia = start.GetFirstToken().GetPreviousToken().TrailingTrivia.Concat(start.GetLeadingTrivia());
        return trivia.FirstOrDefault(t => t.IsKind(SyntaxKind.MultiLineCommentTrivia)).ToString() is { Length: > 4 } comment ? comment[2..^2] : null;
    }
}
