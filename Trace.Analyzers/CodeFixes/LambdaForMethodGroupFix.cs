using System.Collections.Generic;
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
        // &M is a function pointer, not a delegate: a lambda cannot stand there.
        if (group.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression }) return;
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

        // Parameter names must not hide a name the receiver expression uses (`agent => agent.Ask(agent)`).
        var taken = new HashSet<string>(group.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText));
        var names = method.Parameters.Select(p => Unique(p.Name, taken)).ToList();

        // Without a target delegate type (`var f = agent.Reply;`) or with by-ref parameters, the lambda needs typed parameters.
        var typed = group.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } } }
                    || method.Parameters.Any(p => p.RefKind != RefKind.None);
        var parameters = method.Parameters.Select((p, i) =>
        {
            var parameter = SyntaxFactory.Parameter(Identifier(names[i]));
            if (!typed) return parameter;
            var modifiers = p.RefKind switch
            {
                RefKind.Ref => SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.RefKeyword)),
                RefKind.Out => SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.OutKeyword)),
                RefKind.In => SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.InKeyword)),
                _ => default,
            };
            return parameter.WithModifiers(modifiers).WithType(SyntaxFactory.ParseTypeName(p.Type.ToMinimalDisplayString(model!, group.SpanStart)));
        }).ToList();
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(method.Parameters.Select((p, i) =>
        {
            var argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(Identifier(names[i])));
            return p.RefKind switch
            {
                RefKind.Ref => argument.WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.RefKeyword)),
                RefKind.Out => argument.WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.OutKeyword)),
                RefKind.In => argument.WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.InKeyword)),
                _ => argument,
            };
        })));
        var call = SyntaxFactory.InvocationExpression(group.WithoutTrivia(), arguments);
        LambdaExpressionSyntax lambda = parameters.Count == 1 && !typed
            ? SyntaxFactory.SimpleLambdaExpression(parameters[0], call)
            : SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters)), call);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(group, lambda.NormalizeWhitespace().WithTriviaFrom(group)));
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 1; taken.Contains(candidate); i++) candidate = name + i;
        taken.Add(candidate);
        return candidate;
    }

    private static SyntaxToken Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword
            ? SyntaxFactory.Identifier(default, SyntaxKind.IdentifierToken, "@" + name, name, default)
            : SyntaxFactory.Identifier(name);
}
