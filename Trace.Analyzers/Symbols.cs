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

    public static string ShortName(this ISymbol symbol) => symbol.ContainingType is { } type ? $"{type.Name}.{symbol.Name}" : symbol.Name;

    public static bool IsRefLikeOrPointer(this ITypeSymbol type) => Opto.Generators.Parsing.DeclarationRule.IsRefLikeOrPointer(type);
}
