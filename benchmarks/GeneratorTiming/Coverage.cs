using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// Checks a project for silent gaps: every call of a traced method, and every use of one as a method group, is either
/// intercepted by the generator or reported by an OPTO diagnostic (at the call, or at the declaration of a method of the
/// project). Calls the compiler removes ([Conditional] without its symbol) are not counted.
/// </summary>
internal static partial class Coverage
{
    public static async Task<int> ReportAsync(CSharpCompilation compilation, IIncrementalGenerator generator, CSharpParseOptions parse)
    {
        var generated = TraceParts.WithGeneratedCode(compilation, generator, parse);
        var interceptors = string.Join("\n", generated.SyntaxTrees.Where(t => t.FilePath.Contains("Interceptors", StringComparison.Ordinal)).Select(t => t.ToString()));
        var intercepted = InterceptedData().Matches(interceptors).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var analyzers = TraceParts.Analyzers();
        var reported = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync()).Where(d => d.Id.StartsWith("OPTO", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"coverage: {intercepted.Count} call sites intercepted; OPTO diagnostics: " +
            string.Join(", ", reported.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));

        // The calls left untraced, by reason (names replaced by X): what to fix first in the generator or in the code.
        foreach (var reason in reported.Where(d => d.Id == "OPTO013").GroupBy(d => QuotedName().Replace(d.GetMessage(), "'X'")).OrderByDescending(g => g.Count()).Take(12))
        {
            Console.WriteLine($"  {reason.Count()} {reason.Key}");
        }

        var silent = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (Use(node, model) is not var (method, kind) || !IsTraced(method) || IsRemoved(method, tree)) continue;
#pragma warning disable RSEXPERIMENTAL002 // Interceptable locations are stable in Roslyn 4.14.
                if (node is InvocationExpressionSyntax call && model.GetInterceptableLocation(call) is { } location && intercepted.Contains(location.Data)) continue;
#pragma warning restore RSEXPERIMENTAL002
                if (IsReported(node, method, reported)) continue;
                silent++;
                var line = node.GetLocation().GetLineSpan();
                Console.WriteLine($"  neither intercepted nor reported ({kind}): {Path.GetFileName(tree.FilePath)}({line.StartLinePosition.Line + 1},{line.StartLinePosition.Character + 1}) {method.ToDisplayString()}");
            }
        }

        Console.WriteLine($"coverage: {silent} calls or method groups of traced methods neither intercepted nor reported");

        // A call in code that does not compile here binds to nothing, and is not checked: say so, and fail.
        var errors = generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var error in errors.Take(10)) Console.WriteLine($"  {error}");
        if (errors.Count > 0)
        {
            Console.WriteLine($"coverage: incomplete, {errors.Count} compile errors (the references, defines, --assembly-name or --key-file may differ from the build's)");
        }

        return silent + errors.Count;
    }

    // A call, or a method group that is not the callee of a call.
    private static (IMethodSymbol Method, string Kind)? Use(SyntaxNode node, SemanticModel model)
    {
        if (node is InvocationExpressionSyntax invocation) return model.GetSymbolInfo(invocation).Symbol is IMethodSymbol called ? (called, "call") : null;
        if (node is not (IdentifierNameSyntax or MemberAccessExpressionSyntax) || node.Parent is InvocationExpressionSyntax
            || node.Parent is MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax }
            || node.Parent is MemberAccessExpressionSyntax access && access.Name == node
            || node.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } })
        {
            return null;
        }

        return model.GetSymbolInfo(node).Symbol is IMethodSymbol group ? (group, "method group") : null;
    }

    private static bool IsTraced(IMethodSymbol method) =>
        Chain(method).Any(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is "Opto.TracedAttribute" or "Opto.TrainableAttribute"));

    // [Conditional] on the method or a method it overrides, with none of its symbols defined for the file.
    private static bool IsRemoved(IMethodSymbol method, SyntaxTree tree)
    {
        var conditions = Chain(method).SelectMany(m => m.GetAttributes())
            .Where(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.ConditionalAttribute")
            .Select(a => a.ConstructorArguments[0].Value as string).ToList();

        var defined = tree.Options.PreprocessorSymbolNames.Concat(tree.GetRoot().DescendantTrivia().Select(t => t.GetStructure()).OfType<DefineDirectiveTriviaSyntax>().Select(d => d.Name.ValueText)).ToHashSet(StringComparer.Ordinal);
        return conditions.Count > 0 && !conditions.Any(c => c is not null && defined.Contains(c));
    }

    // A diagnostic that says this use is not traced (at the use), or a declaration diagnostic of the method in this project.
    private static bool IsReported(SyntaxNode node, IMethodSymbol method, List<Diagnostic> reported) =>
        reported.Any(d => d.Id is "OPTO003" or "OPTO013" or "OPTO014" && d.Location.SourceTree == node.SyntaxTree && d.Location.SourceSpan.IntersectsWith(node.Span))
        || reported.Any(d => d.Id is "OPTO001" or "OPTO002" or "OPTO004" && Chain(method).Any(m =>
            m.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == d.Location.SourceTree && r.Span.IntersectsWith(d.Location.SourceSpan))));

    // The method and the methods it overrides: a declaration diagnostic on a traced base (an abstract one) covers the override's calls.
    private static IEnumerable<IMethodSymbol> Chain(IMethodSymbol method)
    {
        for (var m = (method.ReducedFrom ?? method).OriginalDefinition; m is not null; m = m.OverriddenMethod) yield return m;
    }

    [GeneratedRegex(@"InterceptsLocation\(1, ""([^""]+)""\)")]
    private static partial Regex InterceptedData();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedName();
}
