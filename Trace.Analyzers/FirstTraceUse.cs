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
    /// <returns>
    /// The place, the attribute's name ("Traced" for a call) and, for a call, the traced method it calls; null when the
    /// file does not use tracing.
    /// </returns>
    public static (Location Location, string Attribute, IMethodSymbol? Called)? In(SemanticModel model, TraceAttributes attributes, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
        {
            if (attributes.NameOf(model.GetTypeInfo(attribute, cancellationToken).Type) is { } name) return (attribute.GetLocation(), name, null);
        }

        foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method) continue;
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (attributes.IsTraced(definition)) return (invocation.GetLocation(), "Traced", definition);
        }

        return null;
    }

    /// <summary>
    /// The file's first call of a <c>TrainableParameters()</c> extension that did not bind, when the generator produced
    /// none: a file whose classes only hold other assemblies' trainable objects has no attribute and no traced call.
    /// </summary>
    public static Location? UnboundTrainableParameters(SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var invocation in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TrainableParameters" }, ArgumentList.Arguments.Count: 0 }
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is null)
            {
                return invocation.GetLocation();
            }
        }

        return null;
    }
}
