using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The reads of <c>[Trainable]</c> members that decide whether, or how often, a traced call in glue code runs: the condition of
/// an <c>if</c> or a <c>?:</c> around it, the value a switch around it tests (and the cases before its own), the left side of
/// <c>&amp;&amp;</c>, <c>||</c> or <c>??</c> whose other side holds it, a catch's filter; of a loop around it, the condition,
/// the initializer and the step of a <c>for</c>, the collection of a <c>foreach</c>, and the conditions in its body that
/// may leave it (<c>if (d.Length &gt; Limit) break;</c>); and the conditions of an earlier statement of an enclosing block that
/// may leave it (<c>if (!UseTool) return q;</c>, a <c>switch</c> that returns, a guard that throws). Through a lambda handed to
/// a call (<c>items.ForEach(x =&gt; Ask(x))</c>), what decides that call; through a local set once, what it was set to. The
/// call's result depends on them as on its arguments (<c>for (var i = 0; i &lt; MaxSteps; i++) draft = Refine(draft)</c>), so
/// feedback on it must reach them.
/// </summary>
/// <remarks>Shared by the generator, which links them to the call, and the analyzer, which reports those it cannot link.</remarks>
internal static partial class ControlReads
{
    private const int MaxLocals = 16;

    /// <summary>The reads of members <paramref name="isTrainable"/> accepts among what decides whether a call runs (<see cref="Deciding"/>).</summary>
    public static IReadOnlyList<IMemberReferenceOperation> Of(IReadOnlyList<IOperation> deciding, System.Func<ISymbol, bool> isTrainable)
    {
        var reads = new List<IMemberReferenceOperation>();
        foreach (var operation in deciding)
        {
            if (operation is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } read && isTrainable(read.Member) && !IsWriteOrName(read)) reads.Add(read);
        }

        return reads;
    }

    /// <summary>
    /// The calls of methods and properties among what decides whether a call runs (<c>if (ShouldUse())</c>): what they read is
    /// not followed.
    /// </summary>
    public static IEnumerable<IOperation> CallsOf(IReadOnlyList<IOperation> deciding) =>
        deciding.Where(o => o is IInvocationOperation or IPropertyReferenceOperation { Property.IsIndexer: false });

    /// <summary>Every operation of what decides whether <paramref name="call"/> runs, each once.</summary>
    public static IReadOnlyList<IOperation> Deciding(IInvocationOperation call)
    {
        var found = new List<IOperation>();
        var seen = new HashSet<IOperation>();
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var (decider, function, _, _) in Roots(call)) Collect(decider, function);

        return found;

        void Collect(IOperation decider, IOperation function)
        {
            foreach (var operation in decider.DescendantsAndSelf())
            {
                if (!seen.Add(operation)) continue;
                found.Add(operation);
                if (operation is ILocalReferenceOperation local && locals.Count < MaxLocals && locals.Add(local.Local)
                    && GlueFlow.ValueSetOnce(local.Local, function) is { } value)
                {
                    Collect(value, function);
                }
            }
        }
    }

    /// <summary>
    /// The conditions, tested values and collections that decide whether <paramref name="call"/> runs, as written (a local they
    /// read is not followed): those whose value is an expression, each once, outermost last, but a catch's filter. Each is
    /// evaluated before the call whenever the call runs.
    /// </summary>
    public static IReadOnlyList<Condition> Conditions(IOperation call)
    {
        var conditions = new List<Condition>();
        foreach (var (root, _, when, outcome) in Roots(call))
        {
            if (when != Evaluation.EveryTime) continue;
            var decider = root is IArgumentOperation argument ? argument.Value : root;
            if (!IsValue(decider) || conditions.Exists(c => ReferenceEquals(c.Value, decider))) continue;
            conditions.Add(new Condition(decider, [.. Evaluated(decider, outcome)], IsTested(decider),
                GlueFlow.EnclosingFunction(decider) is IAnonymousFunctionOperation predicate && !Within(call, predicate)));
        }

        return conditions;
    }

    /// <summary>A condition that decides whether a call runs.</summary>
    /// <param name="Value">The condition as written.</param>
    /// <param name="Evaluated">The parts of it evaluated whenever the call runs: all of it, or, for a call that runs only on
    /// one outcome of <c>&amp;&amp;</c> or <c>||</c>, each operand that outcome needs (both of <c>A(q) &amp;&amp; B(q)</c> when it held).</param>
    /// <param name="IsTest">Whether the call runs by what the value is, not only by how many of it there are: a <c>bool</c>, the
    /// value <c>??</c> or <c>??=</c> tests for null, a switch's value. A collection a loop runs over is not: glue over results
    /// (<c>new[] { reply }</c>) may decide nothing of how often the call runs.</param>
    /// <param name="InPredicate">Whether the condition is a LINQ filter's predicate (<see cref="LinqPredicates"/>), a lambda of
    /// its own the call is not in: the flow of its result to the call holds only where nothing in the call's function may run
    /// that predicate again before the call (<see cref="GlueFlow.UnclaimableBecause"/>).</param>
    public sealed record Condition(IOperation Value, IReadOnlyList<IOperation> Evaluated, bool IsTest, bool InPredicate = false)
    {
        /// <summary>Whether this predicate's result cannot reach <paramref name="call"/>, which code of its function could run the predicate again before.</summary>
        public bool RerunBefore(IInvocationOperation call, System.Threading.CancellationToken cancellationToken) =>
            InPredicate && GlueFlow.UnclaimableBecause(call, cancellationToken) is not null;
    }

    private static bool Within(IOperation operation, IOperation ancestor)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (ReferenceEquals(parent, ancestor)) return true;
        }

        return false;
    }

    // A decider that is a value, as written: not a pattern or a case clause, nor a catch's filter, which reads the exception the
    // `try` threw (which call threw it is the catch's own question, not followed).
    private static bool IsValue(IOperation decider) => decider.Type is not null && decider is not IPatternOperation && decider.Parent is not ICatchClauseOperation;

    private static bool IsTested(IOperation decider) =>
        decider.Type?.SpecialType == SpecialType.System_Boolean || ThrowHelpers.Is(decider)
        || decider.Parent switch
        {
            ICoalesceOperation coalesce => ReferenceEquals(coalesce.Value, decider),
            ICoalesceAssignmentOperation coalesce => ReferenceEquals(coalesce.Target, decider),
            ISwitchOperation choice => ReferenceEquals(choice.Value, decider),
            ISwitchExpressionOperation choice => ReferenceEquals(choice.Value, decider),
            _ => false,
        };

    // The parts of `condition` evaluated whenever it has `outcome` (unknown: null).
    private static IEnumerable<IOperation> Evaluated(IOperation condition, bool? outcome)
    {
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not when outcome is { } value:
                foreach (var part in Evaluated(not.Operand, !value)) yield return part;
                break;
            // `A && B` held, or `A || B` failed: both were evaluated.
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical
                when outcome == (logical.OperatorKind == BinaryOperatorKind.ConditionalAnd):
                foreach (var part in Evaluated(logical.LeftOperand, outcome)) yield return part;
                foreach (var part in Evaluated(logical.RightOperand, outcome)) yield return part;
                break;
            default:
                yield return condition;
                break;
        }
    }

    // What decides whether `call` runs, each with the function it is written in, and when it is evaluated (Evaluation): before
    // the call every time the call runs (a loop's condition at its top, an `if`'s around it, the condition of a guard of the
    // block before it), or only on some paths, several times, or after it (a nested guard, a test in a loop before the call, a
    // `do`'s condition, a test later in a loop's body). With each, when it is a bool, the value it has whenever the call runs,
    // if that is known. With `invocations`, for a call in a local function or a kept lambda, what is tested before each of
    // its invocations too.
    private static IEnumerable<(IOperation Decider, IOperation Function, Evaluation When, bool? Outcome)> Roots(IOperation call, bool invocations = false, int invokedDepth = 0)
    {
        var function = GlueFlow.EnclosingFunction(call);
        IOperation child = call;
        while (child.Parent is { } parent && function is not null)
        {
            if (ReferenceEquals(child, function))
            {
                // A lambda handed to a call as it is made runs within it: what decides that call, and what it is made on or
                // given besides (`Examples.ForEach(x => ...)`, `Range(0, MaxSteps).Aggregate(q, (d, _) => Ask(d))`), decide it.
                if (child is not IAnonymousFunctionOperation || HandedTo(child) is not { } taker)
                {
                    // A local function, or a lambda kept in a local, runs where it is invoked: what decides each invocation
                    // decides the call too, through no flow the compiler follows (Evaluation.AtInvocation).
                    // Asked only by the analyzer (OnSomeRuns): nothing links them.
                    if (!invocations || invokedDepth >= MaxInvokedDepth) break;
                    // Only what is tested before each invocation: what decides an invocation on some runs only is not followed.
                    foreach (var site in InvocationsOf(child))
                    {
                        foreach (var (decider, at, when, outcome) in Roots(site, invocations: true, invokedDepth + 1))
                        {
                            if (when == Evaluation.EveryTime) yield return (decider, at, Evaluation.AtInvocation, outcome);
                        }
                    }

                    break;
                }

                // A Select's selector runs for the elements the filters before it let through, each just after its predicate.
                if (LinqPredicates.Selecting(taker) is { } selecting && ReferenceEquals(selecting.Selector, child))
                {
                    foreach (var predicate in LinqPredicates.Of(selecting.Source)) yield return (predicate, GlueFlow.EnclosingFunction(predicate)!, Evaluation.EveryTime, true);
                }

                function = GlueFlow.EnclosingFunction(taker);
                if (function is null) break;
                foreach (var other in taker.ChildOperations.Where(o => !o.Descendants().Contains(child) && !ReferenceEquals(o, child))) yield return (other, function, Evaluation.EveryTime, null);
                child = taker;
                continue;
            }

            foreach (var (decider, when, outcome) in Deciders(parent, child)) yield return (decider, function, when, outcome);
            child = parent;
        }
    }

    // The call a lambda is given to as an argument (`items.ForEach(x => ...)`), or null.
    private static IInvocationOperation? HandedTo(IOperation lambda) =>
        lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation taker } } ? taker : null;

    // What decides whether `child`, a part of `parent`, runs, and whether each is evaluated before it every time it runs.
    private static IEnumerable<(IOperation Decider, Evaluation When, bool? Outcome)> Deciders(IOperation parent, IOperation child)
    {
        switch (parent)
        {
            case IConditionalOperation choice when !ReferenceEquals(child, choice.Condition):
                yield return (choice.Condition, Evaluation.EveryTime, ReferenceEquals(child, choice.WhenTrue));
                break;
            case ISwitchExpressionOperation choice when !ReferenceEquals(child, choice.Value):
                yield return (choice.Value, Evaluation.EveryTime, null);
                // The arms before it and its own decide too (`{ Length: > 3 } => ...`, `_ when Verbose => ...`).
                foreach (var arm in choice.Arms)
                {
                    yield return (arm.Pattern, Evaluation.OnSomePaths, null);
                    // An earlier arm's guard failed, and was tested every time when nothing its pattern tests could fail (`_ when ...`).
                    var own = ReferenceEquals(arm, child);
                    if (arm.Guard is { } guard) yield return (guard, own || AlwaysMatches(arm.Pattern) ? Evaluation.EveryTime : Evaluation.OnSomePaths, own);
                    if (ReferenceEquals(arm, child)) break;
                }

                break;
            case ISwitchOperation choice when !ReferenceEquals(child, choice.Value):
                yield return (choice.Value, Evaluation.EveryTime, null);
                foreach (var section in choice.Cases)
                {
                    var own = ReferenceEquals(section, child);
                    foreach (var clause in section.Clauses)
                    {
                        yield return (clause, Evaluation.OnSomePaths, null);
                        // An earlier case's guard failed, and was tested every time when its pattern always matches (`case var _ when ...`).
                        if (!own && clause is IPatternCaseClauseOperation { Guard: { } guard } matched)
                        {
                            var always = AlwaysMatches(matched.Pattern);
                            yield return (guard, always ? Evaluation.EveryTime : Evaluation.OnSomePaths, always ? false : null);
                        }
                    }

                    if (own) break;
                }

                break;
            case ILoopOperation loop when !IsInitializer(loop, child):
                foreach (var decider in LoopDeciders(loop)) yield return decider;
                // A foreach's body runs for the elements the filters of its sequence let through, each just after its predicate.
                if (loop is IForEachLoopOperation { IsAsynchronous: false } each && ReferenceEquals(child, each.Body))
                {
                    foreach (var predicate in LinqPredicates.Of(each.Collection)) yield return (predicate, Evaluation.EveryTime, true);
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when ReferenceEquals(child, logical.RightOperand):
                yield return (logical.LeftOperand, Evaluation.EveryTime, logical.OperatorKind == BinaryOperatorKind.ConditionalAnd);
                break;
            case ICoalesceOperation coalesce when ReferenceEquals(child, coalesce.WhenNull):
                yield return (coalesce.Value, Evaluation.EveryTime, null);
                break;
            case ICatchClauseOperation { Filter: { } filter } clause when ReferenceEquals(child, clause.Handler):
                yield return (filter, Evaluation.EveryTime, true);
                break;
            case ITryOperation attempt when attempt.Catches.Any(c => ReferenceEquals(c, child)):
                // What may throw in the block the catch handles decides it (`if (!UseTool) throw ...;`).
                foreach (var decider in DecidingParts(attempt.Body)) yield return (decider, Evaluation.ByThrow, null);
                break;
            case IBlockOperation block:
                // An earlier statement of the block that may leave it.
                foreach (var decider in GuardsBefore(block.Operations, block, child)) yield return decider;
                break;
            case ISwitchCaseOperation section:
                // The same in a switch section, and the `when` of its only case, which held.
                if (section.Clauses.Length == 1 && section.Clauses[0] is IPatternCaseClauseOperation { Guard: { } when } && !ReferenceEquals(child, when)) yield return (when, Evaluation.EveryTime, true);
                foreach (var decider in GuardsBefore(section.Body, section, child)) yield return decider;
                break;
            case ICoalesceAssignmentOperation coalesce when ReferenceEquals(child, coalesce.Value):
                yield return (coalesce.Target, Evaluation.EveryTime, null);
                break;
        }
    }

    private static bool AlwaysMatches(IPatternOperation pattern) =>
        pattern is IDiscardPatternOperation || pattern is IDeclarationPatternOperation { MatchesNull: true };

    // What decides in the statements of a block or a section before `child` that may leave it: the conditions a guard always
    // evaluates (with the value they have when it does not leave) are evaluated every time the call runs, the others are not.
    private static IEnumerable<(IOperation Decider, Evaluation When, bool? Outcome)> GuardsBefore(IEnumerable<IOperation> statements, IOperation region, IOperation child)
    {
        foreach (var statement in statements)
        {
            if (ReferenceEquals(statement, child)) break;
            if (!MayLeave(statement, region, child)) continue;
            var guards = GuardConditions(statement).ToList();
            foreach (var decider in DecidingParts(statement))
            {
                // A test in a branch that always leaves ran on none of the paths that reach the call.
                if (InLeavingBranch(decider, statement)) continue;
                var guard = guards.FindIndex(g => ReferenceEquals(g.Condition, decider));
                yield return (decider, guard >= 0 ? Evaluation.EveryTime : InLoop(decider, statement) ? Evaluation.InLoopBefore : Evaluation.OnSomePaths, guard >= 0 ? guards[guard].Outcome : null);
            }
        }
    }

    // The conditions a statement that may leave always evaluates when the code after it runs, with the value each has then if
    // that is known: an `if`'s (false for `if (c) return ...;`, and an `else if`'s after a branch that always leaves), a
    // `switch`'s value, a throw expression's test (`c ? x : throw ...`, `v ?? throw ...`), and the same in the statements of a
    // block, a `lock`, a `using` or a `try` body (a call in it that throws leaves no result in its slot).
    private static IEnumerable<(IOperation Condition, bool? Outcome)> GuardConditions(IOperation statement)
    {
        switch (statement)
        {
            case IConditionalOperation { WhenTrue: var taken, WhenFalse: var otherwise } choice:
                var leaves = AlwaysLeaves(taken);
                yield return (choice.Condition, leaves && otherwise is null ? false : null);
                if (leaves && otherwise is not null)
                {
                    foreach (var guard in GuardConditions(otherwise)) yield return guard;
                }

                break;
            case ISwitchOperation choice:
                yield return (choice.Value, null);
                break;
            case IBlockOperation or ILockOperation or IUsingOperation or ITryOperation:
                var body = statement switch
                {
                    ILockOperation locked => locked.Body,
                    IUsingOperation used => used.Body,
                    ITryOperation attempt => attempt.Body,
                    _ => statement,
                };
                foreach (var inner in body is IBlockOperation block ? block.Operations : [body])
                {
                    foreach (var guard in GuardConditions(inner)) yield return guard;
                }

                break;
            // A framework guard (`ArgumentException.ThrowIfNullOrWhiteSpace(reply)`) passed when the code after it runs.
            case IExpressionStatementOperation { Operation: var helper } when ThrowHelpers.Is(helper):
                yield return (helper, null);
                break;
            default:
                if (ThrowingTest(statement) is { } test) yield return test;
                break;
        }
    }

    // The test of a `?:`, a `??` or a switch expression with an arm that throws, written as a statement, an assignment or a
    // declaration's value: evaluated every time, and true for a `?:` whose false arm throws.
    private static (IOperation Condition, bool? Outcome)? ThrowingTest(IOperation statement)
    {
        var value = statement switch
        {
            IExpressionStatementOperation { Operation: IAssignmentOperation assignment } => assignment.Value,
            IExpressionStatementOperation expression => expression.Operation,
            IVariableDeclarationGroupOperation group when group.Declarations.Length == 1 && group.Declarations[0].Declarators.Length == 1 =>
                group.Declarations[0].Declarators[0].Initializer?.Value,
            _ => null,
        };
        while (value is IConversionOperation conversion) value = conversion.Operand;
        return value switch
        {
            IConditionalOperation choice when Throws(choice.WhenFalse) => (choice.Condition, true),
            IConditionalOperation choice when Throws(choice.WhenTrue) => (choice.Condition, false),
            ICoalesceOperation coalesce when Throws(coalesce.WhenNull) => (coalesce.Value, null),
            ISwitchExpressionOperation choice when choice.Arms.Any(a => Throws(a.Value)) => (choice.Value, null),
            _ => null,
        };
    }

    // A throw expression (converted to the other arm's type).
    private static bool Throws(IOperation? arm) => arm is not null && GlueFlow.Unwrap(arm) is IThrowOperation;

    private static bool AlwaysLeaves(IOperation branch) => branch switch
    {
        IBlockOperation block => block.Operations.Length > 0 && AlwaysLeaves(block.Operations[block.Operations.Length - 1]),
        IReturnOperation or IThrowOperation or IBranchOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        _ => false,
    };


    // A `for` loop's initializer and a `foreach`'s collection run once, whatever the loop's condition.
    private static bool IsInitializer(ILoopOperation loop, IOperation child) =>
        loop is IForLoopOperation forLoop && forLoop.Before.Contains(child) || loop is IForEachLoopOperation each && ReferenceEquals(each.Collection, child);

    // What decides how often a loop's body runs: its condition, a `for`'s initializer and step, a `foreach`'s collection, and
    // the conditions of its body that may leave it.
    // A test at the loop's top is evaluated before each step; a `do`'s, a step's and a test in the body after the call are not
    // (the block's rule finds those in the body before it).
    private static IEnumerable<(IOperation, Evaluation, bool?)> LoopDeciders(ILoopOperation loop)
    {
        switch (loop)
        {
            case IWhileLoopOperation { Condition: { } condition } whileLoop:
                yield return (condition, whileLoop.ConditionIsTop ? Evaluation.EveryTime : Evaluation.AfterInLoop, true);
                break;
            case IForLoopOperation forLoop:
                if (forLoop.Condition is { } forCondition) yield return (forCondition, Evaluation.EveryTime, true);
                foreach (var before in forLoop.Before) yield return (before, Evaluation.OnSomePaths, null);
                foreach (var step in forLoop.AtLoopBottom) yield return (step, Evaluation.AfterInLoop, null);
                break;
            case IForEachLoopOperation each:
                yield return (each.Collection, Evaluation.EveryTime, null);
                break;
        }

        // A `continue` ends one step, not the loop: it decides what runs after it in the body (see the block's rule).
        foreach (var leaving in Statements(loop.Body).Where(s => MayLeave(s, loop, null, continues: false)))
        {
            foreach (var decider in DecidingParts(leaving)) yield return (decider, Evaluation.AfterInLoop, null);
        }
    }

    /// <summary>
    /// The tested conditions of a loop's body that may leave it (<c>if (IsRelevant(docs[i])) break;</c>): every step at the
    /// loop's bottom (a <c>for</c>'s <c>i++</c>) runs after each said it does not, so they decide where the loop stops.
    /// </summary>
    public static IEnumerable<IOperation> LeavingTests(ILoopOperation loop) =>
        Statements(loop.Body).Where(s => MayLeave(s, loop, null, continues: false)).SelectMany(DecidingParts).Where(d => IsValue(d) && IsTested(d));

    // The statements of a body, those of blocks in it included (not those of nested loops, which decide their own).
    private static IEnumerable<IOperation> Statements(IOperation body) =>
        body is IBlockOperation block ? block.Operations.SelectMany(s => s is IBlockOperation inner ? Statements(inner) : [s]) : [body];

    // The parts of a statement that decide which way it goes: the conditions, tested values and filters in it (not in
    // functions it declares).
    private static IEnumerable<IOperation> DecidingParts(IOperation statement)
    {
        foreach (var operation in OwnDescendants(statement))
        {
            switch (operation)
            {
                case IConditionalOperation choice:
                    yield return choice.Condition;
                    break;
                case ISwitchOperation choice:
                    yield return choice.Value;
                    foreach (var clause in choice.Cases.SelectMany(c => c.Clauses)) yield return clause;
                    break;
                case ISwitchExpressionOperation choice:
                    yield return choice.Value;
                    foreach (var arm in choice.Arms)
                    {
                        yield return arm.Pattern;
                        if (arm.Guard is { } guard) yield return guard;
                    }

                    break;
                case IWhileLoopOperation { Condition: { } condition }:
                    yield return condition;
                    break;
                case IForLoopOperation { Condition: { } forCondition }:
                    yield return forCondition;
                    break;
                case IForEachLoopOperation each:
                    yield return each.Collection;
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    yield return logical.LeftOperand;
                    break;
                case ICoalesceOperation coalesce:
                    yield return coalesce.Value;
                    break;
                case ICatchClauseOperation { Filter: { } filter }:
                    yield return filter;
                    break;
                case IInvocationOperation helper when ThrowHelpers.Is(helper):
                    yield return helper;
                    break;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="statement"/> may leave <paramref name="region"/> (a block, or a loop) before <paramref name="next"/>
    /// runs: a <c>return</c> or <c>yield break</c>, a <c>throw</c> no <c>try</c> in it catches, a <c>break</c> (or, with
    /// <paramref name="continues"/>, a <c>continue</c>) of no loop or switch in it, a <c>goto</c> to a label not in it nor at or before <paramref name="next"/> in the block.
    /// </summary>
    private static bool MayLeave(IOperation statement, IOperation region, IOperation? next, bool continues = true)
    {
        foreach (var operation in OwnDescendants(statement))
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak }:
                    return true;
                case IThrowOperation when !Caught(operation, statement):
                    return true;
                case IInvocationOperation helper when ThrowHelpers.Is(helper) && !Caught(operation, statement):
                    return true;
                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } branch when (continues || branch.BranchKind == BranchKind.Break) && !Inner(branch, statement):
                    return true;
                case IBranchOperation { BranchKind: BranchKind.GoTo, Target: var label } when !LabelBefore(label, statement, region, next):
                    return true;
            }
        }

        return false;
    }

    // A throw inside a `try` of the statement that has catch clauses is taken to be caught there.
    private static bool Caught(IOperation thrown, IOperation statement)
    {
        IOperation child = thrown;
        for (var parent = thrown.Parent; parent is not null && !ReferenceEquals(child, statement); child = parent, parent = parent.Parent)
        {
            if (parent is ITryOperation { Catches.Length: > 0 } attempt && ReferenceEquals(attempt.Body, child)) return true;
        }

        return false;
    }

    // A break or continue of a loop or switch inside the statement.
    private static bool Inner(IBranchOperation branch, IOperation statement)
    {
        for (var parent = branch.Parent; parent is not null && !ReferenceEquals(parent, statement.Parent); parent = parent.Parent)
        {
            if (parent is ILoopOperation || parent is ISwitchOperation && branch.BranchKind == BranchKind.Break) return true;
        }

        return false;
    }

    // A goto whose label is in the statement, or in the block at or before what runs next: it does not skip it.
    private static bool LabelBefore(ILabelSymbol label, IOperation statement, IOperation region, IOperation? next)
    {
        if (OwnDescendants(statement).OfType<ILabeledOperation>().Any(l => SymbolEqualityComparer.Default.Equals(l.Label, label))) return true;
        if (region is not IBlockOperation block || next is null) return false;
        foreach (var other in block.Operations)
        {
            if (other is ILabeledOperation labeled && SymbolEqualityComparer.Default.Equals(labeled.Label, label)) return true;
            if (ReferenceEquals(other, next)) break;
        }

        return false;
    }

    // A statement and its operations, not those of lambdas and local functions it declares (they run elsewhere).
    private static IEnumerable<IOperation> OwnDescendants(IOperation statement)
    {
        var stack = new Stack<IOperation>();
        stack.Push(statement);
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
            yield return operation;
            foreach (var child in operation.ChildOperations) stack.Push(child);
        }
    }

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
