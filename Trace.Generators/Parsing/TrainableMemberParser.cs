using System.Linq;
using Microsoft.CodeAnalysis;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Reads a <c>[Trainable]</c> field or property. Members the optimizer could not write (readonly, const,
/// get-only, init-only, ref-returning, indexers) or whose type generated code cannot name are skipped.
/// </summary>
internal static class TrainableMemberParser
{
    public static TrainableMemberSpec? Parse(ISymbol symbol, AttributeData attribute, Compilation compilation)
    {
        var type = symbol.ContainingType;
        if (type is null || type.IsGenericType || type.TypeKind != TypeKind.Class || !type.IsNameableFrom(compilation)) return null;
        if (type.IsStatic && !symbol.IsStatic) return null;

        ITypeSymbol valueType;
        AccessKind getter, setter;
        switch (symbol)
        {
            case IFieldSymbol field when !field.IsReadOnly && !field.IsConst && field.RefKind == RefKind.None:
                valueType = field.Type;
                getter = setter = ProjectAccess.Allows(field, compilation) ? AccessKind.Direct : AccessKind.UnsafeField;
                break;
            case IPropertySymbol { IsIndexer: false, ReturnsByRef: false, ReturnsByRefReadonly: false, GetMethod: { } get, SetMethod: { IsInitOnly: false } set }:
                valueType = ((IPropertySymbol)symbol).Type;
                getter = ProjectAccess.Allows(get, compilation) ? AccessKind.Direct : AccessKind.UnsafeMethod;
                setter = ProjectAccess.Allows(set, compilation) ? AccessKind.Direct : AccessKind.UnsafeMethod;
                break;
            default:
                return null;
        }

        // An explicit interface implementation is read and written through its interface, whose accessors are its own.
        string? explicitInterface = null;
        if (symbol is IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 } explicitProperty)
        {
            var implemented = explicitProperty.ExplicitInterfaceImplementations[0];
            if (!implemented.ContainingType.IsNameableFrom(compilation)) return null;
            explicitInterface = implemented.ContainingType.Qualified();
            getter = setter = AccessKind.Direct;
        }

        // UnsafeAccessor needs the declaring type as a parameter type, which a static class cannot be.
        if (type.IsStatic && (getter != AccessKind.Direct || setter != AccessKind.Direct)) return null;
        if (!valueType.IsRecordable() || !valueType.IsNameableFrom(compilation)) return null;

        var description = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        string? constraint = null;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Constraint") constraint = argument.Value.Value as string;
        }

        return new TrainableMemberSpec(
            type.Qualified(),
            type.NameForExtensions(),
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.IsPublicFromOutside(),
            type.IsStatic,
            ImplementedMembers.WrittenName(symbol),
            valueType.Qualified(),
            symbol.IsStatic,
            symbol is IFieldSymbol,
            getter,
            setter,
            description,
            constraint,
            ContextCollector.Of(type),
            new ContextCollector().Add(symbol).Add(valueType).Requirements(symbol).ToSpec(),
            Implements: Implemented(symbol, compilation),
            ExplicitInterface: explicitInterface);
    }

    // What a traced body may read this property through (ImplementedMembers.MayRunTrainable names the same members).
    private static EquatableArray<ImplementedMemberSpec>? Implemented(ISymbol symbol, Compilation compilation)
    {
        if (symbol is not IPropertySymbol { IsStatic: false } property) return null;
        var implemented = ImplementedMembers.Of(property)
            .Where(m => m.ContainingType.IsNameableFrom(compilation))
            .Select(m => new ImplementedMemberSpec(m.ContainingType.Qualified(), m.Name))
            .ToList();
        return implemented.Count == 0 ? null : implemented.ToEquatableArray();
    }
}
