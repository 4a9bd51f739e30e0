using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// The traced call whose exception a <c>catch</c> variable holds when that call threw it (<c>try { obs = Run(tool, args); }
    /// catch (Exception e) { obs = $"Tool failed: {e.Message}"; }</c>): the only traced call of the <c>try</c>'s body, which
    /// every path into the body starts (it is what the body's first statement does first, given operands that cannot fail),
    /// so its site's slot is this activation's. The runtime links its exception node only when its latest call threw; an
    /// exception later code threw finds the call completed, and nothing is linked. Null for any other local or shape.
    /// </summary>
    private static IInvocationOperation? ThrownBy(ILocalReferenceOperation read, IOperation function, Func<IInvocationOperation, bool> isProducer)
    {
        if (read.Local.RefKind != RefKind.None || read.Local.Type is not { } type || !IsException(type) || CatchOf(read) is not { Parent: ITryOperation attempt }
            || !SameFunction(attempt, function))
        {
            return null;
        }

        if (!LocalsOf(Root(function)).TryGetValue(read.Local, out var use) || use.WrittenOrIncremented || use.Reassignments.Count > 0) return null;
        return Thrower(attempt, isProducer);
    }

    /// <summary>
    /// The traced call that threw whenever a catch of <paramref name="attempt"/> runs on what it threw: the only traced call of
    /// the <c>try</c>'s body, which every path into the body starts, given operands that cannot fail. Null for another shape.
    /// </summary>
    public static IInvocationOperation? Thrower(ITryOperation attempt, Func<IInvocationOperation, bool> isProducer)
    {
        if (attempt.Body.Operations.FirstOrDefault() is not { } first || FirstCall(first) is not { } call || !isProducer(call) || !CannotFail(call)) return null;
        // The only traced call the body makes, in it or in a function written in it.
        return attempt.Body.Descendants().OfType<IInvocationOperation>().Count(isProducer) == 1 ? call : null;
    }

    /// <summary>
    /// Whether the <c>try</c>'s body is its thrower's statement alone (<c>try { reply = Ask(q); }</c>): nothing else in it can
    /// throw into a catch, so the thrower's exception is what ran it on every run.
    /// </summary>
    public static bool ThrowerIsAll(ITryOperation attempt, IInvocationOperation thrower) =>
        attempt.Body.Operations.Length == 1 && FirstCall(attempt.Body.Operations[0]) == thrower;

    /// <summary>
    /// The catch clauses <paramref name="operation"/> runs in, in its own function (a lambda written in a handler runs when it is
    /// invoked), innermost first: each runs only when its <c>try</c>'s body threw, which decides the operation as a condition does
    /// (<c>try { return Fail(q); } catch (InvalidOperationException) { return Answer("failed"); }</c>).
    /// </summary>
    public static IEnumerable<ICatchClauseOperation> CatchesAround(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation) yield break;
            if (parent is ICatchClauseOperation { Parent: ITryOperation } clause && !ReferenceEquals(clause.ExceptionDeclarationOrExpression, current)) yield return clause;
        }
    }

    /// <summary>A catch clause as a decision's expression shows it: <c>catch (InvalidOperationException e) when (e.Message.Length &gt; 0)</c>.</summary>
    public static string CatchHeader(ICatchClauseOperation clause) =>
        clause.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CatchClauseSyntax written
            ? string.Join(" ", new[] { "catch", written.Declaration?.ToString(), written.Filter?.ToString() }.Where(part => !string.IsNullOrEmpty(part)))
            : "catch";

    /// <summary>
    /// Whether the exception a <c>catch</c> variable holds is followed to the <c>try</c>'s only traced call (see
    /// <see cref="ThrownBy"/>); glue made from it is linked where the function's activations are its own.
    /// </summary>
    public static bool FollowsThrower(ILocalReferenceOperation read, Func<IInvocationOperation, bool> isProducer) =>
        EnclosingFunction(read) is { } function && ThrownBy(read, function, isProducer) is not null;

    // The catch clause that declares the variable read.
    private static ICatchClauseOperation? CatchOf(ILocalReferenceOperation read)
    {
        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is ICatchClauseOperation { ExceptionDeclarationOrExpression: IVariableDeclaratorOperation declared } clause
                && SymbolEqualityComparer.Default.Equals(declared.Symbol, read.Local))
            {
                return clause;
            }
        }

        return null;
    }

    // The call a statement makes before anything else: `Run(q);`, `x = Run(q);`, `var x = await Run(q);`, `return Run(q);`.
    private static IInvocationOperation? FirstCall(IOperation statement)
    {
        var value = statement switch
        {
            IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation } assignment } => assignment.Value,
            IExpressionStatementOperation expression => expression.Operation,
            IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators is { Length: 1 } declarators
                && declarators[0].Initializer is { } initializer => initializer.Value,
            IReturnOperation { ReturnedValue: { } returned } => returned,
            _ => null,
        };
        if (value is null || Unwrap(value) is not IInvocationOperation call) return null;
        // A task not awaited here, or a sequence read later, fails after the call completed: its exception is not this statement's.
        var awaited = value;
        while (awaited is IConversionOperation { IsImplicit: true } or IParenthesizedOperation) awaited = awaited.ChildOperations.First();
        if (call.Type is not { } type || awaited is not IAwaitOperation && type.GetMembers("GetAwaiter").Any()) return null;
        return type is INamedTypeSymbol { TypeKind: TypeKind.Interface } && (ElementType(type) is not null || type.Name == "IAsyncEnumerable") ? null : call;
    }

    private static bool IsException(ITypeSymbol type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }) return true;
        }

        return false;
    }
}
