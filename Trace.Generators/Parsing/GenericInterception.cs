using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// Calls whose types generated code cannot write out (a private or anonymous type argument, a type parameter of the
/// generic code around the call) are intercepted by a generic interceptor: it declares the type parameters of the method
/// and of the types that contain it, and the compiler passes it the call's type arguments, outermost type first. It then
/// names only the method's declaration, never the call's types.
/// </summary>
internal static class GenericInterception
{
    /// <summary>The type parameters such an interceptor declares: those of the containing types, outermost first, then the method's.</summary>
    public static ImmutableArray<ITypeParameterSymbol> TypeParameters(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        var types = new List<INamedTypeSymbol>();
        for (var type = definition.ContainingType; type is not null; type = type.ContainingType) types.Insert(0, type);
        return types.SelectMany(t => t.TypeParameters).Concat(definition.TypeParameters).ToImmutableArray();
    }

    /// <summary>
    /// Whether a generic interceptor can intercept calls of <paramref name="method"/> whatever their type arguments: the
    /// method is generic or in a generic type, and its declaration (containing types, parameters, result and constraints)
    /// can be written with only its own type parameters, which must not clash with each other or with the parameters' names.
    /// Whether generated code can reach the method at all is <see cref="InterceptionRule.Unreachable"/>'s question.
    /// </summary>
    public static bool Allows(IMethodSymbol method, Compilation compilation) =>
        !TypeParameters(method).IsEmpty && Obstacle(method) is null && WhyNot(method, compilation) is null;

    /// <summary>
    /// What in the type parameters of <paramref name="method"/> or of its types a generic interceptor cannot declare, as a
    /// clause (<c>its type parameter T allows ref struct, ...</c>), or null. It is said beside the call's own reason, whose
    /// advice (name a type generated code can write) traces the call too.
    /// </summary>
    public static string? Obstacle(IMethodSymbol method)
    {
        var definition = method.OriginalDefinition;
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var parameter in TypeParameters(definition))
        {
            if (parameter.AllowsRefLikeType) return $"its type parameter {parameter.Name} allows ref struct, and a ref struct cannot be recorded";
            // [DynamicallyAccessedMembers] is repeated on the interceptor's own type parameter (CallSiteParser); other
            // attributes are not.
            if (parameter.GetAttributes().FirstOrDefault(a => !IsCompilerEncoding(a.AttributeClass) && !IsDynamicallyAccessedMembers(a.AttributeClass)) is { } attribute)
            {
                return $"its type parameter {parameter.Name} has the attribute {attribute.AttributeClass?.ToDisplayString()}, which it does not repeat";
            }

            // The interceptor's own names: its receiver `@this`, its `__`-prefixed locals and operators, and `var`, which its
            // locals are declared with.
            if (parameter.Name is "this" or "var" || parameter.Name.StartsWith("__", System.StringComparison.Ordinal))
            {
                return $"its type parameter {(parameter.Name == "this" ? "@this" : parameter.Name)} clashes with the interceptor's own names";
            }

            if (!names.Add(parameter.Name)) return $"the method and its type both have a type parameter named {parameter.Name}, which it declares once";
        }

        return definition.Parameters.FirstOrDefault(p => names.Contains(p.Name)) is { } clash
            ? $"the parameter '{clash.Name}' is named like a type parameter, which it declares beside it"
            : null;
    }

    /// <summary>
    /// Why the declaration of <paramref name="method"/> cannot be written with its own type parameters (a private type in
    /// its parameters or result, say), or null when it can or when generic interception is out for another reason. This
    /// blocks a call whatever code it is made from, so it is the reason to give rather than the call's own types.
    /// </summary>
    public static string? WhyNot(IMethodSymbol method, Compilation compilation)
    {
        var definition = method.OriginalDefinition;
        var typeParameters = TypeParameters(definition);
        return typeParameters.IsEmpty ? null : UnwritableDeclaration(definition, typeParameters, compilation);
    }

    private static string? UnwritableDeclaration(IMethodSymbol definition, ImmutableArray<ITypeParameterSymbol> typeParameters, Compilation compilation)
    {
        var inScope = new HashSet<ITypeParameterSymbol>(typeParameters, SymbolEqualityComparer.Default);
        string? Reason(string what, ITypeSymbol type) => Unnameable.PartOf(type, compilation, inScope) is { } part ? Unnameable.Reason(what, type, part) : null;
        return Reason("the type", definition.ContainingType)
            ?? (definition.ReturnsVoid ? null : Reason("its result type", definition.ReturnType))
            ?? definition.Parameters.Select(p => Reason($"the type of parameter '{p.Name}'", p.Type)).FirstOrDefault(r => r is not null)
            ?? typeParameters.SelectMany(p => p.ConstraintTypes.Select(c => Reason($"the constraint on {p.Name}", c))).FirstOrDefault(r => r is not null);
    }

    // What the compiler writes into metadata for a language feature (NullableAttribute, IsUnmanagedAttribute): read from a
    // referenced assembly, a type parameter shows them as attributes; the interceptor's own declaration gets them anew.
    private static bool IsCompilerEncoding(INamedTypeSymbol? attribute) =>
        attribute is { ContainingNamespace: { Name: "CompilerServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    private static bool IsDynamicallyAccessedMembers(INamedTypeSymbol? attribute) =>
        attribute is { Name: "DynamicallyAccessedMembersAttribute", ContainingNamespace: { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The type parameter list, as the interceptor passes it on: <c>&lt;T, U&gt;</c>.</summary>
    public static string TypeParameterList(IEnumerable<ITypeParameterSymbol> parameters) => "<" + string.Join(", ", parameters.Select(p => p.Qualified())) + ">";

    /// <summary>The constraint clauses of every type parameter that has one, each preceded by a space.</summary>
    public static string ConstraintClauses(IEnumerable<ITypeParameterSymbol> parameters)
    {
        var clauses = new StringBuilder();
        foreach (var parameter in parameters)
        {
            var constraints = new List<string>();
            if (parameter.HasUnmanagedTypeConstraint) constraints.Add("unmanaged");
            else if (parameter.HasValueTypeConstraint) constraints.Add("struct");
            else if (parameter.HasReferenceTypeConstraint) constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            else if (parameter.HasNotNullConstraint) constraints.Add("notnull");
            constraints.AddRange(parameter.ConstraintTypes.Select(t => t.Qualified()));
            if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint) constraints.Add("new()");
            if (constraints.Count > 0) clauses.Append(" where ").Append(parameter.Qualified()).Append(" : ").Append(string.Join(", ", constraints));
        }

        return clauses.ToString();
    }
}
