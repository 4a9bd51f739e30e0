using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Analyzers.CodeFixes;

/// <summary>OPTO012: removes a redundant [Traced] attribute.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveRedundantTracedFix)), Shared]
public sealed class RemoveRedundantTracedFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.Redundant.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not AttributeSyntax attribute || attribute.Parent is not AttributeListSyntax list) return;
        SyntaxNode newRoot;
        if (list.Attributes.Count > 1)
        {
            newRoot = root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
        }
        else
        {
            // The declaration keeps its leading trivia (doc comment, indentation); the list goes with its own line.
            var declaration = list.Parent!;
            var without = declaration.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia)!;
            // A comment after the removed attribute, on its line, stays: on a line of its own.
            var leading = declaration.GetLeadingTrivia();
            var comments = list.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)).ToList();
            if (comments.Count > 0)
            {
                var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                var lineBreak = list.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                leading = leading.AddRange(comments).Add(lineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? lineBreak : SyntaxFactory.CarriageReturnLineFeed);
                if (indentation.IsKind(SyntaxKind.WhitespaceTrivia)) leading = leading.Add(indentation);
            }

            newRoot = root.ReplaceNode(declaration, without.WithLeadingTrivia(leading));
        }
        context.RegisterCodeFix(
            CodeAction.Create("Remove [Traced]", _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), nameof(RemoveRedundantTracedFix)),
            context.Diagnostics);
    }
}
