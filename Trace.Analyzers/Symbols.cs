using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Analyzers;

internal static class Symbols
{
    public const string Traced = "Opto.TracedAttribute";
    public const string Trainable = "Opto.TrainableAttribute";
    public const string CodeRegistration = "Opto.Code.CodeRegistration";

    public static bool Has(this ISymbol symbol, string attribute) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute);

    public static AttributeData? Attribute(this ISymbol symbol, string attribute) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attribute);

    public static bool IsTraced(this IMethodSymbol method) => method.Has(Traced) || method.Has(Trainable);

    /// <summary>The attribute's location in source, for diagnostics about the attribute itself.</summary>
    public static Location AttributeLocation(this AttributeData attribute, ISymbol fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Locations.FirstOrDefault() ?? Location.None;

    public static string ShortName(this ISymbol symbol) => symbol.ContainingType is { } type ? $"{type.Name}.{symbol.Name}" : symbol.Name;

    public static bool IsRefLikeOrPointer(this ITypeSymbol type) =>
        type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol;
}
