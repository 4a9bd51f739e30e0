using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The reads of <c>[Trainable]</c> members that decide whether, or how often, a traced call in glue code runs: the condition of
/// an <c>if</c>, a <c>?:</c> or a loop around it, the value a switch around it tests, the left side of <c>&amp;&amp;</c>,
/// <c>||</c> or <c>??</c> whose other side holds it, the collection a <c>foreach</c> around it enumerates, and the condition
/// of an earlier <c>if</c> of an enclosing block that leaves it (<c>if (!UseTool) return q;</c>). The call's result depends on
/// them as on its arguments (<c>for (var i = 0; i &lt; MaxSteps; i++) draft = Refine(draft)</c>), so feedback on it must reach them.
/// </summary>
/// <remarks>Shared by the generator, which links them to the call, and the analyzer, which reports those it cannot link.</remarks>
internal static class ControlReads
{
    /// <summary>The reads of members <paramref name="isTrainable"/> accepts that decide whether <paramref name="call"/> runs, in its own function.</summary>
    public static IReadOnlyList<IMemberReferenceOperation> Of(IInvocationOperation call, System.Func<ISymbol, bool> isTrainable)
    {
        if (GlueFlow.EnclosingFunction(call) is not { } function) return [];
        var reads = new List<IMemberReferenceOperation>();
        IOperation child = call;
        for (var parent = call.Parent; parent is not null && !ReferenceEquals(child, function); child = parent, parent = parent.Parent)
        {
            foreach (var decider in Deciders(parent, child)) Collect(decider);
        }

        return reads;

        void Collect(IOperation decider)
        {
            foreach (var read in decider.DescendantsAndSelf().OfType<IMemberReferenceOperation>())
            {
                if (read.Member is not (IFieldSymbol or IPropertySymbol) || !isTrainable(read.Member) || IsWriteOrName(read)) continue;
                // A read in a lambda of the condition (`Tools.Any(t => t.Enabled)`) is that lambda's, run by the framework.
                if (!ReferenceEquals(GlueFlow.EnclosingFunction(read), function)) continue;
                if (!reads.Contains(read, GlueReadPaths.SameRead)) reads.Add(read);
            }
        }
    }

    // What decides whether `child`, a part of `parent`, runs.
    private static IEnumerable<IOperation> Deciders(IOperation parent, IOperation child)
    {
        switch (parent)
        {
            case IConditionalOperation choice when !ReferenceEquals(child, choice.Condition):
                yield return choice.Condition;
                break;
            case ISwitchExpressionOperation choice when !ReferenceEquals(child, choice.Value):
                yield return choice.Value;
                // The arms before it and its own decide too (`{ Length: > 3 } => ...`, `_ when Verbose => ...`).
                foreach (var arm in choice.Arms)
                {
                    yield return arm.Pattern;
                    if (arm.Guard is { } guard) yield return guard;
                    if (ReferenceEquals(arm, child)) break;
                }

                break;
            case ISwitchOperation choice when !ReferenceEquals(child, choice.Value):
                yield return choice.Value;
                foreach (var clause in choice.Cases.SelectMany(c => c.Clauses)) yield return clause;
                break;
            case IWhileLoopOperation { Condition: { } condition } loop when ReferenceEquals(child, loop.Body):
                yield return condition;
                break;
            case IForLoopOperation { Condition: { } condition } loop when ReferenceEquals(child, loop.Body) || loop.AtLoopBottom.Contains(child):
                yield return condition;
                break;
            case IForEachLoopOperation loop when ReferenceEquals(child, loop.Body):
                yield return loop.Collection;
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when ReferenceEquals(child, logical.RightOperand):
                yield return logical.LeftOperand;
                break;
            case ICoalesceOperation coalesce when ReferenceEquals(child, coalesce.WhenNull):
                yield return coalesce.Value;
                break;
            case IBlockOperation block:
                // An earlier `if` of the block that may leave it (`return`, `throw`, `break`, `continue`, `goto`).
                foreach (var statement in block.Operations)
                {
                    if (ReferenceEquals(statement, child)) break;
                    if (statement is IConditionalOperation early && MayLeave(early)) yield return early.Condition;
                }

                break;
        }
    }

    private static bool MayLeave(IConditionalOperation statement) =>
        statement.Descendants().Any(o => o is IReturnOperation { Kind: OperationKind.Return } or IThrowOperation or IBranchOperation
            && !(GlueFlow.EnclosingFunction(o) is { } function && statement.Descendants().Contains(function)));

    // `(Draft = q) != null` sets the member; `nameof(Prompt)` names it: neither reads its value.
    private static bool IsWriteOrName(IOperation read)
    {
        var current = read;
        while (current.Parent is IParenthesizedOperation or IConversionOperation) current = current.Parent;
        if (current.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, current)) return true;
        for (var parent = read.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is INameOfOperation) return true;
        }

        return false;
    }
}
