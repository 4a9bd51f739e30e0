using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// Which parameters of a traced method it may add to, so that what it adds is linked to its call: a
/// <c>System.Text.StringBuilder</c>, and the framework's mutable collections (an array, a list, a set, a dictionary, a
/// queue, a concurrent collection) of elements that can carry an identity, declared as such. A sequence, a read-only
/// interface, an immutable, frozen or read-only collection, a struct and a collection class of the project's own are not:
/// a method cannot add to the first ones, and the elements of the last two are not read.
/// </summary>
internal static class FilledArguments
{
    public static bool MayFill(ITypeSymbol type)
    {
        if (TextBuilderCalls.IsBuilder(type)) return true;
        if (type is IArrayTypeSymbol { Rank: 1 } array) return CanHold(array.ElementType);
        if (type is not INamedTypeSymbol { IsValueType: false, DeclaringSyntaxReferences.Length: 0 } named || !IsWritableCollectionNamespace(named)) return false;

        var collection = IsCollectionOfT(named) ? named : named.AllInterfaces.FirstOrDefault(IsCollectionOfT);
        if (collection is null)
        {
            // Queues and stacks, and the concurrent collections, add through members of their own.
            return (named.ContainingNamespace.ToDisplayString() is "System.Collections.Concurrent" || named.Name is "Queue" or "Stack")
                && named.TypeArguments.Length == 1 && CanHold(named.TypeArguments[0]);
        }

        var element = collection.TypeArguments[0];
        return element is INamedTypeSymbol pair && KnownTypes.IsKeyValuePair(pair)
            ? CanHold(pair.TypeArguments[0]) || CanHold(pair.TypeArguments[1])
            : CanHold(element);
    }

    private static bool IsCollectionOfT(INamedTypeSymbol type) => type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_ICollection_T;

    private static bool IsWritableCollectionNamespace(INamedTypeSymbol type) => type.ContainingNamespace.ToDisplayString() switch
    {
        "System.Collections.Generic" or "System.Collections.Concurrent" => true,
        "System.Collections.ObjectModel" => !type.Name.StartsWith("ReadOnly", System.StringComparison.Ordinal),
        _ => false,
    };

    // Value types never link by identity; a type parameter's values do when they turn out to have one.
    private static bool CanHold(ITypeSymbol type) => !type.IsValueType && (type.IsRecordable() || type is ITypeParameterSymbol { AllowsRefLikeType: false });
}
