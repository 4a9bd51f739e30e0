using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class ControlReads
{
    /// <summary>When a condition that decides whether a call runs is evaluated, against the runs of the call.</summary>
    public enum Evaluation
    {
        /// <summary>Once before each run of the call (an <c>if</c> around it, a guard before it, a loop's test at its top).</summary>
        EveryTime,

        /// <summary>In a loop before the call, once per step: every step's test decided that the call runs (<c>foreach (var x in xs) if (Bad(x)) return;</c>).</summary>
        InLoopBefore,

        /// <summary>After the call, in the step of its loop before the run it decides, and not before the first run (a <c>do</c>'s condition, a test that leaves the loop later in its body).</summary>
        AfterInLoop,

        /// <summary>Before the call on some paths only (in a branch of another condition, the guard of an earlier arm).</summary>
        OnSomePaths,

        /// <summary>In the <c>try</c> whose exception runs a catch, where any code of the block may throw instead.</summary>
        ByThrow,

        /// <summary>Around an invocation of the local function or kept lambda the call is in (<c>if (!IsSafe(t)) return null; return Act();</c>).</summary>
        AtInvocation,
    }

    private const int MaxInvokedDepth = 2;

    /// <summary>
    /// The invocations of a local function, or of a lambda kept in a local set once (<c>Func&lt;string&gt; act = () =&gt; ...;
    /// act()</c>), in the function that declares it, outside it; none when it is also used another way (made a delegate,
    /// handed on), since it may then run anywhere.
    /// </summary>
    private static IReadOnlyList<IInvocationOperation> InvocationsOf(IOperation function)
    {
        var sites = new List<IInvocationOperation>();
        switch (function)
        {
            case ILocalFunctionOperation local when GlueFlow.EnclosingFunction(local) is { } container:
                foreach (var operation in container.Descendants())
                {
                    if (Within(operation, local)) continue;
                    if (operation is IInvocationOperation invocation && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, local.Symbol)) sites.Add(invocation);
                    else if (operation is IMethodReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, local.Symbol)) return [];
                }

                break;
            case IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declared } } }
                when GlueFlow.EnclosingFunction(declared) is { } container && GlueFlow.ValueSetOnce(declared.Symbol, container) is not null:
                foreach (var reference in container.Descendants().OfType<ILocalReferenceOperation>())
                {
                    if (!SymbolEqualityComparer.Default.Equals(reference.Local, declared.Symbol)) continue;
                    if (reference.Parent is not IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoked || !ReferenceEquals(invoked.Instance, reference)) return [];
                    sites.Add(invoked);
                }

                break;
        }

        return sites;
    }

    /// <summary>
    /// The tested conditions (<see cref="Condition.IsTest"/>) that decide whether <paramref name="call"/> runs but are not
    /// evaluated once before each of its runs, with when they are: no flow links them to the call. Not the parts of a
    /// condition that is (<c>A(q)</c> in the guard <c>if (A(q) &amp;&amp; B(q)) return;</c>); of what may throw into a catch, only the
    /// tests whose own branch throws.
    /// </summary>
    public static IReadOnlyList<(Condition Condition, Evaluation When)> OnSomeRuns(IInvocationOperation call)
    {
        var roots = Roots(call, invocations: true).ToList();
        var everyTime = roots.Where(r => r.When == Evaluation.EveryTime).Select(r => r.Decider).ToList();
        var found = new List<(Condition, Evaluation)>();
        foreach (var (root, _, when, _) in roots)
        {
            // What may throw into a catch counts where it is a test whose own branch throws into the call's catch
            // (`if (!Valid(r)) throw ...;`); another test where it decides whether the code leaves (`if (Bad(x)) return;`).
            if (when == Evaluation.EveryTime) continue;
            if (when == Evaluation.ByThrow ? !ThrowsInto(root, call) : when != Evaluation.AtInvocation && !DecidesALeave(root)) continue;
            var decider = root is IArgumentOperation argument ? argument.Value : root;
            // A condition the call is part of decides its next run by the results of its previous one, its own among them
            // (`while (...) if (Check(a[i]) != Check(b[i])) return;`): each such call would be reported for the one before it,
            // burying the losses of other calls.
            if (!IsValue(decider) || !IsTested(decider) || Within(call, decider)) continue;
            if (everyTime.Any(e => ReferenceEquals(e, decider) || Within(decider, e)) || found.Exists(f => ReferenceEquals(f.Item1.Value, decider))) continue;
            found.Add((new Condition(decider, [decider], IsTest: true), when));
        }

        return found;
    }

    // Whether `decider` is in a branch of an `if` in `statement` that always leaves it (`if (flags) { foreach (...) if (...) ...;
    // return r; }`): a `break` or `continue` inside a loop or switch of the statement leaves that only.
    private static bool InLeavingBranch(IOperation decider, IOperation statement)
    {
        // Walked from the statement down, so a loop or switch is known before the branches inside it.
        var path = new List<(IOperation Parent, IOperation Child)>();
        IOperation child = decider;
        for (var parent = decider.Parent; parent is not null && !ReferenceEquals(child, statement); child = parent, parent = parent.Parent) path.Add((parent, child));
        var inner = false;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var (parent, branch) = path[i];
            if (parent is IConditionalOperation { Type: null } choice && !ReferenceEquals(choice.Condition, branch)
                && (inner ? Last(branch) is IReturnOperation || EndsInThrow(branch) : AlwaysLeaves(branch)))
            {
                return true;
            }

            inner |= parent is ILoopOperation or ISwitchOperation;
        }

        return false;
    }

    private static IOperation Last(IOperation branch) =>
        branch is IBlockOperation { Operations.Length: > 0 } block ? Last(block.Operations[block.Operations.Length - 1]) : branch;

    // Whether `decider` is the test of an `if`, a `?:` or a `??` with a branch that throws an exception the catch `call` is in
    // takes, and no `try` in between catches.
    private static bool ThrowsInto(IOperation decider, IOperation call)
    {
        if (decider is IInvocationOperation helper && ThrowHelpers.Is(helper)) return Catches(decider, call, ThrowHelpers.Thrown(helper));
        IOperation?[] branches = decider.Parent switch
        {
            IConditionalOperation choice when ReferenceEquals(choice.Condition, decider) => [choice.WhenTrue, choice.WhenFalse],
            ICoalesceOperation coalesce when ReferenceEquals(coalesce.Value, decider) => [coalesce.WhenNull],
            _ => [],
        };
        var thrown = branches.Select(b => b is null ? null : GlueFlow.Unwrap(Last(b)) switch
        {
            IThrowOperation t => t,
            IExpressionStatementOperation { Operation: IThrowOperation t } => t,
            _ => null,
        }).OfType<IThrowOperation>().ToList();
        return thrown.Count > 0 && Catches(decider, call, [.. thrown.Select(t => t.Exception is { } exception ? GlueFlow.Unwrap(exception).Type : null)]);
    }

    // Whether the first `try` around `decider` with catches has one around `call` that takes an exception of one of the types
    // thrown (a rethrow, of unknown type, counts).
    private static bool Catches(IOperation decider, IOperation call, IReadOnlyList<ITypeSymbol?> thrown)
    {
        for (var parent = decider.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is not ITryOperation { Catches.Length: > 0 } attempt) continue;
            if (attempt.Catches.FirstOrDefault(c => Within(call, c)) is not { } catching) return false;
            return thrown.Any(type => type is null || type.IsOrDerivesFrom(catching.ExceptionType));
        }

        return false;
    }

    // Whether `decider` decides whether its statement leaves: a branch it chooses returns, throws or jumps, it is a loop's
    // test or a case's guard. A test whose branches only compute (`Log(Check(x) ? "a" : "b")`) decides nothing of the call.
    private static bool DecidesALeave(IOperation decider) => ThrowHelpers.Is(decider) || decider.Parent switch
    {
        ILoopOperation or IPatternCaseClauseOperation or ISwitchExpressionArmOperation => true,
        IConditionalOperation choice when ReferenceEquals(choice.Condition, decider) => Jumps(choice.WhenTrue) || choice.WhenFalse is { } otherwise && Jumps(otherwise),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when ReferenceEquals(logical.LeftOperand, decider) =>
            Jumps(logical.RightOperand) || DecidesALeave(logical),
        IUnaryOperation or IParenthesizedOperation or IConversionOperation => DecidesALeave(decider.Parent),
        ICoalesceOperation coalesce when ReferenceEquals(coalesce.Value, decider) => Jumps(coalesce.WhenNull) || DecidesALeave(coalesce),
        ISwitchOperation choice when ReferenceEquals(choice.Value, decider) => choice.Cases.Any(Jumps),
        ISwitchExpressionOperation choice when ReferenceEquals(choice.Value, decider) => choice.Arms.Any(a => Throws(a.Value)),
        _ => false,
    };

    private static bool Jumps(IOperation code) => OwnDescendants(code).Any(o => o is IReturnOperation or IThrowOperation or IBranchOperation);

    private static bool EndsInThrow(IOperation branch) => Last(branch) is IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };

    // Whether a loop in `statement` (it, or one inside it) tests `decider` once per step: in its body or as its condition.
    private static bool InLoop(IOperation decider, IOperation statement)
    {
        IOperation child = decider;
        for (var parent = decider.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is ILoopOperation loop && !IsInitializer(loop, child)) return true;
            if (ReferenceEquals(parent, statement) || ReferenceEquals(child, statement)) break;
        }

        return false;
    }
}
