using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Analyzers.CodeFixes;

/// <summary>OPTO003: replaces a method group of a traced method with a lambda that calls it, so every call is traced.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LambdaForMethodGroupFix)), Shared]
public sealed class LambdaForMethodGroupFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.MethodGroup.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax group || model is null) return;
        if (model.GetSymbolInfo(group, context.CancellationToken).Symbol is not IMethodSymbol method && model.GetSymbolInfo(group, context.CancellationToken).CandidateSymbols.FirstOrDefault() is not IMethodSymbol) return;
        context.RegisterCodeFix(
            CodeAction.Create("Call it from a lambda", token => Fix(context.Document, group, token), nameof(LambdaForMethodGroupFix)),
            context.Diagnostics);
    }

    private static async Task<Document> Fix(Document document, ExpressionSyntax group, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var info = model!.GetSymbolInfo(group, cancellationToken);
        var method = (IMethodSymbol)(info.Symbol ?? info.CandidateSymbols.First());
        var names = method.Parameters.Select(p => p.Name).ToList();
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(names.Select(n => SyntaxFactory.Argument(SyntaxFactory.IdentifierName(n)))));
        var call = SyntaxFactory.InvocationExpression(group.WithoutTrivia(), arguments);
        LambdaExpressionSyntax lambda = names.Count == 1
            ? SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(names[0])), call)
            : SyntaxFactory.ParenthesizedLambdaExpression(
                SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(names.Select(n => SyntaxFactory.Parameter(SyntaxFactory.Identifier(n))))), call);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(group, lambda.NormalizeWhitespace().WithTriviaFrom(group)));
    }
}
