using System.Linq;
using Microsoft.CodeAnalysis;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Which arguments are collections whose elements are linked one by one: sequences, dictionaries and tuples of
/// elements that can carry an identity (reference types; value types never link by value).
/// </summary>
internal static class CollectionShapes
{
    public static (CollectionKind Kind, string? ElementTypes)? Of(ITypeSymbol type, Compilation compilation)
    {
        if (type.SpecialType == SpecialType.System_String || type.IsNode()) return null;

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return tuple.TupleElements.Any(e => CanLink(e.Type)) ? (CollectionKind.Tuple, null) : null;
        }

        var sequence = KnownTypes.IsEnumerableOfT(type)
            ? (INamedTypeSymbol)type
            : type.AllInterfaces.FirstOrDefault(KnownTypes.IsEnumerableOfT);
        if (sequence is null) return null;

        var element = sequence.TypeArguments[0];
        if (element is INamedTypeSymbol named && KnownTypes.IsKeyValuePair(named))
        {
            var (key, value) = (named.TypeArguments[0], named.TypeArguments[1]);
            return CanLink(key) || CanLink(value) ? (CollectionKind.Pairs, key.Qualified() + ", " + value.Qualified()) : null;
        }

        return CanLink(element) ? (CollectionKind.Items, element.Qualified()) : null;
    }

    // Strings that came from traced calls have an identity; value types never do.
    private static bool CanLink(ITypeSymbol type) => !type.IsValueType && type.IsRecordable();
}
