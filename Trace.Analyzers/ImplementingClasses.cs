using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Classes whose interface properties the runtime cannot resolve to the trainable that runs: a trainable is registered with
/// what its own class implements, so a read through an interface finds it only when that class declares the interface,
/// and finds it even when a derived class implements the member again.
/// </summary>
internal static class ImplementingClasses
{
    /// <summary>A trainable that a read through the interface member misses or wrongly finds on objects of the class, where to say so, and why.</summary>
    public readonly record struct Problem(IPropertySymbol Trainable, Location Location, string Reason);

    public static IEnumerable<Problem> Of(INamedTypeSymbol type, Compilation compilation, TraceAttributes attributes)
    {
        if (type.TypeKind != TypeKind.Class) yield break;
        foreach (var @interface in type.AllInterfaces)
        {
            if (!ImplementedMembers.CanDeclareTrainables(@interface.ContainingAssembly, compilation)) continue;
            foreach (var member in @interface.GetMembers().OfType<IPropertySymbol>())
            {
                if (type.FindImplementationForInterfaceMember(member) is not IPropertySymbol implementation) continue;
                var trainable = attributes.Trainable(implementation) is not null;
                if (trainable && !SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type)
                    && !ImplementedMembers.Of(implementation).Contains(member, SymbolEqualityComparer.Default)
                    && !ImplementedByBase(type.BaseType, member))
                {
                    // `class D : B, IPersona {}` with `B.Voice` trainable: only D says it implements IPersona.
                    yield return new Problem(implementation, type.Locations.FirstOrDefault() ?? Location.None,
                        $"'{type.Name}' implements '{@interface.Name}.{member.Name}' with it, but '{implementation.ContainingType.Name}' does not declare '{@interface.Name}', so a read through '{@interface.Name}' on a {type.Name} is not linked to it; declare '{@interface.Name}' on '{implementation.ContainingType.Name}'");
                }
                else if (!trainable && !implementation.IsOverride && SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type)
                    && BaseTrainableImplementing(type.BaseType, member, attributes) is { } hidden)
                {
                    // `class D : B, IPersona { public new string Voice => ...; }` with `B.Voice` trainable: D's property runs.
                    yield return new Problem(hidden, implementation.Locations.FirstOrDefault() ?? Location.None,
                        $"'{type.Name}' implements '{@interface.Name}.{member.Name}' again without [Trainable], so a read through '{@interface.Name}' on a {type.Name} returns its value but is linked to '{hidden.ContainingType.Name}.{hidden.Name}'; put [Trainable] on it, or remove '{@interface.Name}' from '{type.Name}'");
                }
            }
        }
    }

    // A base class that itself implements the interface member (the runtime then knows through that class's registration, or the base reports it).
    private static bool ImplementedByBase(INamedTypeSymbol? baseType, IPropertySymbol member) =>
        baseType is not null && baseType.AllInterfaces.Contains(member.ContainingType, SymbolEqualityComparer.Default);

    private static IPropertySymbol? BaseTrainableImplementing(INamedTypeSymbol? baseType, IPropertySymbol member, TraceAttributes attributes)
    {
        for (var t = baseType; t is not null; t = t.BaseType)
        {
            foreach (var candidate in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (attributes.Trainable(candidate) is not null && ImplementedMembers.Of(candidate).Contains(member, SymbolEqualityComparer.Default)) return candidate;
            }
        }

        return null;
    }
}
