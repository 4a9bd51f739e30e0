using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>Why generated code cannot name a type.</summary>
internal enum UnnameableKind
{
    /// <summary>A type parameter of the generic code around the call.</summary>
    TypeParameter,

    /// <summary>Private or protected, or nested in such a type.</summary>
    Inaccessible,

    FileLocal,

    Anonymous,

    RefStruct,

    /// <summary>Pointers, function pointers, extension blocks and types the compiler could not bind.</summary>
    Other,
}

/// <summary>
/// The part of a type that generated code cannot name, and why: a diagnostic names that part (the private type argument
/// of a public generic class, the type parameter a constructed type involves), not the whole type.
/// </summary>
internal static class Unnameable
{
    /// <param name="type">The type.</param>
    /// <param name="compilation">The compilation generated code is part of.</param>
    /// <param name="inScope">Type parameters the generated code declares itself (a generic interceptor's), which it can name.</param>
    /// <returns>Null when generated code in <paramref name="compilation"/> can name <paramref name="type"/>.</returns>
    public static (ITypeSymbol Part, UnnameableKind Kind)? PartOf(ITypeSymbol type, Compilation compilation, ISet<ITypeParameterSymbol>? inScope = null)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return PartOf(array.ElementType, compilation, inScope);
            case ITypeParameterSymbol parameter:
                return inScope is not null && inScope.Contains(parameter) ? null : (type, UnnameableKind.TypeParameter);
            case IDynamicTypeSymbol:
                return null;
            case INamedTypeSymbol named:
                if (named.IsAnonymousType) return (named, UnnameableKind.Anonymous);
                // A file-local type is invisible to every other file, generated ones included.
                if (named.IsFileLocal) return (named, UnnameableKind.FileLocal);
                if (named.IsRefLikeType) return (named, UnnameableKind.RefStruct);
                if (named.TypeKind == TypeKind.Extension) return (named, UnnameableKind.Other);
                // The declarations before any type argument: a private Box<T> stays private in non-generic code, and so does
                // a private class nested in Outer<T>. The outermost container that cannot be named is the one to change.
                if (HiddenDeclaration(named, compilation) is { } hidden) return hidden;
                return TypeArgumentPart(named, compilation, inScope);
            default:
                return (type, UnnameableKind.Other);
        }
    }

    // The outermost of the type and its containers whose declaration generated code cannot name (file-local or inaccessible).
    private static (ITypeSymbol Part, UnnameableKind Kind)? HiddenDeclaration(INamedTypeSymbol named, Compilation compilation)
    {
        if (named.ContainingType is { } container && HiddenDeclaration(container, compilation) is { } outer) return outer;
        if (named.IsFileLocal) return (named, UnnameableKind.FileLocal);
        return ProjectAccess.Allows(named.OriginalDefinition, compilation) ? null : (named, UnnameableKind.Inaccessible);
    }

    // The first type argument, outermost container first, that generated code cannot name.
    private static (ITypeSymbol Part, UnnameableKind Kind)? TypeArgumentPart(INamedTypeSymbol named, Compilation compilation, ISet<ITypeParameterSymbol>? inScope)
    {
        if (named.ContainingType is { } container && TypeArgumentPart(container, compilation, inScope) is { } outer) return outer;
        foreach (var argument in named.TypeArguments)
        {
            if (PartOf(argument, compilation, inScope) is { } part) return part;
        }

        return null;
    }

    /// <summary>
    /// Why a call is not traced when <paramref name="what"/> (the receiver's type, "its result type", ...) is
    /// <paramref name="type"/>, whose part <paramref name="part"/> cannot be named; and what to do.
    /// </summary>
    public static string Reason(string what, ITypeSymbol type, (ITypeSymbol Part, UnnameableKind Kind) part)
    {
        var (unnamed, kind) = part;
        var whole = SymbolEqualityComparer.Default.Equals(type, unnamed);
        if (kind == UnnameableKind.TypeParameter)
        {
            return (whole ? $"{what} is the type parameter {unnamed.Name}" : $"{what} {type.ToDisplayString()} involves the type parameter {unnamed.Name}")
                + " of the generic code around the call; call it from non-generic code";
        }

        var why = kind switch
        {
            UnnameableKind.Inaccessible => "private or protected",
            UnnameableKind.FileLocal => "file-local",
            UnnameableKind.Anonymous => "an anonymous type",
            UnnameableKind.RefStruct => "a ref struct",
            _ => "not a type generated code can write",
        };
        var name = unnamed.ToDisplayString();
        var advice = kind switch
        {
            UnnameableKind.Inaccessible => $"; make {(whole ? "it" : name)} internal",
            UnnameableKind.FileLocal => $"; make {(whole ? "it" : name)} internal instead of file-local",
            UnnameableKind.Anonymous => "; use a named type",
            _ => "",
        };
        return whole
            ? $"generated code cannot name {what} {name} ({why}){advice}"
            : $"generated code cannot name {what} {type.ToDisplayString()}: {name} is {why}{advice}";
    }
}
