using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Generators.Parsing;

/// <summary>
/// Which attributes a declaration may carry, from its syntax alone: an attribute is written with its class's name
/// (<c>Trainable</c>, <c>TrainableAttribute</c>, qualified or not) or with an alias. When no alias can be in scope, a
/// declaration whose attributes have other names cannot carry it, and its attributes need not be bound.
/// </summary>
internal static class AttributeNames
{
    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> s_globalAliases = new();
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> s_fileAliases = new();

    /// <summary>Whether a using alias may be in scope in <paramref name="tree"/>: one in the file, or a global one anywhere.</summary>
    public static bool AliasesInScope(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken) =>
        s_fileAliases.GetValue(tree, t => new StrongBox<bool>(
            t.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().Any(u => u.Alias is not null))).Value
        || s_globalAliases.GetValue(compilation, c => new StrongBox<bool>(c.SyntaxTrees.Any(t =>
            t.GetCompilationUnitRoot(cancellationToken).Usings.Any(u => u.Alias is not null && !u.GlobalKeyword.IsKind(SyntaxKind.None))))).Value;

    /// <summary>
    /// Whether <paramref name="symbol"/> may carry the attribute whose class is named <paramref name="simpleName"/> +
    /// <c>Attribute</c>; true whenever the syntax cannot tell. Each declaration is read with the aliases of its own file.
    /// </summary>
    public static bool MayInclude(ISymbol symbol, string simpleName, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var aliasesInScope = AliasesInScope(reference.SyntaxTree, compilation, cancellationToken);
            var lists = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } => field.AttributeLists,
                MemberDeclarationSyntax member => member.AttributeLists,
                ParameterSyntax parameter => parameter.AttributeLists,
                _ => (SyntaxList<AttributeListSyntax>?)null,
            };
            if (lists is null) return true;
            foreach (var attribute in lists.Value.SelectMany(l => l.Attributes))
            {
                if (aliasesInScope) return true;
                var name = RightmostName(attribute.Name);
                if (name == simpleName || name == simpleName + "Attribute") return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The methods of a file declared with an attribute that could be <c>[Traced]</c> or <c>[Trainable]</c> (any attribute
    /// when <paramref name="aliasesInScope"/>), found without entering a method body.
    /// </summary>
    public static IEnumerable<MethodDeclarationSyntax> TracingCandidates(SyntaxNode root, bool aliasesInScope) =>
        root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<MethodDeclarationSyntax>()
            .Where(method => method.AttributeLists.SelectMany(l => l.Attributes).Any(a => aliasesInScope || RightmostName(a.Name) is "Traced" or "TracedAttribute" or "Trainable" or "TrainableAttribute"));

    /// <summary>The name an attribute is written with, without qualification.</summary>
    public static string RightmostName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => RightmostName(qualified.Right),
        AliasQualifiedNameSyntax aliased => RightmostName(aliased.Name),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };
}
