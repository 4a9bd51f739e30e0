using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Analyzers.CodeFixes;

/// <summary>OPTO005: makes a trainable member writable: removes <c>readonly</c>, adds a setter, or turns <c>init</c> into <c>set</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WritableTrainableFix)), Shared]
public sealed class WritableTrainableFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.TrainableNotParameter.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(TrainableMemberAnalyzer.FixKey, out var fix)) continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan);
            SyntaxNode? target;
            SyntaxNode? replacement;
            string title;
            switch (fix)
            {
                case "RemoveReadonly" when node.FirstAncestorOrSelf<FieldDeclarationSyntax>() is { } field:
                    target = field;
                    replacement = field.WithModifiers(SyntaxFactory.TokenList(field.Modifiers.Where(m => !m.IsKind(SyntaxKind.ReadOnlyKeyword))));
                    title = "Remove 'readonly'";
                    break;
                case "AddSetter" when node.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { AccessorList: { } accessors } property
                                      && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                    target = property;
                    replacement = property.WithAccessorList(accessors.AddAccessors(
                        SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))));
                    title = "Add a setter";
                    break;
                case "InitToSet" when node.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { AccessorList: { } accessors } property
                                      && accessors.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.InitAccessorDeclaration)) is { } init:
                    target = property;
                    replacement = property.ReplaceNode(init, SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration, init.AttributeLists, init.Modifiers,
                        SyntaxFactory.Token(SyntaxKind.SetKeyword).WithTriviaFrom(init.Keyword), init.Body, init.ExpressionBody, init.SemicolonToken));
                    title = "Replace 'init' with 'set'";
                    break;
                default:
                    continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(target, replacement))), nameof(WritableTrainableFix)),
                diagnostic);
        }
    }
}
