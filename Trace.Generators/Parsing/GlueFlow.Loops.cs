using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// A local built up in a loop of a traced method (<c>var notes = ""; foreach (var d in docs) notes += Summarize(d) + "\n";</c>):
    /// what it started as, and each statement that adds to it with what it adds.
    /// </summary>
    private sealed record Accumulation(IOperation Initializer, IReadOnlyList<AddingStep> Steps);

    /// <summary>A statement that adds to an accumulated local (<c>notes += x</c>, <c>notes = notes + x + y</c>), and what it adds.</summary>
    private sealed record AddingStep(IExpressionStatementOperation Statement, IReadOnlyList<IOperation> Added);

    /// <summary>
    /// How a local of a traced method is built up in a loop, when every call whose result a step adds has run in this
    /// activation exactly as many times as the step added it: the local is declared outside every loop, set only by
    /// statements inside loops that add to what it held (<c>+=</c>, or <c>x = x + ...</c>), in no <c>try</c> (a call could
    /// complete and its step not: nothing is caught or finished in between), never captured, and nothing jumps backward
    /// with <c>goto</c>. The runtime links each such call's nodes of this running call (see <see cref="Flow.Chained"/>).
    /// Null otherwise.
    /// </summary>
    private static Accumulation? AccumulatedInLoop(ILocalSymbol local, IOperation function)
    {
        if (function is not IMethodBodyOperation || FunctionSymbol(function) is not { } method || !method.IsTracedMethod()) return null;
        if (local.RefKind != RefKind.None || local.IsConst || local.IsForEach || local.IsUsing || local.DeclaringSyntaxReferences.Length != 1) return null;
        if (!LocalsOf(Root(function)).TryGetValue(local, out var use) || use.WrittenOrIncremented || use.SetBy is not null || use.Deconstructed is not null
            || use.Declarations.Count != 1 || use.Reassignments.Count == 0)
        {
            return null;
        }

        var declaration = use.Declarations[0];
        var initializer = declaration.Initializer?.Value ?? (declaration.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
        if (initializer is null || !SameFunction(declaration, function) || RunsRepeatedly(declaration, function) || use.References.Any(r => !SameFunction(r, function)))
        {
            return null;
        }

        var steps = new List<AddingStep>();
        foreach (var assignment in use.Reassignments)
        {
            if (assignment.Parent is not IExpressionStatementOperation statement || !RunsRepeatedly(statement, function) || InTry(statement, function)
                || AddedBy(assignment, local) is not { } added)
            {
                return null;
            }

            // What it adds must not read the local: a result it holds would be in it before the step completes.
            if (use.References.Count(r => Holds(statement, r)) != (assignment is ICompoundAssignmentOperation ? 1 : 2)) return null;
            steps.Add(new AddingStep(statement, added));
        }

        // Walks the whole function: asked last, of a local every other condition holds for.
        return HasGoto(function) ? null : new Accumulation(initializer, steps);
    }

    // What an assignment adds to the local it sets: `s += x` adds x, `s = s + x + y` adds x and y. Null for any other.
    private static IReadOnlyList<IOperation>? AddedBy(IAssignmentOperation assignment, ILocalSymbol local)
    {
        if (assignment is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound) return [compound.Value];
        if (assignment is not ISimpleAssignmentOperation simple) return null;
        var added = new List<IOperation>();
        var current = Unwrap(simple.Value);
        while (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum)
        {
            added.Insert(0, sum.RightOperand);
            current = Unwrap(sum.LeftOperand);
        }

        return current is ILocalReferenceOperation start && SymbolEqualityComparer.Default.Equals(start.Local, local) && added.Count > 0 ? added : null;
    }

    /// <summary>
    /// Whether the traced call <paramref name="producer"/>, found in what <paramref name="step"/> adds, runs once each time the
    /// step runs, and never without it: written in the step, or in the initializer of a local declared in the same block
    /// before it, with only plain statements in between that do not read <paramref name="accumulated"/>.
    /// </summary>
    private static bool RunsWithStep(IInvocationOperation producer, AddingStep step, ILocalSymbol accumulated)
    {
        if (Holds(step.Statement, producer)) return true;
        if (step.Statement.Parent is not IBlockOperation block) return false;
        var at = StatementIndexes(block)[step.Statement];
        for (var i = at - 1; i >= 0; i--)
        {
            var statement = block.Operations[i];
            if (statement is not (IExpressionStatementOperation or IVariableDeclarationGroupOperation) || Reads(statement, accumulated)) return false;
            if (Holds(statement, producer)) return statement is IVariableDeclarationGroupOperation;
        }

        return false;
    }

    private static bool Reads(IOperation operation, ILocalSymbol local) =>
        operation.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local));

    // Whether the operation may run more than once in an activation of the function: inside a loop's body, condition or step
    // (not the collection a foreach reads, which is evaluated once).
    internal static bool RunsRepeatedly(IOperation operation, IOperation function)
    {
        for (var current = operation; current.Parent is { } parent && !ReferenceEquals(current, function); current = parent)
        {
            if (parent is IForEachLoopOperation each && ReferenceEquals(each.Collection, current)) continue;
            if (parent is ILoopOperation) return true;
        }

        return false;
    }

    private static bool InTry(IOperation operation, IOperation function)
    {
        for (var current = operation.Parent; current is not null && !ReferenceEquals(current, function); current = current.Parent)
        {
            if (current is ITryOperation) return true;
        }

        return false;
    }

    private static bool HasGoto(IOperation function) => function.Descendants().Any(o => o is IBranchOperation { BranchKind: BranchKind.GoTo });

    /// <summary>How a local built up in a loop is shown: <c>notes = Intro(q); in a loop: notes += Summarize(d)</c>; null if too long.</summary>
    private static string? AccumulatedText(ILocalReferenceOperation read, IOperation function)
    {
        if (AccumulatedInLoop(read.Local, function) is not { } accumulation) return null;
        var text = OneLine($"{read.Local.Name} = {accumulation.Initializer.Syntax}; in a loop: {string.Join("; ", accumulation.Steps.Select(s => s.Statement.Operation.Syntax.ToString()))}");
        return text.Length <= MaxBuiltTextLength ? text : null;
    }

    /// <summary>The key the runtime knows a traced method's running call by: its documentation ID.</summary>
    private static string? ChainKeyOf(IOperation function) => FunctionSymbol(function)?.GetDocumentationCommentId();
}
