using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Reads a <c>[Trainable]</c> method whose code is a parameter: its source (doc comment, signature, body), the using
/// directives its file sees, and the delegate type that stands in for it.
/// </summary>
internal static class TrainableMethodParser
{
    public static TrainableMemberSpec? Parse(SyntaxNode node, ISymbol symbol, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        if (symbol is not IMethodSymbol method || !CodeShape.IsSwappable(method, compilation)) return null;
        if (method.GetDocumentationCommentId() is not { } key || node is not MethodDeclarationSyntax declaration) return null;
        var type = method.ContainingType;

        var description = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        string? constraint = null;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Constraint") constraint = argument.Value.Value as string;
        }

        description ??= DocSummary.Of(method, declaration);
        var code = new CodeSpec(key, Source(declaration), Usings(declaration, compilation, cancellationToken).ToEquatableArray(), CodeShape.DelegateType(method));
        return new TrainableMemberSpec(
            type.Qualified(),
            type.NameForExtensions(),
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.IsPublicFromOutside(),
            type.IsStatic,
            method.Name,
            "string",
            IsStatic: true,
            IsField: false,
            AccessKind.Direct,
            AccessKind.Direct,
            description,
            constraint,
            ContextCollector.Of(type),
            Context(method),
            code);
    }

    // The registration names the type and the delegate type (the signature's types).
    private static ContextSpec Context(IMethodSymbol method)
    {
        var context = new ContextCollector().Add(method.ContainingType).Add(method.ReturnType);
        foreach (var parameter in method.Parameters) context.Add(parameter.Type);
        return context.ToSpec();
    }

    /// <summary>The declaration as written, with its doc comment, without the attribute lists and the common indentation.</summary>
    private static string Source(MethodDeclarationSyntax declaration)
    {
        var withoutAttributes = declaration.WithAttributeLists(default).WithLeadingTrivia(declaration.GetLeadingTrivia());
        var lines = withoutAttributes.ToFullString().Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[lines.Count - 1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart()));
    }

    /// <summary>The using directives in scope at the method: global ones from the whole compilation, then the file's own and its namespaces'.</summary>
    private static string[] Usings(SyntaxNode node, Compilation compilation, CancellationToken cancellationToken)
    {
        var global = compilation.SyntaxTrees
            .SelectMany(tree => tree.GetCompilationUnitRoot(cancellationToken).Usings)
            .Where(u => !u.GlobalKeyword.IsKind(SyntaxKind.None))
            .Select(u => u.WithGlobalKeyword(default).WithoutTrivia().NormalizeWhitespace().ToFullString());
        var local = node.Ancestors().SelectMany(a => a switch
        {
            CompilationUnitSyntax unit => unit.Usings.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.None)),
            BaseNamespaceDeclarationSyntax ns => ns.Usings,
            _ => Enumerable.Empty<UsingDirectiveSyntax>(),
        }).Select(u => u.WithoutTrivia().NormalizeWhitespace().ToFullString());
        return global.Concat(local).Distinct(StringComparer.Ordinal).OrderBy(u => u, StringComparer.Ordinal).ToArray();
    }
}
