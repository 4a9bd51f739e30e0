using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Analyzers;

/// <summary>The initializer a field or an auto-property of the project is declared with (<c>readonly StringBuilder _header = new();</c>).</summary>
internal static class MemberInitializers
{
    /// <summary>The bound initializer of <paramref name="member"/>, or null when it has none in source.</summary>
    public static IOperation? Of(ISymbol member, Func<SyntaxTree, SemanticModel> modelOf)
    {
        if (member.DeclaringSyntaxReferences.Length != 1) return null;
        var initializer = member.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            VariableDeclaratorSyntax { Initializer.Value: var value } => value,
            PropertyDeclarationSyntax { Initializer.Value: var value } => value,
            _ => null,
        };
        return initializer is null ? null : modelOf(initializer.SyntaxTree).GetOperation(initializer);
    }
}
