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
    /// The place, the attribute's name ("Traced" for a call) and, for a call, the traced method it calls (the one with the
    /// attribute, for an override); null when the
    /// file does not use tracing.
    /// </returns>
    public static (Location Location, string Attribute, IMethodSymbol? Called)? In(SemanticModel model, TraceAttributes attributes, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
        {
            if (attributes.NameOf(model.GetTypeInfo(attribute, cancellationToken).Type) is { } name) return (attribute.GetLocation(), name, null);
        }

        // A call of this project's traced method counts before any call of another assembly's, wherever it is in the file:
        // the file uses this project's tracing, not only a library's.
        (Location Location, string Attribute, IMethodSymbol? Called)? libraryCall = null;
        foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method) continue;
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            // The method whose [Traced] the call follows: an override of a library's traced method is traced by the library.
            if (Opto.Generators.Parsing.InterceptionRule.TracedDefinition(definition, attributes.IsTraced) is not { } traced) continue;
            if (SymbolEqualityComparer.Default.Equals(traced.ContainingAssembly, model.Compilation.Assembly)) return (invocation.GetLocation(), "Traced", traced);
            libraryCall ??= (invocation.GetLocation(), "Traced", traced);
        }

        return libraryCall;
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
