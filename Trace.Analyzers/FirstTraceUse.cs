using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Analyzers;

/// <summary>
/// Where a file first uses tracing, for diagnostics about the whole project reported once per file: its first
/// [Traced]/[Trainable] attribute, or else its first call of a traced method.
/// </summary>
internal static class FirstTraceUse
{
    /// <returns>The place, and the attribute's name ("Traced" for a call); null when the file does not use tracing.</returns>
    public static (Location Location, string Attribute)? In(SemanticModel model, TraceAttributes attributes, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
        {
            if (attributes.NameOf(model.GetTypeInfo(attribute, cancellationToken).Type) is { } name) return (attribute.GetLocation(), name);
        }

        foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method) continue;
            if (attributes.IsTraced((method.ReducedFrom ?? method).OriginalDefinition)) return (invocation.GetLocation(), "Traced");
        }

        return null;
    }
}
