using Microsoft.CodeAnalysis;

namespace Opto.Analyzers;

/// <summary>The attribute types of one compilation, looked up once when it starts and compared by symbol.</summary>
internal sealed class TraceAttributes
{
    private TraceAttributes(INamedTypeSymbol? traced, INamedTypeSymbol? trainable)
    {
        TracedType = traced;
        TrainableType = trainable;
    }

    /// <summary><c>Opto.TracedAttribute</c>, or null when the compilation cannot see it.</summary>
    public INamedTypeSymbol? TracedType { get; }

    /// <summary><c>Opto.TrainableAttribute</c>, or null when the compilation cannot see it.</summary>
    public INamedTypeSymbol? TrainableType { get; }

    public static TraceAttributes From(Compilation compilation) =>
        new(compilation.GetTypeByMetadataName(Symbols.Traced), compilation.GetTypeByMetadataName(Symbols.Trainable));

    /// <summary>The <c>[Traced]</c> attribute on <paramref name="symbol"/>, if any.</summary>
    public AttributeData? Traced(ISymbol symbol) => Find(symbol, TracedType);

    /// <summary>The <c>[Trainable]</c> attribute on <paramref name="symbol"/>, if any.</summary>
    public AttributeData? Trainable(ISymbol symbol) => Find(symbol, TrainableType);

    /// <summary>"Traced" or "Trainable" when <paramref name="type"/> is one of the two attributes; otherwise null.</summary>
    public string? NameOf(ITypeSymbol? type) =>
        type is null ? null : Is(type, TracedType) ? "Traced" : Is(type, TrainableType) ? "Trainable" : null;

    public bool IsTraced(IMethodSymbol method) => Traced(method) is not null || Trainable(method) is not null;

    public bool IsTracedOrOverridesTraced(IMethodSymbol method)
    {
        for (var m = method; m is not null; m = m.OverriddenMethod?.OriginalDefinition)
        {
            if (IsTraced(m)) return true;
        }

        return false;
    }

    private static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null) return null;
        foreach (var data in symbol.GetAttributes())
        {
            if (Is(data.AttributeClass, attribute)) return data;
        }

        return null;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? attribute) =>
        attribute is not null && SymbolEqualityComparer.Default.Equals(type, attribute);
}
