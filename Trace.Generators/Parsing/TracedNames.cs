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
/// <param name="All">Every such name.</param>
/// <param name="Generic">
/// The names of those methods that are generic or declared in a generic type: the only calls whose interceptor's types
/// (type arguments the compiler infers) need the compiler's nullable analysis to be spelled as the call has them.
/// </param>
internal sealed record TracedNames(HashSet<string> All, HashSet<string> Generic)
{
    public static TracedNames? Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new TracedNames(new HashSet<string>(System.StringComparer.Ordinal), new HashSet<string>(System.StringComparer.Ordinal));
        if (!KnownTypes.Includes(compilation, KnownTypes.RuntimeAssembly)) return names;

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (OwnOutput.Is(tree)) continue;
            if (AttributeNames.AliasesInScope(tree, compilation, cancellationToken)) return null;
            foreach (var method in AttributeNames.TracingCandidates(tree.GetRoot(cancellationToken), aliasesInScope: false))
            {
                names.All.Add(method.Identifier.ValueText);
                if (method.TypeParameterList is not null || method.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.TypeParameterList is not null))
                {
                    names.Generic.Add(method.Identifier.ValueText);
                }
            }
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(a => a.Name == KnownTypes.RuntimeAssembly))) continue;
            names.AddTraced(assembly.GlobalNamespace, cancellationToken);
        }

        return names;
    }

    /// <summary>The names read from the symbols of the project's own methods, where a using alias hides the attributes from syntax.</summary>
    public static TracedNames OfSymbols(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new TracedNames(new HashSet<string>(System.StringComparer.Ordinal), new HashSet<string>(System.StringComparer.Ordinal));
        names.AddTraced(compilation.Assembly.GlobalNamespace, cancellationToken);
        return names;
    }

    /// <summary>The name a call is written with (<c>Summarize</c> in <c>agent.Summarize(t)</c>, <c>Join</c> in <c>string.Join</c>), or empty.</summary>
    public static string InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => "",
    };

    private void AddTraced(INamespaceOrTypeSymbol container, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    AddTraced(nested, cancellationToken);
                    break;
                case IMethodSymbol method when !Generic.Contains(method.Name) && method.IsTracedMethod():
                    All.Add(method.Name);
                    if (method.IsGenericMethod || method.ContainingType.InGenericType()) Generic.Add(method.Name);
                    break;
            }
        }
    }
}
