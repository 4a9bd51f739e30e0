using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// What other members of the project put where a value is read from: the values a field or property of an object is given
/// in its type's other members (<c>_summary = Search(q)</c> in one method, <c>Complete(_summary + "?")</c> in another), and
/// the values an untraced method returns (<c>Complete(GetDocs(q))</c> with <c>GetDocs</c> returning
/// <c>"Docs: " + Search(q)</c>). No slot crosses a member, so a result that reaches a traced call changed along such a path
/// is not linked. Read from the members' own bodies, once per compilation.
/// </summary>
internal sealed class OtherMembers(Func<SyntaxTree, SemanticModel> modelOf, TraceAttributes attributes, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<IOperation>> _writes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>> _returns = new(SymbolEqualityComparer.Default);

    /// <summary>The values <paramref name="member"/> (a field or a property, of this object or static) is given in any member of its type.</summary>
    public IReadOnlyList<IOperation> WritesOf(ISymbol member) => _writes.GetOrAdd(member.OriginalDefinition, FindWrites);

    /// <summary>The values <paramref name="method"/> returns, when it is an untraced method of the project with a body; else none.</summary>
    public IReadOnlyList<IOperation> ReturnsOf(IMethodSymbol method) => _returns.GetOrAdd((method.ReducedFrom ?? method).OriginalDefinition, FindReturns);

    private IReadOnlyList<IOperation> FindWrites(ISymbol member)
    {
        var values = new List<IOperation>();
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax type) continue;
            foreach (var body in Bodies(type))
            {
                // Only bodies that assign something of that name are bound.
                if (!body.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a => NameOf(a.Left) == member.Name)) continue;
                if (modelOf(body.SyntaxTree).GetOperation(body, cancellationToken) is not { } operation) continue;
                if (!MemberWrites.In(operation).TryGetValue(member, out var writes)) continue;
                foreach (var write in writes.Where(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform && !w.ThroughArguments))
                {
                    values.Add(write.Value is ICompoundAssignmentOperation compound ? compound.Value : write.Value);
                }
            }
        }

        return values;
    }

    private IReadOnlyList<IOperation> FindReturns(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern || method.ReturnsVoid || attributes.IsTracedOrOverridesTraced(method)) return [];
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration) return [];
        if ((declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is null) return [];
        if (modelOf(declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } body) return [];
        return [.. ResultPaths.ReturnsIn(body).Where(r => r.Kind == OperationKind.Return).Select(r => r.ReturnedValue!)];
    }

    // The bodies of a type's members (not of nested types): methods, constructors, operators, accessors.
    private static IEnumerable<SyntaxNode> Bodies(TypeDeclarationSyntax type) =>
        type.Members.SelectMany(m => m switch
        {
            BaseMethodDeclarationSyntax method => [method],
            BasePropertyDeclarationSyntax { AccessorList: { } accessors } => accessors.Accessors.Cast<SyntaxNode>(),
            _ => Array.Empty<SyntaxNode>(),
        });

    private static string NameOf(ExpressionSyntax target) => target switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => "",
    };
}
