using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

/// <summary>
/// What any generator that must know which method each call binds to pays at least: binding every member body of the
/// project once (a semantic model binds a member's whole body at its first question), without nullable analysis, as
/// the Trace generator's models do. Printed next to the generator's own time and the compiler's emit, each on a fresh
/// compilation, one file after the other.
/// </summary>
internal static class BindingFloor
{
    public static void Report(Func<CSharpCompilation> compile, IIncrementalGenerator generator, CSharpParseOptions parse, int runs)
    {
        var bind = new List<double>();
        var generate = new List<double>();
        var emit = new List<double>();
        var parseGenerated = new List<double>();
        var bodies = 0;
        var characters = 0;
        for (var i = 0; i <= Math.Max(1, runs); i++)
        {
            var compilation = compile().WithOptions(compile().Options.WithConcurrentBuild(false));
            var watch = Stopwatch.StartNew();
            bodies = BindEveryBody(compilation);
            var bound = watch.Elapsed.TotalMilliseconds;

            compilation = compile().WithOptions(compilation.Options);
            watch.Restart();
            var trees = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: parse).RunGenerators(compilation)
                .GetRunResult().GeneratedTrees;
            var generated = watch.Elapsed.TotalMilliseconds;

            // The driver's trees of what a generator adds are parsed when first read: by the compiler, after the generator ran.
            watch.Restart();
            foreach (var tree in trees) tree.GetRoot();
            var parsed = watch.Elapsed.TotalMilliseconds;
            characters = trees.Sum(t => t.Length);

            compilation = compile().WithOptions(compilation.Options);
            watch.Restart();
            compilation.Emit(Stream.Null);
            var emitted = watch.Elapsed.TotalMilliseconds;

            // The first round compiles the compiler's and the generator's code with the JIT.
            if (i == 0) continue;
            bind.Add(bound);
            generate.Add(generated);
            parseGenerated.Add(parsed);
            emit.Add(emitted);
        }

        Console.WriteLine($"binding floor ({bodies} member bodies, sequential, min / median of {bind.Count}):");
        Line("bind every member body once", bind);
        Line("the generator, every output", generate);
        Line($"parsing its output ({characters:N0} characters; lazily, by the compiler after the generator)", parseGenerated);
        Line("emit without the generator", emit);
    }

    private static int BindEveryBody(CSharpCompilation compilation)
    {
        var count = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
#pragma warning disable RSEXPERIMENTAL001 // The option the generator's own models use.
            var model = compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
            foreach (var node in tree.GetRoot().DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax)))
            {
                SyntaxNode? body = node switch
                {
                    BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                    AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
                    PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow,
                    _ => null,
                };
                if (body is null) continue;
                model.GetOperation(body);
                count++;
            }
        }

        return count;
    }

    private static void Line(string what, List<double> times) => Console.WriteLine($"  {what}: {times.Min():F0} / {Median(times):F0} ms");

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
