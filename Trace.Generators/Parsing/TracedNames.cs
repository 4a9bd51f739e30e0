using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Generators.Parsing;

/// <summary>
/// The names of every method a call could reach and be intercepted at: methods of the project whose attributes are
/// named <c>Traced</c> or <c>Trainable</c>, and methods carrying those attributes in referenced assemblies built against
/// the runtime. A call by any other name cannot be intercepted (an override or an extension call keeps its method's
/// name), so it is not bound. Null when the names cannot be known from syntax (a using alias may name the attributes).
/// </summary>
internal static class TracedNames
{
    public static HashSet<string>? Of(Compilation compilation, CancellationToken cancellationToken)
    {
        if (!KnownTypes.Includes(compilation, KnownTypes.RuntimeAssembly)) return [];

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (AttributeNames.AliasesInScope(tree, compilation, cancellationToken)) return null;
            foreach (var method in AttributeNames.TracingCandidates(tree.GetRoot(cancellationToken), aliasesInScope: false)) names.Add(method.Identifier.ValueText);
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == KnownTypes.RuntimeAssembly))) continue;
            AddTraced(assembly.GlobalNamespace, names, cancellationToken);
        }

        return names;
    }

    private static void AddTraced(INamespaceOrTypeSymbol container, HashSet<string> names, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    AddTraced(nested, names, cancellationToken);
                    break;
                case IMethodSymbol method when !names.Contains(method.Name) && method.IsTracedMethod():
                    names.Add(method.Name);
                    break;
            }
        }
    }
}
