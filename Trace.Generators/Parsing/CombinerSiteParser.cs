using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>Finds the calls of text combiners the generator intercepts as glue (see <see cref="Combiners"/>).</summary>
internal static class CombinerSiteParser
{
    /// <summary>The combiner calls of the compilation, one list per file, ordered by file and position.</summary>
    public static EquatableArray<CombinerSiteSpec>[] Parse(Compilation compilation, CancellationToken cancellationToken)
    {
        var models = SemanticModels.ForCalls(compilation);
        var trees = compilation.SyntaxTrees.OrderBy(t => t.FilePath, System.StringComparer.Ordinal).ToArray();
        var files = new EquatableArray<CombinerSiteSpec>[trees.Length];
        Concurrently.For(compilation, trees.Length, i => files[i] = ParseTree(trees[i], models, cancellationToken), cancellationToken);
        return files;
    }

    private static EquatableArray<CombinerSiteSpec> ParseTree(SyntaxTree tree, SemanticModels models, CancellationToken cancellationToken)
    {
        List<CombinerSiteSpec>? sites = null;
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && Combiners.MayBe(TracedNames.InvokedName(invocation))
                && Describe(invocation, models.For(tree), cancellationToken) is { } site)
            {
                (sites ??= []).Add(site);
            }
        }

        return sites is null ? EquatableArray<CombinerSiteSpec>.Empty : sites.ToEquatableArray();
    }

    private static CombinerSiteSpec? Describe(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || Combiners.Of(method) is not { } shape) return null;
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation || operation.IsInExpressionTree()) return null;
#pragma warning disable RSEXPERIMENTAL002 // Interceptable locations are stable in Roslyn 4.14.
        var location = model.GetInterceptableLocation(invocation, cancellationToken);
#pragma warning restore RSEXPERIMENTAL002
        if (location is null) return null;

        var declared = method.OriginalDefinition;
        return new CombinerSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            location.Version,
            location.Data,
            CallPlace.InFile(location.GetDisplayLocation()),
            method.Name,
            declared.IsGenericMethod ? "<" + string.Join(", ", declared.TypeParameters.Select(t => t.Name)) + ">" : "",
            declared.Parameters.Select(p => p.Type.Qualified()).ToEquatableArray(),
            shape.PartsIndex,
            shape.PartsAreSpan,
            shape.PartsAreSequence,
            shape.StringSeparator,
            invocation.ToString());
    }
}
