using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Traced methods the compiler calls on the user's behalf (<c>foreach</c>'s <c>GetEnumerator</c>, <c>await</c>'s
/// <c>GetAwaiter</c>, a deconstruction's <c>Deconstruct</c>, a range's <c>Slice</c>, a collection initializer's
/// <c>Add</c>, a query clause's <c>Select</c>): there is no call written in source, so nothing can intercept it (OPTO013).
/// </summary>
internal static class ImplicitCalls
{
    public static void Register(CompilationStartAnalysisContext context, TraceAttributes attributes)
    {
        context.RegisterSyntaxNodeAction(c => AnalyzeForEach(c, attributes), SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement);
        context.RegisterSyntaxNodeAction(c => AnalyzeAwait(c, attributes), SyntaxKind.AwaitExpression);
        context.RegisterSyntaxNodeAction(c => AnalyzeDeconstruction(c, attributes), SyntaxKind.SimpleAssignmentExpression);
        context.RegisterOperationAction(c => AnalyzeImplicitIndexer(c, attributes), OperationKind.ImplicitIndexerReference);
    }

    private static void AnalyzeForEach(SyntaxNodeAnalysisContext context, TraceAttributes attributes)
    {
        var statement = (CommonForEachStatementSyntax)context.Node;
        var info = context.SemanticModel.GetForEachStatementInfo(statement);
        var keyword = statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) ? "await foreach" : "foreach";
        var location = statement.Expression.GetLocation();
        if (info.GetEnumeratorMethod is { } getEnumerator)
        {
            Report(context, attributes, getEnumerator, location, $"`{keyword}` calls it implicitly; call it explicitly and loop over the enumerator it returns ({ExplicitLoop(statement, getEnumerator, info, context.SemanticModel)})");
        }

        Report(context, attributes, info.MoveNextMethod, location, $"`{keyword}` calls it implicitly; loop with an explicit call instead");
        Report(context, attributes, info.DisposeMethod, location, $"`{keyword}` calls it implicitly; dispose the enumerator with an explicit call");
        if (statement is ForEachVariableStatementSyntax variables)
        {
            ReportDeconstruction(context, attributes, context.SemanticModel.GetDeconstructionInfo(variables), variables.Variable.GetLocation());
        }
    }

    // The loop `foreach` stands for, written out: what to write instead (a `foreach` over the enumerator would not compile).
    private static string ExplicitLoop(CommonForEachStatementSyntax statement, IMethodSymbol getEnumerator, ForEachStatementInfo info, SemanticModel model)
    {
        var isAsync = statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
        var enumerator = FreeName(statement, model, "e", "enumerator");
        var dispose = !IsDisposable(getEnumerator.ReturnType, info, isAsync) ? "" : isAsync ? "await using " : "using ";
        var moveNext = info.MoveNextMethod?.Name ?? (isAsync ? "MoveNextAsync" : "MoveNext");
        var current = statement switch
        {
            ForEachStatementSyntax { Type.IsVar: true } single => $"var {single.Identifier.ValueText} = {enumerator}.Current;",
            ForEachStatementSyntax single => $"var {single.Identifier.ValueText} = ({single.Type}){enumerator}.Current;",
            ForEachVariableStatementSyntax variables => $"{Collapse(variables.Variable.ToString())} = {enumerator}.Current;",
            _ => $"var item = {enumerator}.Current;",
        };
        return $"`{dispose}var {enumerator} = {Receiver(statement.Expression)}.{getEnumerator.Name}(); while ({(isAsync ? "await " : "")}{enumerator}.{moveNext}()) {{ {current} … }}`";
    }

    // The collection as written, in parentheses unless a member access can follow it as it is.
    private static string Receiver(ExpressionSyntax expression)
    {
        var text = Collapse(expression.ToString());
        return expression is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            or ElementAccessExpressionSyntax or ThisExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax
            ? text
            : $"({text})";
    }

    private static string Collapse(string code) => System.Text.RegularExpressions.Regex.Replace(code, @"\s*\n\s*", " ");

    // `foreach` disposes an enumerator that is not known to be disposable only after a run-time check: `using` would not compile.
    private static bool IsDisposable(ITypeSymbol type, ForEachStatementInfo info, bool isAsync)
    {
        if (info.DisposeMethod is null) return false;
        if (type.IsRefLikeType) return true;
        var disposable = isAsync ? "IAsyncDisposable" : "IDisposable";
        return IsSystem(type, disposable) || type.AllInterfaces.Any(i => IsSystem(i, disposable));
    }

    private static bool IsSystem(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    // A name for the enumerator that no variable in scope or in the loop uses.
    private static string FreeName(CommonForEachStatementSyntax statement, SemanticModel model, params string[] names)
    {
        var used = new HashSet<string>(statement.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        bool Free(string name) => !used.Contains(name) && model.LookupSymbols(statement.SpanStart, name: name).IsEmpty;
        foreach (var name in names)
        {
            if (Free(name)) return name;
        }

        for (var i = 2; ; i++)
        {
            if (Free(names[names.Length - 1] + i)) return names[names.Length - 1] + i;
        }
    }

    private static void AnalyzeAwait(SyntaxNodeAnalysisContext context, TraceAttributes attributes)
    {
        var info = context.SemanticModel.GetAwaitExpressionInfo((AwaitExpressionSyntax)context.Node);
        Report(context, attributes, info.GetAwaiterMethod, context.Node.GetLocation(), "`await` calls it implicitly, so there is no call to intercept, and the awaiter it returns cannot be awaited itself; trace the method that makes what is awaited instead");
        Report(context, attributes, info.GetResultMethod, context.Node.GetLocation(), "`await` calls it implicitly; call it explicitly");
    }

    private static void AnalyzeDeconstruction(SyntaxNodeAnalysisContext context, TraceAttributes attributes)
    {
        var assignment = (AssignmentExpressionSyntax)context.Node;
        if (assignment.Left is not (TupleExpressionSyntax or DeclarationExpressionSyntax)) return;
        ReportDeconstruction(context, attributes, context.SemanticModel.GetDeconstructionInfo(assignment), assignment.Right.GetLocation());
    }

    private static void ReportDeconstruction(SyntaxNodeAnalysisContext context, TraceAttributes attributes, DeconstructionInfo info, Location location)
    {
        Report(context, attributes, info.Method, location, "a deconstruction calls it implicitly; call it explicitly with out variables");
        foreach (var nested in info.Nested) ReportDeconstruction(context, attributes, nested, location);
    }

    private static void AnalyzeImplicitIndexer(OperationAnalysisContext context, TraceAttributes attributes)
    {
        var indexer = (IImplicitIndexerReferenceOperation)context.Operation;
        if (indexer.IndexerSymbol is IMethodSymbol slice && Traced(attributes, slice) is { } traced)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, indexer.Syntax.GetLocation(), traced.ShortName(),
                "a range expression calls it implicitly; call it explicitly with a start and a length"));
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, TraceAttributes attributes, IMethodSymbol? method, Location location, string reason)
    {
        // A method of this project no call of which is ever traced (a ref struct's member): its declaration says so (OPTO001/OPTO002),
        // and the explicit call the advice suggests would not be traced either.
        if (method is not null && Traced(attributes, method) is { } traced
            && !(SymbolEqualityComparer.Default.Equals(traced.ContainingAssembly, context.Compilation.Assembly) && InterceptionRule.NeverIntercepted(traced) is not null))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, location, traced.ShortName(), reason));
        }
    }

    private static IMethodSymbol? Traced(TraceAttributes attributes, IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return attributes.IsTracedOrOverridesTraced(definition) ? definition : null;
    }
}
