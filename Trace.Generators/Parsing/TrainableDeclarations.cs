using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Finds the <c>[Trainable]</c> fields, properties and methods of the project. A member whose attributes cannot be
/// <c>[Trainable]</c> by their names (and with no alias in scope) is never bound; one that may be is read once and its
/// read kept while its file and the project's declarations stay the same (<see cref="DeclarationMemo{T}"/>), so typing
/// in a body binds nothing here.
/// </summary>
internal static class TrainableDeclarations
{
    private static readonly DeclarationMemo<TrainableMemberSpec> s_members = new();
    private static readonly DeclarationMemo<TrainableMemberSpec> s_methods = new();

    /// <summary>A field's variable or a property with attributes.</summary>
    public static bool IsValueCandidate(SyntaxNode node) =>
        node is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax { AttributeLists.Count: > 0 } } or PropertyDeclarationSyntax { AttributeLists.Count: > 0 };

    /// <summary>A method with attributes.</summary>
    public static bool IsMethodCandidate(SyntaxNode node) => node is MethodDeclarationSyntax { AttributeLists.Count: > 0 };

    public static TrainableMemberSpec? ParseValue(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(s_members, context, cancellationToken, static (node, symbol, attribute, compilation, _) => TrainableMemberParser.Parse(symbol, attribute, compilation));

    public static TrainableMemberSpec? ParseMethod(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(s_methods, context, cancellationToken, TrainableMethodParser.Parse);

    private static TrainableMemberSpec? Parse(
        DeclarationMemo<TrainableMemberSpec> memo, GeneratorSyntaxContext context, CancellationToken cancellationToken, MemberReader reader)
    {
        var node = context.Node;
        var compilation = context.SemanticModel.Compilation;
        var lists = node is VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field } ? field.AttributeLists : ((MemberDeclarationSyntax)node).AttributeLists;
        if (!lists.SelectMany(l => l.Attributes).Any(a => AttributeNames.RightmostName(a.Name) is "Trainable" or "TrainableAttribute")
            && !AttributeNames.AliasesInScope(node.SyntaxTree, compilation, cancellationToken))
        {
            return null;
        }

        return memo.Get(node, compilation, (context, reader), static (state, token) => Read(state.context, state.reader, token), cancellationToken);
    }

    private static DeclarationMemo<TrainableMemberSpec>.Read Read(GeneratorSyntaxContext context, MemberReader reader, CancellationToken cancellationToken)
    {
        var symbol = context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken);
        var attribute = symbol?.GetAttributes().FirstOrDefault(a => Symbols.IsRuntimeAttribute(a.AttributeClass, Symbols.TrainableAttribute));
        var value = symbol is null || attribute is null ? null : reader(context.Node, symbol, attribute, context.SemanticModel.Compilation, cancellationToken);
        return DeclarationMemo<TrainableMemberSpec>.Read.Of(value, symbol?.ContainingType);
    }

    private delegate TrainableMemberSpec? MemberReader(SyntaxNode node, ISymbol symbol, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken);
}
