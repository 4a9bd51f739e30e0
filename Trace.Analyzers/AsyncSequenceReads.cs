using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Reads of an async sequence's elements as they are (<c>await stream.FirstAsync()</c>, <c>await stream.ToListAsync()</c>,
/// <c>stream.Where(...)</c>): what they give is one of its elements, or a sequence or a collection of them, unchanged.
/// </summary>
internal static class AsyncSequenceReads
{
    /// <summary>
    /// The async sequence <paramref name="call"/> reads elements of (its receiver, or an extension method's first argument),
    /// when what the call gives (once awaited) is one of its elements or a collection or sequence of them; null otherwise,
    /// and for a call given a lambda that makes values of the element type (<c>Select(x => x.Trim())</c>), which are new.
    /// </summary>
    public static IOperation? SourceOf(IInvocationOperation call)
    {
        var source = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        while (source is IConversionOperation { IsImplicit: true } conversion) source = conversion.Operand;
        if (source?.Type is not { } sourceType || ElementOf(sourceType) is not { } element || call.Type is null) return null;
        var given = KnownTypes.Awaited(call.Type)!;
        var sameElements = Same(given, element)
            || (ElementOf(given) ?? Opto.Generators.Parsing.GlueFlow.ElementType(given)) is { } givenElement && Same(givenElement, element);
        if (!sameElements) return null;
        return call.Arguments.Any(a => a.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.ReturnType: var made } } && Same(KnownTypes.Awaited(made)!, element))
            ? null
            : source;
    }

    /// <summary>The element type of <c>IAsyncEnumerable&lt;T&gt;</c> or a type that implements it, or null.</summary>
    public static ITypeSymbol? ElementOf(ITypeSymbol type)
    {
        var sequence = IsAsyncEnumerable(type) ? (INamedTypeSymbol)type : type.AllInterfaces.FirstOrDefault(IsAsyncEnumerable);
        return sequence?.TypeArguments[0];
    }

    private static bool IsAsyncEnumerable(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "IAsyncEnumerable", Arity: 1, ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } } };

    private static bool Same(ITypeSymbol a, ITypeSymbol b) =>
        SymbolEqualityComparer.Default.Equals(a.WithNullableAnnotation(NullableAnnotation.None), b.WithNullableAnnotation(NullableAnnotation.None));
}
