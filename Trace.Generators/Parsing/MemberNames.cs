using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Generators.Parsing;

/// <summary>
/// The names a traced method's dependencies can have: a name in its body that is none of them need not be bound.
/// A dependency is a trainable member, a member holding nodes, a captured primary-constructor parameter, or a property or
/// helper of the same object walked for those; each is declared in the project, inherited by one of its classes, or
/// declared in an assembly built on the runtime, directly or through another (only those can carry <c>[Trainable]</c>
/// or hold nodes). A local
/// function needs no name here: its body is part of the body that declares it, which the walk reads whole. A name binds
/// to a symbol of the same name, so a name outside this set binds to none of them: a local, a parameter, a type, or a
/// member of a library that knows nothing of Opto. Of a compiled assembly's members only fields and properties count: a
/// method or property body is walked only where the project has its source, and a compiled method's name (the runtime's
/// <c>Contains</c>, <c>Add</c>) would otherwise have the body's calls of every method so named bound, each a search of
/// every extension method in scope.
/// </summary>
internal static class MemberNames
{
    public static HashSet<string> Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var inheritedFrom = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        AddSource(compilation.Assembly.GlobalNamespace, names, inheritedFrom, cancellationToken);
        foreach (var assembly in BuiltOnRuntime(compilation)) AddAll(assembly.GlobalNamespace, names, cancellationToken);
        return names;
    }

    // The runtime and the referenced assemblies built on it, directly or through others (a class of one that holds nodes
    // can be the type of a member of another that references only the first).
    private static List<IAssemblySymbol> BuiltOnRuntime(Compilation compilation)
    {
        var referenced = compilation.SourceModule.ReferencedAssemblySymbols;
        var built = new HashSet<string>(System.StringComparer.Ordinal) { KnownTypes.RuntimeAssembly };
        var result = new List<IAssemblySymbol>();
        bool added;
        do
        {
            added = false;
            foreach (var assembly in referenced)
            {
                if (result.Contains(assembly)) continue;
                if (assembly.Name != KnownTypes.RuntimeAssembly && !assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => built.Contains(a.Name)))) continue;
                built.Add(assembly.Name);
                result.Add(assembly);
                added = true;
            }
        }
        while (added);

        return result;
    }

    private static void AddSource(INamespaceOrTypeSymbol container, HashSet<string> names, HashSet<INamedTypeSymbol> inheritedFrom, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (container is INamespaceSymbol ns)
        {
            foreach (var member in ns.GetMembers()) AddSource(member, names, inheritedFrom, cancellationToken);
            return;
        }

        var type = (INamedTypeSymbol)container;
        names.UnionWith(type.MemberNames);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: { } primary })
            {
                foreach (var parameter in primary.Parameters) names.Add(parameter.Identifier.ValueText);
            }
        }

        // Members inherited from a library's class are members of this object too.
        for (var baseType = type.BaseType; baseType is not null && inheritedFrom.Add(baseType.OriginalDefinition); baseType = baseType.BaseType)
        {
            if (baseType.DeclaringSyntaxReferences.Length > 0) names.UnionWith(baseType.MemberNames);
            else AddValues(baseType, names);
        }

        foreach (var nested in type.GetTypeMembers()) AddSource(nested, names, inheritedFrom, cancellationToken);
    }

    private static void AddAll(INamespaceOrTypeSymbol container, HashSet<string> names, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (container is INamedTypeSymbol type) AddValues(type, names);
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol nested) AddAll(nested, names, cancellationToken);
        }
    }

    // A compiled type's fields and properties: what a body can read of it as a dependency.
    private static void AddValues(INamedTypeSymbol type, HashSet<string> names)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol or IPropertySymbol) names.Add(member.Name);
        }
    }
}
