using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// The steps that may have set a local last at a read, for a local a loop sets again and whose earlier value a later
    /// iteration may read (<c>string feedback = ""; for (...) { var r = Ask(q + feedback); feedback = Critique(r); }</c>):
    /// every step written before the read or in a loop that holds the read too, or only the one a block runs just before the
    /// read's statement (<c>r = Ask(q); Judge(r + "!")</c> in a loop's body). Each step is a plain assignment written as a
    /// statement in the declaring block, in no <c>try</c> (a step whose call ran and which then failed could leave the local as it
    /// was, and a handler or a <c>finally</c> read it), and it does not read the local outside its traced calls' arguments (the
    /// read is in its value only as an argument of the call that is its whole value); the function has no labels and no
    /// <c>goto</c>, and no lambda or local function uses the local. Null for a local no loop sets, or one built otherwise.
    /// </summary>
    private static IReadOnlyList<Step>? CarriedSteps(ILocalReferenceOperation read, IOperation function, Func<IInvocationOperation, bool> isProducer)
    {
        var local = read.Local;
        if (local.RefKind != RefKind.None || local.IsConst || local.IsForEach || local.IsUsing) return null;
        if (!LocalsOf(Root(function)).TryGetValue(local, out var use) || use.WrittenOrIncremented || use.SetBy is not null || use.Deconstructed is not null
            || use.Declarations.Count != 1 || use.Reassignments.Count == 0 || use.References.Any(r => !SameFunction(r, function)))
        {
            return null;
        }

        var declarator = use.Declarations[0];
        if (declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation block } || !SameFunction(declarator, function)) return null;

        var steps = new List<Step>();
        var writes = new Dictionary<IOperation, Step>();
        if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value is { } initializer)
        {
            steps.Add(new Step(initializer, -1, declarator.Syntax, null));
        }

        var looped = false;
        foreach (var write in use.Reassignments)
        {
            if (write is not ISimpleAssignmentOperation || write.Parent is not IExpressionStatementOperation statement || !Holds(block, statement)
                || InTry(statement, function) || ReadsOf(local, write.Value, isProducer).Any())
            {
                return null;
            }

            looped |= RunsRepeatedly(statement, function);
            var step = new Step(write.Value, -1, write.Syntax, null);
            writes[statement] = step;
            steps.Add(step);
        }

        // Read in a step's value, the read is in the arguments of a call of the step. When that call is the whole value, it is
        // the call the glue is given to, whose earlier result the runtime finds in the slot its call replaced; any other call
        // of the step may have run, in this step, before the read.
        if (!looped || writes.Values.Any(s => Holds(s.Value, read) && !IsGivenTo(read, s.Value, isProducer)) || HasGoto(function)
            || function.Descendants().Any(o => o is ILabeledOperation))
        {
            return null;
        }

        return SetJustBefore(read, block, writes) is { } last ? [last] : [.. steps.Where(s => MayRunBefore(s.Written, read, function))];
    }

    // Whether the step's value is the traced call whose argument holds the read: the nearest one around it.
    private static bool IsGivenTo(ILocalReferenceOperation read, IOperation value, Func<IInvocationOperation, bool> isProducer)
    {
        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation) return false;
            if (current is IInvocationOperation call && isProducer(call)) return ReferenceEquals(call, Unwrap(value)) && !FrameworkProducers.Is(call);
            if (ReferenceEquals(current, value)) return false;
        }

        return false;
    }

    // The step a block runs as the statement just before the one that holds the read, with no statement between them that
    // sets the local: every path to the read ran it last. Looked for in the blocks around the read, innermost first, up to the
    // first loop (whose earlier iterations reach the read) or the declaring block.
    private static Step? SetJustBefore(ILocalReferenceOperation read, IBlockOperation declaringBlock, Dictionary<IOperation, Step> writes)
    {
        IOperation current = read;
        for (var parent = read.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            if (parent is ILoopOperation) return null;
            if (parent is not IBlockOperation block) continue;
            for (var i = StatementIndexes(block)[current] - 1; i >= 0; i--)
            {
                var statement = block.Operations[i];
                if (writes.TryGetValue(statement, out var step)) return step;
                if (writes.Keys.Any(w => Holds(statement, w))) return null;
            }

            if (ReferenceEquals(block, declaringBlock)) return null;
        }

        return null;
    }

    // Whether a step written at `write` may run before the read: written before it and not around it, or in a loop that holds
    // the read too. The function has no `goto`, so nothing else runs code again or out of order.
    private static bool MayRunBefore(SyntaxNode write, IOperation read, IOperation function)
    {
        if (write.SpanStart < read.Syntax.SpanStart && !write.Span.Contains(read.Syntax.Span)) return true;
        for (var at = read.Parent; at is not null && !ReferenceEquals(at, function); at = at.Parent)
        {
            if (at is ILoopOperation && Holds(at, write)) return true;
        }

        return false;
    }


    /// <summary>
    /// How the runtime can tell, among the steps that may have set a local (in branches, or carried by a loop), which set it
    /// last when some set it with no traced call of their own (<c>string feedback = ""</c>, <c>var context = "none"; if
    /// (search) context = Search(q);</c>): each such step sets it with no traced call at all, runs once, before every step
    /// that has a call of its own (it is in no loop and written before them), so while none of those ran in this activation
    /// one of these set it. That needs this activation's calls told apart from any other's, which a traced
    /// method's running call does (its documentation ID is returned): an async method's slots are its own only until it is
    /// entered again, through any chain of calls, while it runs. Null when that does not hold.
    /// </summary>
    private static string? KeyForStepsWithoutCalls(IReadOnlyList<Step> steps, IReadOnlyList<Alternative> alternatives, IReadOnlyList<List<IInvocationOperation>> made, IOperation function)
    {
        var owned = Enumerable.Range(0, steps.Count).Where(i => alternatives[i].Own.Count > 0).ToList();
        if (owned.Count == 0) return null;
        var firstOwned = owned.Min(i => steps[i].Written.SpanStart);
        for (var i = 0; i < steps.Count; i++)
        {
            if (alternatives[i].Own.Count > 0) continue;
            if (made[i].Count > 0 || steps[i].Written.SpanStart >= firstOwned || RunsRepeatedly(steps[i].Value, function)) return null;
        }

        return RunningCallKey(alternatives, function);
    }

    /// <summary>
    /// Why no step is claimed for a local a loop sets again at <paramref name="read"/>, for the user to act on, or null: a step
    /// that sets it with no traced call of its own runs after one with a call (in the loop), or it runs first and the method's
    /// calls cannot be told from an earlier activation's.
    /// </summary>
    private static string? CarriedUnchosenBecause(ILocalReferenceOperation read, IOperation function, Func<IInvocationOperation, bool> isProducer)
    {
        if (CarriedSteps(read, function, isProducer) is not { Count: > 1 } steps) return null;
        bool Calls(Step step) => step.Value.DescendantsAndSelf().OfType<IInvocationOperation>().Any(isProducer);
        var called = steps.Where(Calls).ToList();
        if (called.Count == 0) return null;
        var name = read.Local.Name;
        var firstCalled = called.Min(s => s.Written.SpanStart);
        if (steps.FirstOrDefault(s => !Calls(s) && (s.Written.SpanStart > firstCalled || RunsRepeatedly(s.Value, function))) is { Written: { } late })
        {
            return $"'{name}' is set in a loop, on one path by no traced call of its own (here: {Shown(late.ToString())}), so which call's result it holds is decided at run time; " +
                "set it from a traced call on every path, or pass it on to the next call within each branch";
        }

        if (steps.FirstOrDefault(s => !Calls(s)) is not { Written: { } first } || function is not IMethodBodyOperation || FunctionSymbol(function) is not { } method
            || method.IsTracedMethod())
        {
            return null;
        }

        return $"'{name}' is set in a loop, and first by no traced call ({Shown(first.ToString())}), so which call's result it holds is decided at run time; " +
            $"make '{method.Name}' [Traced], whose running call tells its own calls from those of an earlier or inner call";
    }
}
