using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// Members of C# 14 extension blocks (<c>extension(string text) { public string Shout() ... }</c>). The compiler gives each
/// such method an implementation: a static method of the enclosing static class whose parameters are the block's receiver
/// (for an instance member) followed by the member's own, and whose type parameters are the block's followed by the
/// member's. A call is intercepted as a call of that method: its interceptor is a classic extension method (or a static
/// method) and calls <c>Class.Shout(text)</c>. Compiled into the generator and the analyzers.
/// </summary>
internal static class ExtensionMembers
{
    /// <summary>Whether <paramref name="method"/> is declared in an extension block.</summary>
    public static bool IsExtensionMember(IMethodSymbol method) => method.ContainingType is { TypeKind: TypeKind.Extension };

    /// <summary>
    /// The method an interceptor of a call of <paramref name="called"/> calls: the static form of an extension method or of
    /// an extension-block member, else the method itself. Null for an extension-block member whose implementation this
    /// compiler does not show.
    /// </summary>
    public static IMethodSymbol? InterceptedForm(IMethodSymbol called) =>
        called.ReducedFrom is not null ? called.GetConstructedReducedFrom() : IsExtensionMember(called) ? Implementation(called) : called;

    /// <summary>The receiver parameter of an instance member of an extension block (<c>text</c> in <c>extension(string text)</c>), or null.</summary>
    public static IParameterSymbol? Receiver(IMethodSymbol method) =>
        method is { IsStatic: false, ContainingType: { TypeKind: TypeKind.Extension } block } ? block.ExtensionParameter : null;

    /// <summary>
    /// The implementation of the extension-block member <paramref name="member"/>, constructed with the call's type arguments
    /// when the member or its block is generic; null when the member is not in an extension block, or when this compiler
    /// does not show the implementation (a compiler older than C# 14's).
    /// </summary>
    public static IMethodSymbol? Implementation(IMethodSymbol member)
    {
        if (member.ContainingType is not { TypeKind: TypeKind.Extension } block || block.ContainingType is not { } declaring) return null;
        var definition = member.OriginalDefinition;
        var receiver = Receiver(definition);
        if (!definition.IsStatic && receiver is null) return null;

        var typeParameters = definition.ContainingType.TypeParameters.Concat<ITypeSymbol>(definition.TypeParameters).ToImmutableArray();
        var parameterCount = receiver is null ? definition.Parameters.Length : definition.Parameters.Length + 1;
        foreach (var candidate in declaring.GetMembers(definition.Name).OfType<IMethodSymbol>())
        {
            // Declared by the compiler in source, an ordinary static method in metadata; no other member can have its signature.
            if (!candidate.IsStatic || candidate.Arity != typeParameters.Length || candidate.Parameters.Length != parameterCount) continue;
            // Its parameter types, written in the block's and the member's type parameters, are the member's.
            var inMemberTerms = typeParameters.Length == 0 ? candidate : candidate.Construct(typeParameters, typeParameters.Select(_ => NullableAnnotation.None).ToImmutableArray());
            if (!Matches(inMemberTerms, definition, receiver)) continue;
            if (typeParameters.Length == 0) return candidate;
            var arguments = block.TypeArguments.Concat(member.TypeArguments).ToImmutableArray();
            return candidate.Construct(arguments, arguments.Select(_ => NullableAnnotation.None).ToImmutableArray());
        }

        return null;
    }

    private static bool Matches(IMethodSymbol implementation, IMethodSymbol member, IParameterSymbol? receiver)
    {
        var offset = receiver is null ? 0 : 1;
        if (receiver is not null && !SameParameter(implementation.Parameters[0], receiver)) return false;
        for (var i = 0; i < member.Parameters.Length; i++)
        {
            if (!SameParameter(implementation.Parameters[i + offset], member.Parameters[i])) return false;
        }

        return SymbolEqualityComparer.Default.Equals(implementation.ReturnType, member.ReturnType) && implementation.RefKind == member.RefKind;
    }

    private static bool SameParameter(IParameterSymbol a, IParameterSymbol b) =>
        a.RefKind == b.RefKind && SymbolEqualityComparer.Default.Equals(a.Type, b.Type);
}
