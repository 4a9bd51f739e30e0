using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// A static abstract or virtual property of an interface read through a type parameter (<c>T.DefaultPrompt</c> where
/// <c>T : IHasDefaults</c>) that a <c>[Trainable]</c> static property of the project implements: which type's property runs
/// is decided only when the generic code runs, and the generator links the members a body names, so the value is never linked.
/// </summary>
internal static class StaticInterfaceReads
{
    /// <summary>The [Trainable] static properties of the project that may run for <paramref name="read"/>; empty for any other read.</summary>
    public static IReadOnlyList<IPropertySymbol> TrainablesRunBy(IOperation read, TraceAttributes attributes, Compilation compilation)
    {
        if (read is not IPropertyReferenceOperation { Property: { IsStatic: true, ContainingType.TypeKind: TypeKind.Interface } member } || !(member.IsAbstract || member.IsVirtual)) return [];
        var definition = member.OriginalDefinition;
        return [.. compilation.GetSymbolsWithName(n => n == definition.Name || n.EndsWith("." + definition.Name, System.StringComparison.Ordinal), SymbolFilter.Member)
            .OfType<IPropertySymbol>()
            .Where(p => p.IsStatic && attributes.Trainable(p) is not null && Implements(p, definition))];
    }

    private static bool Implements(IPropertySymbol property, ISymbol definition) =>
        property.ContainingType.AllInterfaces
            .Where(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, definition.ContainingType))
            .SelectMany(i => i.GetMembers(definition.Name).Where(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, definition)))
            .Any(m => SymbolEqualityComparer.Default.Equals(property.ContainingType.FindImplementationForInterfaceMember(m), property));

    /// <summary>Why the read is not linked, naming the trainables that may run.</summary>
    public static string Reason(IPropertyReferenceOperation read, IReadOnlyList<IPropertySymbol> trainables, string method) =>
        $"it is the static member '{read.Property.ContainingType.Name}.{read.Property.Name}' read through a type parameter, so which type's [Trainable] property runs ({string.Join(", ", trainables.Select(t => $"'{t.ContainingType.Name}.{t.Name}'"))}) is decided only as the generic code runs, and only what a body names is linked; read it on the type itself, or pass the value to '{method}'";
}
