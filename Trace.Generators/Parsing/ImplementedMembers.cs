using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// Properties read through an interface or an overridable member (<c>IPersona.Voice</c>, <c>abstract Opening</c>): the
/// object's class decides which property runs, and a <c>[Trainable]</c> property may be the one. A trainable property is
/// registered with the members it implements or overrides, and a traced body's read of such a member is a dependency on
/// whichever trainable property of the object answers to it when the call completes.
/// </summary>
internal static class ImplementedMembers
{
    /// <summary>
    /// Whether a read of the property may run a <c>[Trainable]</c> property of the object's class: an interface's
    /// property or an abstract, virtual or unsealed override one, of a type of this project or of an assembly built on the
    /// runtime, of a type a trainable can have, and not itself trainable (that read is followed as it is).
    /// </summary>
    public static bool MayRunTrainable(ISymbol symbol, Compilation compilation) =>
        symbol is IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null, ReturnsByRef: false, ReturnsByRefReadonly: false } property
        && (property.ContainingType.TypeKind == TypeKind.Interface
            ? !property.IsSealed && (property.IsAbstract || property.IsVirtual)
            : property.ContainingType.TypeKind == TypeKind.Class && (property.IsAbstract || property.IsVirtual || property.IsOverride) && !property.IsSealed)
        && !property.HasAttribute(Symbols.TrainableAttribute)
        && property.Type.IsRecordable()
        && property.ContainingType.IsNameableFrom(compilation)
        && CanDeclareTrainables(property.ContainingAssembly, compilation);

    /// <summary>The interface and base-class properties a trainable property implements or overrides, each once.</summary>
    public static IEnumerable<IPropertySymbol> Of(IPropertySymbol trainable) => Implemented(trainable).OfType<IPropertySymbol>();

    /// <summary>The interface and base-class members a property or method implements or overrides, each once.</summary>
    public static List<ISymbol> Implemented(ISymbol member)
    {
        var found = new List<ISymbol>();
        var chain = new List<ISymbol>();
        for (var m = member; m is not null; m = Overridden(m))
        {
            chain.Add(m);
            if (!SymbolEqualityComparer.Default.Equals(m, member)) Add(m);
            foreach (var implemented in ExplicitlyImplemented(m)) Add(implemented);
        }

        foreach (var @interface in member.ContainingType.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(member.Name))
            {
                if (member.ContainingType.FindImplementationForInterfaceMember(candidate) is { } implementation && chain.Contains(implementation, SymbolEqualityComparer.Default))
                {
                    Add(candidate);
                }
            }
        }

        return found;

        void Add(ISymbol implemented)
        {
            if (!found.Contains(implemented, SymbolEqualityComparer.Default)) found.Add(implemented);
        }
    }

    /// <summary>
    /// The properties and methods of this project that implement or override a member (an interface's, or an abstract or
    /// virtual one): what may run in its place on an object of another class.
    /// </summary>
    public static IReadOnlyList<ISymbol> InProject(ISymbol member, Compilation compilation)
    {
        if (member.IsStatic || member.IsSealed || !(member.ContainingType.TypeKind == TypeKind.Interface || member.IsAbstract || member.IsVirtual || member.IsOverride)) return [];
        var definition = member.OriginalDefinition;
        return s_found.GetValue(compilation, static _ => new(SymbolEqualityComparer.Default)).GetOrAdd(definition, d => Find(d, compilation));
    }

    // Looked up once per member and compilation: the search reads every member name of the project.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, ISymbol[]>> s_found = new();

    private static ISymbol[] Find(ISymbol definition, Compilation compilation)
    {
        var name = definition.Name;
        var found = new List<ISymbol>();
        // An explicit implementation's name is qualified by its interface.
        foreach (var candidate in compilation.GetSymbolsWithName(n => n == name || n.EndsWith("." + name, System.StringComparison.Ordinal), SymbolFilter.Member))
        {
            if (candidate.Kind == definition.Kind && !SymbolEqualityComparer.Default.Equals(candidate, definition)
                && Implemented(candidate).Any(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, definition)))
            {
                found.Add(candidate);
            }
        }

        return [.. found];
    }

    /// <summary>
    /// The bodies that may run in place of a virtual, abstract or interface method or getter: each implementation or override
    /// of the project (its getter, for a property), not itself <c>[Trainable]</c>.
    /// </summary>
    public static IEnumerable<IMethodSymbol> BodiesInProject(IMethodSymbol method, Compilation compilation)
    {
        if (method.IsStatic || method.IsSealed || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet)) yield break;
        var member = method.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : method;
        foreach (var implementation in InProject(member, compilation))
        {
            if (implementation.HasAttribute(Symbols.TrainableAttribute)) continue;
            var body = implementation switch
            {
                IPropertySymbol overriding => overriding.GetMethod,
                IMethodSymbol overriding => overriding,
                _ => null,
            };
            if (body is { DeclaringSyntaxReferences.Length: > 0 }) yield return body;
        }
    }

    /// <summary>
    /// Whether the read is <c>base.Member</c> of a member that <paramref name="body"/> (a getter or method) overrides
    /// (<c>override Voice => base.Voice + "!"</c>): the base's trainable value, which a read of the member on an object of
    /// the override's class is linked to, since the override is not trainable itself.
    /// </summary>
    public static bool ReadsOverriddenBase(IMemberReferenceOperation read, IMethodSymbol body)
    {
        if (read.Instance?.Syntax is not BaseExpressionSyntax) return false;
        for (var member = Overridden(body.AssociatedSymbol ?? body); member is not null; member = Overridden(member))
        {
            if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, read.Member.OriginalDefinition)) return true;
        }

        return false;
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IPropertySymbol property => property.OverriddenProperty,
        IMethodSymbol method => method.OverriddenMethod,
        _ => null,
    };

    /// <summary>The name a member is written with: an explicit implementation's is its interface's and its own (<c>IPersona.Voice</c>).</summary>
    public static string WrittenName(ISymbol member) =>
        ExplicitlyImplemented(member).FirstOrDefault() is { } implemented ? $"{implemented.ContainingType.Name}.{implemented.Name}" : member.Name;

    private static IEnumerable<ISymbol> ExplicitlyImplemented(ISymbol member) => member switch
    {
        IPropertySymbol property => property.ExplicitInterfaceImplementations,
        IMethodSymbol method => method.ExplicitInterfaceImplementations,
        _ => [],
    };

    /// <summary>Whether a read of the member reads a trainable value or may (<see cref="MayRunTrainable"/>).</summary>
    public static bool MayReadTrainable(ISymbol member, Compilation compilation) =>
        AccessPaths.IsTrainableInstanceMember(member) || MayRunTrainable(member, compilation);

    /// <summary>
    /// Whether the member is trainable or a <c>[Trainable]</c> property of this project implements or overrides it: a read
    /// of it that cannot be linked is reported then (an implementation in another assembly is not known here).
    /// </summary>
    public static bool ReadsKnownTrainable(ISymbol member, Compilation compilation) =>
        AccessPaths.IsTrainableInstanceMember(member) || MayRunTrainable(member, compilation) && HasTrainableInProject((IPropertySymbol)member, compilation);

    /// <summary>Whether a <c>[Trainable]</c> property of this project implements or overrides the property.</summary>
    public static bool HasTrainableInProject(IPropertySymbol property, Compilation compilation) =>
        InProject(property, compilation).Any(candidate => candidate.HasAttribute(Symbols.TrainableAttribute));

    /// <summary>Whether the assembly can hold or see a <c>[Trainable]</c> implementation (the framework's <c>Exception.Message</c> cannot).</summary>
    public static bool CanDeclareTrainables(IAssemblySymbol assembly, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly)
        || assembly.Name == KnownTypes.RuntimeAssembly
        || assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == KnownTypes.RuntimeAssembly));
}
