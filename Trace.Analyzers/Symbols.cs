using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Analyzers;

internal static class Symbols
{
    public const string Traced = "Opto.TracedAttribute";
    public const string Trainable = "Opto.TrainableAttribute";
    public const string CodeRegistration = "Opto.Interception.CodeRegistration";

    /// <summary>The attribute's location in source, for diagnostics about the attribute itself.</summary>
    public static Location AttributeLocation(this AttributeData attribute, ISymbol fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>The member's type and name, as its users write them (<c>Agent.Reply</c>).</summary>
    public static string ShortName(this ISymbol symbol) => symbol.Owner() is { } type ? $"{type.Name}.{symbol.Name}" : symbol.Name;

    /// <summary>
    /// The type a member is declared in, as its users name it: a member of an extension block (whose type has no name)
    /// belongs to the static class that declares the block.
    /// </summary>
    public static INamedTypeSymbol? Owner(this ISymbol symbol) =>
        symbol.ContainingType is { TypeKind: TypeKind.Extension, ContainingType: { } declaring } ? declaring : symbol.ContainingType;

    public static bool IsRefLikeOrPointer(this ITypeSymbol type) => Opto.Generators.Parsing.DeclarationRule.IsRefLikeOrPointer(type);
}
