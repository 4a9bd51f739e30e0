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

/// <summary>
/// OPTO017 for a result interpolated into a <c>StringBuilder</c> (<c>prompt.Append($"Docs: {docs}")</c>): appends the
/// interpolation's parts one by one (<c>prompt.Append("Docs: ").Append(docs)</c>), which the builder's text links. Every such
/// append to that builder in the member is rewritten; one whose holes have an alignment or a format is left as it is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SplitInterpolatedAppendFix)), Shared]
public sealed class SplitInterpolatedAppendFix : CodeFixProvider
{
    private const string Marker = "is interpolated into '";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.GlueLinkLost.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var message = diagnostic.GetMessage();
            var at = message.IndexOf(Marker, System.StringComparison.Ordinal);
            if (at < 0) continue;
            var start = at + Marker.Length;
            var builder = message.Substring(start, message.IndexOf('\'', start) - start);
            var member = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member is null || !Appends(member, builder, model, context.CancellationToken).Any()) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Append the parts one by one to '{builder}'", token => Fix(context.Document, member, builder, token), nameof(SplitInterpolatedAppendFix) + builder),
                diagnostic);
        }
    }

    private static async Task<Document> Fix(Document document, MemberDeclarationSyntax member, string builder, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var calls = Appends(member, builder, model!, cancellationToken).ToList();
        // An append chained on another (`prompt.Append($"a{x}").AppendLine($"{y}")`) is split on its receiver as rewritten.
        return document.WithSyntaxRoot(root!.ReplaceNodes(calls, (original, rewritten) =>
            Split(original, ((MemberAccessExpressionSyntax)rewritten.Expression).Expression, model!, cancellationToken)!.WithTriviaFrom(original)));
    }

    // `builder.Append($"...")` and `builder.AppendLine($"...")` whose interpolation can be split; not one inside another
    // interpolation's hole, whose text is that hole's.
    private static System.Collections.Generic.IEnumerable<InvocationExpressionSyntax> Appends(SyntaxNode member, string builder, SemanticModel model, CancellationToken cancellationToken) =>
        member.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(c => c.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Append" or "AppendLine" } access && RootName(access.Expression) == builder
                && c.ArgumentList.Arguments.Count == 1 && c.ArgumentList.Arguments[0].Expression is InterpolatedStringExpressionSyntax
                && TextBuilderOf(c, model, cancellationToken)
                && Split(c, ((MemberAccessExpressionSyntax)c.Expression).Expression, model, cancellationToken) is not null)
            .Where(c => !c.Ancestors().OfType<InterpolatedStringExpressionSyntax>().Any());

    private static bool TextBuilderOf(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ContainingType: var type } && Generators.Parsing.TextBuilderCalls.IsBuilder(type);

    // The name of the builder a chain of calls starts from (`prompt` in `prompt.Append(a).Append($"...")`).
    private static string? RootName(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax inner }:
                    expression = inner.Expression;
                    continue;
                case IdentifierNameSyntax name:
                    return name.Identifier.ValueText;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name }:
                    return name.Identifier.ValueText;
                default:
                    return null;
            }
        }
    }

    // The chain of appends that puts the same text in; null when a hole has an alignment or a format, or for a raw string.
    private static ExpressionSyntax? Split(InvocationExpressionSyntax call, ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
    {
        var access = (MemberAccessExpressionSyntax)call.Expression;
        var interpolated = (InterpolatedStringExpressionSyntax)call.ArgumentList.Arguments[0].Expression;
        var verbatim = interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken);
        if (!verbatim && !interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken)) return null;
        if (interpolated.Contents.OfType<InterpolationSyntax>().Any(h => h.AlignmentClause is not null || h.FormatClause is not null)) return null;

        var line = access.Name.Identifier.ValueText == "AppendLine";
        var chain = receiver.WithoutTrivia();
        var contents = interpolated.Contents;
        var endedLine = false;
        for (var i = 0; i < contents.Count; i++)
        {
            var last = i == contents.Count - 1;
            ExpressionSyntax part;
            bool isText;
            if (contents[i] is InterpolatedStringTextSyntax text)
            {
                var literal = text.TextToken.Text.Replace("{{", "{").Replace("}}", "}");
                part = SyntaxFactory.ParseExpression((verbatim ? "@\"" : "\"") + literal + "\"");
                isText = true;
            }
            else
            {
                part = ((InterpolationSyntax)contents[i]).Expression.WithoutTrivia();
                isText = model.GetTypeInfo(((InterpolationSyntax)contents[i]).Expression, cancellationToken).Type?.SpecialType == SpecialType.System_String;
            }

            // AppendLine takes text only: a last part of another type is appended, then the line ended.
            var method = line && last && isText ? "AppendLine" : "Append";
            endedLine |= method == "AppendLine";
            chain = Call(chain, method, part);
        }

        return line && !endedLine ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, chain, SyntaxFactory.IdentifierName("AppendLine"))) : chain;
    }

    private static ExpressionSyntax Call(ExpressionSyntax receiver, string method, ExpressionSyntax argument) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));
}
