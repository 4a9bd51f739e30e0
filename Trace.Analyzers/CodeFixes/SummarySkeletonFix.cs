using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Analyzers.CodeFixes;

/// <summary>OPTO007: adds a doc summary skeleton above a trainable method, to be filled with what the method must do.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SummarySkeletonFix)), Shared]
public sealed class SummarySkeletonFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.MissingSummary.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method) return;
        context.RegisterCodeFix(
            CodeAction.Create("Add a doc summary", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, WithSummary(method)))), nameof(SummarySkeletonFix)),
            context.Diagnostics);
    }

    private static MethodDeclarationSyntax WithSummary(MethodDeclarationSyntax method)
    {
        var leading = method.GetLeadingTrivia();
        var text = leading.ToFullString();
        var newLine = text.Contains("\r\n") || method.SyntaxTree.GetText().ToString().Contains("\r\n") ? "\r\n" : "\n";
        var sentence = $"What {method.Identifier.ValueText} must do, and what a good result looks like: the optimizer reads this.";

        // An empty summary is filled in rather than joined by a second one (the first one is what gets read).
        var empty = Regex.Match(text, @"<summary\s*>\s*(///\s*)*</summary\s*>");
        if (empty.Success)
        {
            return method.WithLeadingTrivia(SyntaxFactory.ParseLeadingTrivia(text.Substring(0, empty.Index) + $"<summary>{sentence}</summary>" + text.Substring(empty.Index + empty.Length)));
        }

        var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
        var lines = $"/// <summary>{newLine}{indentation}/// {sentence}{newLine}{indentation}/// </summary>{newLine}{indentation}";
        return method.WithLeadingTrivia(leading.AddRange(SyntaxFactory.ParseLeadingTrivia(lines)));
    }
}
