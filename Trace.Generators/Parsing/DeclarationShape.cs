using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Generators.Parsing;

/// <summary>
/// A file as the compiler's declarations see it: its tokens outside the bodies of methods, accessors and local functions,
/// outside top-level statements and outside the initializers of properties and non-constant fields (each such part
/// leaves a marker, so adding or removing one still counts, and an accessor's marker says whether it uses <c>field</c>,
/// which makes the compiler declare a backing field). Two files of the same shape declare the same symbols with the
/// same attributes, types, modifiers and constants; an edit inside a body, or of trivia such as a comment, keeps the shape.
/// </summary>
/// <remarks>Read once per tree and kept with it.</remarks>
internal static class DeclarationShape
{
    private const char Separator = '\u0001';
    private const char BodyMarker = '\u0002';
    private static readonly ConditionalWeakTable<SyntaxTree, string> s_shapes = new();

    public static string Of(SyntaxTree tree, CancellationToken cancellationToken) =>
        s_shapes.TryGetValue(tree, out var shape) ? shape : s_shapes.GetValue(tree, t => Read(t, cancellationToken));

    private static string Read(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(tree.FilePath).Append(Separator);
        Append(tree.GetRoot(cancellationToken), text, cancellationToken);
        return text.ToString();
    }

    private static void Append(SyntaxNode node, StringBuilder text, CancellationToken cancellationToken)
    {
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.AsToken() is { RawKind: not 0 } token)
            {
                text.Append(token.Text).Append(Separator);
            }
            else if (child.AsNode() is { } inner)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (IsBody(inner))
                {
                    text.Append(BodyMarker).Append(Separator);
                    // `field` in an accessor makes the compiler declare a backing field (with any [field: ...] attributes).
                    if (inner.Parent is AccessorDeclarationSyntax or BasePropertyDeclarationSyntax && inner.DescendantNodes().Any(n => n.IsKind(SyntaxKind.FieldExpression)))
                    {
                        text.Append("field").Append(Separator);
                    }
                }
                else Append(inner, text, cancellationToken);
            }
        }
    }

    // What a declaration's symbol does not depend on: code that runs, as opposed to code that declares.
    private static bool IsBody(SyntaxNode node) => node switch
    {
        BlockSyntax or ArrowExpressionClauseSyntax => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or BasePropertyDeclarationSyntax,
        GlobalStatementSyntax => true,
        EqualsValueClauseSyntax => node.Parent is PropertyDeclarationSyntax
            || (node.Parent is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } && !field.Modifiers.Any(SyntaxKind.ConstKeyword)),
        _ => false,
    };
}
