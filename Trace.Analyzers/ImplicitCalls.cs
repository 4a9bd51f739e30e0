using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// Traced methods the compiler calls on the user's behalf (<c>foreach</c>'s <c>GetEnumerator</c>, <c>await</c>'s
/// <c>GetAwaiter</c>, a deconstruction's <c>Deconstruct</c>, a range's <c>Slice</c>, a collection initializer's
/// <c>Add</c>, a query clause's <c>Select</c>): there is no call written in source, so nothing can intercept it (OPTO013).
/// </summary>
internal static class ImplicitCalls
{
    public static void Register(AnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(AnalyzeForEach, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement);
        context.RegisterSyntaxNodeAction(AnalyzeAwait, SyntaxKind.AwaitExpression);
        context.RegisterSyntaxNodeAction(AnalyzeDeconstruction, SyntaxKind.SimpleAssignmentExpression);
        context.RegisterOperationAction(AnalyzeImplicitIndexer, OperationKind.ImplicitIndexerReference);
    }

    /// <summary>Why a call the compiler made for <paramref name="syntax"/> is not traced, and what to write instead.</summary>
    public static string Reason(SyntaxNode syntax) => syntax switch
    {
        _ when syntax.FirstAncestorOrSelf<QueryExpressionSyntax>() is not null =>
            "the compiler calls it for a query clause, so there is no call to intercept; write the method call instead of query syntax",
        _ when syntax.Parent is InitializerExpressionSyntax || syntax is InitializerExpressionSyntax =>
            "the compiler calls it for a collection initializer, so there is no call to intercept; call Add explicitly",
        _ when syntax.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>() is not null =>
            "an interpolated string handler calls it, so there is no call to intercept; call it explicitly",
        _ => "the compiler calls it implicitly, so there is no call to intercept; call it explicitly",
    };

    private static void AnalyzeForEach(SyntaxNodeAnalysisContext context)
    {
        var statement = (CommonForEachStatementSyntax)context.Node;
        var info = context.SemanticModel.GetForEachStatementInfo(statement);
        var keyword = statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) ? "await foreach" : "foreach";
        var location = statement.Expression.GetLocation();
        Report(context, info.GetEnumeratorMethod, location, $"`{keyword}` calls it implicitly; call it explicitly and loop over the result");
        Report(context, info.MoveNextMethod, location, $"`{keyword}` calls it implicitly; loop with an explicit call instead");
        Report(context, info.DisposeMethod, location, $"`{keyword}` calls it implicitly; dispose the enumerator with an explicit call");
        if (statement is ForEachVariableStatementSyntax variables)
        {
            ReportDeconstruction(context, context.SemanticModel.GetDeconstructionInfo(variables), variables.Variable.GetLocation());
        }
    }

    private static void AnalyzeAwait(SyntaxNodeAnalysisContext context)
    {
        var info = context.SemanticModel.GetAwaitExpressionInfo((AwaitExpressionSyntax)context.Node);
        Report(context, info.GetAwaiterMethod, context.Node.GetLocation(), "`await` calls it implicitly; call it explicitly and await its result");
        Report(context, info.GetResultMethod, context.Node.GetLocation(), "`await` calls it implicitly; call it explicitly");
    }

    private static void AnalyzeDeconstruction(SyntaxNodeAnalysisContext context)
    {
        var assignment = (AssignmentExpressionSyntax)context.Node;
        if (assignment.Left is not (TupleExpressionSyntax or DeclarationExpressionSyntax)) return;
        ReportDeconstruction(context, context.SemanticModel.GetDeconstructionInfo(assignment), assignment.Right.GetLocation());
    }

    private static void ReportDeconstruction(SyntaxNodeAnalysisContext context, DeconstructionInfo info, Location location)
    {
        Report(context, info.Method, location, "a deconstruction calls it implicitly; call it explicitly with out variables");
        foreach (var nested in info.Nested) ReportDeconstruction(context, nested, location);
    }

    private static void AnalyzeImplicitIndexer(OperationAnalysisContext context)
    {
        var indexer = (IImplicitIndexerReferenceOperation)context.Operation;
        if (indexer.IndexerSymbol is IMethodSymbol slice && Traced(slice) is { } traced)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, indexer.Syntax.GetLocation(), traced.ShortName(),
                "a range expression calls it implicitly; call it explicitly with a start and a length"));
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, IMethodSymbol? method, Location location, string reason)
    {
        if (method is not null && Traced(method) is { } traced)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, location, traced.ShortName(), reason));
        }
    }

    private static IMethodSymbol? Traced(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return CallSiteAnalyzer.IsTracedOrOverridesTraced(definition) ? definition : null;
    }
}
