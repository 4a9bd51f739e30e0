using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Code.Compiling;

/// <summary>
/// Rewrites the body of a patch so that it means what it meant inside the class: instance members reached through
/// the receiver parameter, calls of the method itself through the patch (so recursion stays in the new code),
/// private members through generated <c>UnsafeAccessor</c>s, and a budget checkpoint at the start of every loop and
/// local function (static lambdas and local functions lose their <c>static</c>, so that theirs reach the budget too). Every edit stays on its line, so compiler messages still point at the model's lines.
/// </summary>
internal static class PatchRewriter
{
    private const string Check = PatchSource.Budget + ".Check();";
    private const string Entry = PatchSource.Budget + ".CheckEntry();";

    /// <summary>
    /// Rewrites the patch; <paramref name="staticCaptures"/> are the errors the compiler reports for static lambdas and
    /// local functions of the model's code that capture (their <c>static</c> is dropped in the rewrite, so that their
    /// checkpoints can reach the call's budget: for code that compiles with it, <c>static</c> changes nothing else).
    /// </summary>
    public static CompilationUnitSyntax Rewrite(CSharpCompilation compilation, SyntaxTree tree, INamedTypeSymbol owner, IMethodSymbol? original,
        out IReadOnlyList<Diagnostic> staticCaptures, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var model = compilation.GetSemanticModel(tree);
        var body = Body(root);
        var captures = new List<Diagnostic>();
        staticCaptures = captures;
        foreach (var function in body.DescendantNodes().Where(IsStaticFunction))
        {
            captures.AddRange(model.GetDiagnostics(function.Span, cancellationToken).Where(d => d.Id is "CS8820" or "CS8821" or "CS8421" or "CS8422"));
        }

        var accessors = new List<MemberDeclarationSyntax>();
        var edits = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxNode>>();
        var handled = new HashSet<SyntaxNode>();

        // Pre-order: an invocation is seen before its callee name, which it then handles itself.
        foreach (var node in body.DescendantNodesAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (handled.Contains(node)) continue;
            switch (node)
            {
                case ThisExpressionSyntax:
                    edits[node] = n => SyntaxFactory.IdentifierName(PatchSource.Self).WithTriviaFrom(n);
                    break;

                case InvocationExpressionSyntax invocation when original is not null && IsSelfCall(invocation, model, original, cancellationToken):
                    handled.Add(CalleeName(invocation.Expression)!);
                    edits[invocation] = n =>
                    {
                        var call = (InvocationExpressionSyntax)n;
                        var arguments = original.IsStatic ? call.ArgumentList : Prepend(call.ArgumentList, TargetOf(call.Expression, isStatic: false));
                        arguments = Prepend(arguments, SyntaxFactory.IdentifierName(PatchSource.Budget));
                        return call.WithExpression(SyntaxFactory.IdentifierName("__Recurse").WithTriviaFrom(call.Expression)).WithArgumentList(arguments);
                    };
                    break;

                case InvocationExpressionSyntax invocation when IsInaccessibleOwnerMember(CalleeName(invocation.Expression), model, owner, cancellationToken, out var hidden) && hidden is IMethodSymbol method:
                    handled.Add(CalleeName(invocation.Expression)!);
                    var methodAccessor = AddAccessor(method, accessors, setter: false);
                    edits[invocation] = n =>
                    {
                        var call = (InvocationExpressionSyntax)n;
                        return SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(methodAccessor), Prepend(call.ArgumentList, TargetOf(call.Expression, method.IsStatic)))
                            .WithTriviaFrom(call);
                    };
                    break;

                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    when IsInaccessibleOwnerMember(NameOf(assignment.Left), model, owner, cancellationToken, out var written) && written is IPropertySymbol { SetMethod: not null } property:
                    handled.Add(assignment.Left);
                    handled.Add(NameOf(assignment.Left)!);
                    var setter = AddAccessor(property, accessors, setter: true);
                    edits[assignment] = n =>
                    {
                        var set = (AssignmentExpressionSyntax)n;
                        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList([SyntaxFactory.Argument(TargetOf(set.Left, property.IsStatic)), SyntaxFactory.Argument(set.Right)]));
                        return SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(setter), arguments).WithTriviaFrom(set);
                    };
                    break;

                case MemberAccessExpressionSyntax access when IsInaccessibleOwnerMember(access.Name, model, owner, cancellationToken, out var hiddenMember) && hiddenMember is IFieldSymbol or IPropertySymbol:
                    handled.Add(access.Name);
                    var memberAccessor = AddAccessor(hiddenMember, accessors, setter: false);
                    edits[access] = n => Call(memberAccessor, ((MemberAccessExpressionSyntax)n).Expression.WithoutTrivia()).WithTriviaFrom(n);
                    break;

                case LambdaExpressionSyntax { ExpressionBody: { } } lambda:
                    var lambdaSymbol = model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol;
                    var lambdaStatement = lambdaSymbol is null || ReturnsNothing(lambdaSymbol);
                    edits[lambda] = n => ((LambdaExpressionSyntax)n).WithExpressionBody(null).WithBlock(EntryBlock(((LambdaExpressionSyntax)n).ExpressionBody!, lambdaStatement));
                    break;

                case LocalFunctionStatementSyntax { ExpressionBody: { } } local:
                    var localStatement = model.GetDeclaredSymbol(local, cancellationToken) is not IMethodSymbol localSymbol || ReturnsNothing(localSymbol);
                    edits[local] = n =>
                    {
                        var function = (LocalFunctionStatementSyntax)n;
                        return function.WithExpressionBody(null).WithSemicolonToken(default)
                            .WithBody(EntryBlock(function.ExpressionBody!.Expression, localStatement).WithTrailingTrivia(function.SemicolonToken.TrailingTrivia));
                    };
                    break;

                case SimpleNameSyntax name when IsStandalone(name):
                    if (IsInaccessibleOwnerMember(name, model, owner, cancellationToken, out var hiddenName) && hiddenName is IFieldSymbol or IPropertySymbol)
                    {
                        var nameAccessor = AddAccessor(hiddenName, accessors, setter: false);
                        edits[name] = n => Call(nameAccessor, TargetOf(n as ExpressionSyntax ?? name, hiddenName.IsStatic)).WithTriviaFrom(n);
                    }
                    else if (IsUnboundInstanceMember(name, model, owner, cancellationToken))
                    {
                        edits[name] = n => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                            SyntaxFactory.IdentifierName(PatchSource.Self), ((SimpleNameSyntax)n).WithoutTrivia()).WithTriviaFrom(n);
                    }

                    break;
            }
        }

        var newBody = AddCheckpoints(body.ReplaceNodes(edits.Keys, (node, rewritten) => edits[node](rewritten)));
        var newRoot = root.ReplaceNode(body, newBody);
        var patchClass = newRoot.DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.Identifier.Text == PatchSource.ClassName);
        return newRoot.ReplaceNode(patchClass, patchClass.AddMembers([.. accessors]));
    }

    public static SyntaxNode Body(SyntaxNode root)
    {
        var method = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "__Body");
        return (SyntaxNode?)method.Body ?? method.ExpressionBody!;
    }

    // A void method, or an async one whose task carries no value: its expression body becomes a statement, not a return.
    private static bool ReturnsNothing(IMethodSymbol method) =>
        method.ReturnsVoid || method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false };

    // `=> expr` becomes `{ __budget.CheckEntry(); return expr; }` on the same lines.
    private static BlockSyntax EntryBlock(ExpressionSyntax expression, bool asStatement)
    {
        StatementSyntax body = asStatement
            ? SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()).WithLeadingTrivia(SyntaxFactory.Space)
            : SyntaxFactory.ReturnStatement(SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                expression.WithoutTrivia(), SyntaxFactory.Token(SyntaxKind.SemicolonToken));
        return SyntaxFactory.Block(SyntaxFactory.ParseStatement(Entry), body)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
            .WithTriviaFrom(expression);
    }

    private static bool IsStandalone(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == name,
        MemberBindingExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax or NameColonSyntax or NameEqualsSyntax => false,
        _ => true,
    };

    private static SimpleNameSyntax? CalleeName(ExpressionSyntax expression) => NameOf(expression);

    private static SimpleNameSyntax? NameOf(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax name => name,
        MemberAccessExpressionSyntax access => access.Name,
        _ => null,
    };

    // `x.M(...)` targets x; `M(...)`, `this.M(...)` target the receiver parameter (or nothing useful for a static member).
    private static ExpressionSyntax TargetOf(ExpressionSyntax expression, bool isStatic) => expression switch
    {
        _ when isStatic => SyntaxFactory.ParseExpression("null!"),
        MemberAccessExpressionSyntax access => access.Expression.WithoutTrivia(),
        _ => SyntaxFactory.IdentifierName(PatchSource.Self),
    };

    private static ArgumentListSyntax Prepend(ArgumentListSyntax list, ExpressionSyntax target) =>
        list.WithArguments(list.Arguments.Insert(0, SyntaxFactory.Argument(target.WithoutTrivia())));

    private static ExpressionSyntax Call(string accessor, ExpressionSyntax target) =>
        SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(accessor), SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(target))));

    // A name that found nothing in the static patch class but names an instance member of the owner: `this.Name`.
    private static bool IsUnboundInstanceMember(SimpleNameSyntax name, SemanticModel model, INamedTypeSymbol owner, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(name, cancellationToken);
        if (info.Symbol is not null || info.CandidateReason == CandidateReason.Inaccessible) return false;
        var members = MembersNamed(owner, name.Identifier.ValueText);
        return members.Count > 0 && members.Any(m => !m.IsStatic);
    }

    private static bool IsInaccessibleOwnerMember(SimpleNameSyntax? name, SemanticModel model, INamedTypeSymbol owner, CancellationToken cancellationToken, out ISymbol? member)
    {
        member = null;
        if (name is null) return false;
        var info = model.GetSymbolInfo(name, cancellationToken);
        if (info.Symbol is not null) return false;
        var candidates = info.CandidateReason == CandidateReason.Inaccessible
            ? info.CandidateSymbols
            : [.. MembersNamed(owner, name.Identifier.ValueText).Where(m => !m.IsStatic && m.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)];
        member = candidates.FirstOrDefault(c => c is IFieldSymbol or IPropertySymbol or IMethodSymbol && IsOwnerOrBase(owner, c.ContainingType));
        return member is not null;
    }

    // Private and protected members of the owner, through an UnsafeAccessor generated into the patch.
    private static string AddAccessor(ISymbol member, List<MemberDeclarationSyntax> accessors, bool setter)
    {
        var ownerType = Display(member.ContainingType);
        var name = $"__{member.Name}_{accessors.Count}";
        var kind = member.IsStatic ? "Static" : "";
        var declaration = member switch
        {
            IFieldSymbol field => $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}Field, Name = \"{field.Name}\")] " +
                                  $"private static extern ref {Display(field.Type)} {name}({ownerType} target);",
            IPropertySymbol property when setter => $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}Method, Name = \"set_{property.Name}\")] " +
                                                    $"private static extern void {name}({ownerType} target, {Display(property.Type)} value);",
            IPropertySymbol property => $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}Method, Name = \"get_{property.Name}\")] " +
                                        $"private static extern {Display(property.Type)} {name}({ownerType} target);",
            IMethodSymbol method => $"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}Method, Name = \"{method.Name}\")] " +
                                    $"private static extern {(method.ReturnsVoid ? "void" : Display(method.ReturnType))} {name}({ownerType} target{string.Concat(method.Parameters.Select((p, i) => $", {RefKind(p)}{Display(p.Type)} p{i}"))});",
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };
        accessors.Add(SyntaxFactory.ParseMemberDeclaration(declaration)!);
        return name;
    }

    private static string RefKind(IParameterSymbol parameter) => parameter.RefKind switch
    {
        Microsoft.CodeAnalysis.RefKind.Ref => "ref ",
        Microsoft.CodeAnalysis.RefKind.Out => "out ",
        Microsoft.CodeAnalysis.RefKind.In => "in ",
        _ => "",
    };

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static bool IsSelfCall(InvocationExpressionSyntax invocation, SemanticModel model, IMethodSymbol original, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        var called = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (called is not null) return SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, original.OriginalDefinition) && ReceiverIsSelf(invocation.Expression);

        // Unbound: a simple-name call of the method from the static patch class (`Sort(rest)`).
        return invocation.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == original.Name
               && invocation.ArgumentList.Arguments.Count == original.Parameters.Length;
    }

    private static bool ReceiverIsSelf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => true,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: PatchSource.Self } } => true,
        _ => false,
    };

    private static List<ISymbol> MembersNamed(INamedTypeSymbol owner, string name)
    {
        var members = new List<ISymbol>();
        for (var type = owner; type is not null; type = type.BaseType) members.AddRange(type.GetMembers(name));
        return members;
    }

    private static bool IsOwnerOrBase(INamedTypeSymbol owner, INamedTypeSymbol? candidate)
    {
        for (var type = owner; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, candidate)) return true;
        }

        return false;
    }

    // A checkpoint at the start of the body and of every loop, label, lambda and local function; catch clauses let the
    // budget's exception through once it has expired.
    private static SyntaxNode AddCheckpoints(SyntaxNode body)
    {
        var rewritten = new CheckpointRewriter().Visit(body);
        // The body's own recursion goes through __Recurse, which counts depth: a plain checkpoint suffices here.
        return rewritten is BlockSyntax block ? WithCheck(block) : rewritten;
    }

    // The checkpoint goes right after `{`, before the brace's own line break, so a directive (#region, #if) that opens the
    // block's next line stays first on its line and every line keeps its number.
    private static BlockSyntax WithCheck(BlockSyntax block, string check = Check)
    {
        var open = block.OpenBraceToken;
        var statement = SyntaxFactory.ParseStatement(check).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(open.TrailingTrivia);
        return block.WithOpenBraceToken(open.WithTrailingTrivia()).WithStatements(block.Statements.Insert(0, statement));
    }

    private static StatementSyntax WithCheck(StatementSyntax statement) => statement switch
    {
        BlockSyntax block => WithCheck(block),
        _ => SyntaxFactory.Block(SyntaxFactory.ParseStatement(Check + " "), statement)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken)),
    };

    private static bool IsStaticFunction(SyntaxNode node) => node switch
    {
        AnonymousFunctionExpressionSyntax function => function.Modifiers.Any(SyntaxKind.StaticKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.StaticKeyword),
        _ => false,
    };

    // `static` goes, its trivia stays (on the neighbouring token): every line keeps its number.
    private static T WithoutStatic<T>(T node, SyntaxTokenList modifiers, Func<T, SyntaxTokenList, T> withModifiers)
        where T : SyntaxNode
    {
        var index = modifiers.IndexOf(SyntaxKind.StaticKeyword);
        if (index < 0) return node;
        var keyword = modifiers[index];
        var trivia = keyword.LeadingTrivia.AddRange(keyword.TrailingTrivia);
        var rest = modifiers.RemoveAt(index);
        if (index < rest.Count) return withModifiers(node, rest.Replace(rest[index], rest[index].WithLeadingTrivia(trivia.AddRange(rest[index].LeadingTrivia))));
        if (rest.Count > 0) return withModifiers(node, rest.Replace(rest[^1], rest[^1].WithTrailingTrivia(rest[^1].TrailingTrivia.AddRange(trivia))));
        var stripped = withModifiers(node, rest);
        var first = stripped.GetFirstToken();
        return stripped.ReplaceToken(first, first.WithLeadingTrivia(trivia.AddRange(first.LeadingTrivia)));
    }

    private sealed class CheckpointRewriter : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
        {
            var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
            return visited.WithStatement(WithCheck(visited.Statement));
        }

        public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
        {
            var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
            return visited.WithStatement(WithCheck(visited.Statement));
        }

        public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
        {
            var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
            return visited.WithStatement(WithCheck(visited.Statement));
        }

        public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
        {
            var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
            return visited.WithStatement(WithCheck(visited.Statement));
        }

        // `goto case` and `goto default` loop through switch sections: each section starts with a checkpoint, on the
        // line of its first statement (which keeps its scope: switch sections share one).
        public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node)
        {
            var visited = (SwitchSectionSyntax)base.VisitSwitchSection(node)!;
            if (visited.Statements.Count == 0) return visited;
            var first = visited.Statements[0];
            var check = SyntaxFactory.ParseStatement(Check).WithLeadingTrivia(first.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space);
            return visited.WithStatements(visited.Statements.Replace(first, first.WithoutLeadingTrivia()).Insert(0, check));
        }

        // A label can start a loop made of goto.
        public override SyntaxNode? VisitLabeledStatement(LabeledStatementSyntax node)
        {
            var visited = (LabeledStatementSyntax)base.VisitLabeledStatement(node)!;
            return visited.WithStatement(WithCheck(visited.Statement));
        }

        public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
        {
            var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
            visited = WithoutStatic(visited, visited.Modifiers, static (f, m) => f.WithModifiers(m));
            return visited.Body is { } block && !StartsWithEntry(block) ? visited.WithBody(WithCheck(block, Entry)) : visited;
        }

        public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
        {
            var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
            visited = WithoutStatic(visited, visited.Modifiers, static (f, m) => f.WithModifiers(m));
            return visited.Block is { } block && !StartsWithEntry(block) ? visited.WithBlock(WithCheck(block, Entry)) : visited;
        }

        public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
        {
            var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
            visited = WithoutStatic(visited, visited.Modifiers, static (f, m) => f.WithModifiers(m));
            return visited.Block is { } block && !StartsWithEntry(block) ? visited.WithBlock(WithCheck(block, Entry)) : visited;
        }

        public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
        {
            var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
            visited = WithoutStatic(visited, visited.Modifiers, static (f, m) => f.WithModifiers(m));
            return !StartsWithEntry(visited.Block) ? visited.WithBlock(WithCheck(visited.Block, Entry)) : visited;
        }

        // `catch` and `catch (Exception)` would swallow the budget's exception: once it has expired, they no longer match.
        public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
        {
            var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
            var expired = SyntaxFactory.ParseExpression("!" + PatchSource.Budget + ".Expired");
            var condition = visited.Filter is { } filter
                ? SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, expired, SyntaxFactory.ParenthesizedExpression(filter.FilterExpression))
                : expired;
            var when = SyntaxFactory.CatchFilterClause(condition).WithWhenKeyword(SyntaxFactory.Token(SyntaxKind.WhenKeyword).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space));
            var head = visited.Declaration is null ? visited.WithCatchKeyword(visited.CatchKeyword.WithTrailingTrivia()) : visited.WithDeclaration(visited.Declaration.WithTrailingTrivia());
            var trailing = visited.Declaration?.GetTrailingTrivia() ?? visited.CatchKeyword.TrailingTrivia;
            // A catch block runs on top of the stack its exception was thrown from, so a chain of catch blocks that
            // throw again grows the stack with no call in between: each one checks it first.
            return head.WithFilter(when.WithTrailingTrivia(trailing)).WithBlock(WithCheck(head.Block, Entry));
        }

        // A finally block that throws while an exception unwinds nests one more exception dispatch on the stack; a
        // finally in every level of a deep recursion would overflow it. Once the stack is nearly exhausted, finally
        // blocks are skipped (and the call is stopped) rather than the process.
        public override SyntaxNode? VisitFinallyClause(FinallyClauseSyntax node)
        {
            var visited = (FinallyClauseSyntax)base.VisitFinallyClause(node)!;
            var block = visited.Block;
            var guarded = SyntaxFactory.IfStatement(SyntaxFactory.ParseExpression(PatchSource.Budget + ".MayRunFinally()"), block.WithOpenBraceToken(block.OpenBraceToken.WithLeadingTrivia(SyntaxFactory.Space)).WithCloseBraceToken(block.CloseBraceToken.WithoutTrivia()))
                .WithIfKeyword(SyntaxFactory.Token(SyntaxKind.IfKeyword).WithLeadingTrivia(SyntaxFactory.Space));
            var outer = SyntaxFactory.Block(guarded)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(block.OpenBraceToken.LeadingTrivia))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(block.CloseBraceToken.TrailingTrivia));
            return visited.WithBlock(outer);
        }

        private static bool StartsWithEntry(BlockSyntax block) =>
            block.Statements.FirstOrDefault()?.ToString().StartsWith(Entry, StringComparison.Ordinal) == true;
    }
}
