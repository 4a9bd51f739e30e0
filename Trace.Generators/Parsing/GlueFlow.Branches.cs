using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// What a local built in structured code may hold at a read: the steps that may have set it last (one when the code is
    /// straight, several after <c>if</c>/<c>else</c>, a <c>switch</c> or a <c>try</c>/<c>catch</c>), and the conditions that
    /// chose among them and run on every path to the read (<c>if (reply.Length &gt; 500)</c>).
    /// </summary>
    /// <param name="Ordered">Whether the step that set the local last is always the one that ran last among the steps: false
    /// when a <c>catch</c> may keep what the local held before a step that started and failed.</param>
    /// <param name="Line">How the local is built.</param>
    /// <param name="ReadAt">The statement of the declaring block that holds the read.</param>
    private sealed record Reaching(IReadOnlyList<Step> Steps, IReadOnlyList<IOperation> Conditions, bool Ordered, StraightLine Line, int ReadAt);

    /// <summary>The steps that may have set a local last before <paramref name="read"/>, or null when it is not built in
    /// code whose paths the compiler follows (a loop or a lambda sets it, a label, a <c>goto</c>).</summary>
    private static Reaching? StepsBefore(ILocalReferenceOperation read, IOperation function) =>
        // Asked several times for each read (its flow, its text, the steps behind it): walked once.
        s_reaching.GetValue(read, r => new StrongBox<Reaching?>(WalkTo(r, function))).Value;

    private static readonly ConditionalWeakTable<ILocalReferenceOperation, StrongBox<Reaching?>> s_reaching = new();

    private static Reaching? WalkTo(ILocalReferenceOperation read, IOperation function)
    {
        if (!LocalsOf(Root(function)).TryGetValue(read.Local, out var use) || use.Line.Value is not { } line || !SameFunction(line.Block, function)) return null;
        var readAt = IndexIn(line.Block, read);
        if (readAt <= line.DeclaredAt) return null;
        if (!line.Nested)
        {
            // Every step a statement of the block: the last one before the read's statement set it.
            Step? last = null;
            foreach (var step in line.Steps)
            {
                if (step.At >= readAt) break;
                last = step;
            }

            return last is { } only ? new Reaching([only], [], true, line, readAt) : null;
        }

        var walk = new BranchWalk(line, read);
        // Declared without a value (`string s;`), the local is set on every path before the read: the compiler proves it.
        var steps = walk.Run(line.Block.Operations, line.DeclaredAt + 1, line.Initial is { } initial ? [initial] : []);
        if (walk.Failed || steps is not { Count: > 0 }) return null;
        return new Reaching(steps, walk.Conditions, walk.Ordered, line, readAt);
    }

    /// <summary>
    /// Why no step is claimed for a local set in branches at <paramref name="read"/>, for the user to act on: a path sets it
    /// by no traced call of its own, or a <c>catch</c> may keep what it held before a step whose call ran. Null otherwise.
    /// </summary>
    public static string? UnchosenBecause(ILocalReferenceOperation read, Func<IInvocationOperation, bool> isProducer)
    {
        if (EnclosingFunction(read) is not { } function) return null;
        if (StepsBefore(read, function) is not { Steps.Count: > 1 } reaching) return CarriedUnchosenBecause(read, function, isProducer);
        var name = read.Local.Name;
        if (!reaching.Ordered)
        {
            return $"a catch may keep what '{name}' held before a step whose call completed and then failed, so which call's result it holds is decided at run time; set '{name}' in the catch too";
        }

        if (reaching.Steps.FirstOrDefault(s => !s.Value.DescendantsAndSelf().OfType<IInvocationOperation>().Any(isProducer)) is { Written: { } written })
        {
            return $"'{name}' is set in branches, on one path by no traced call of its own (here: {Shown(written.ToString())}), so which call's result it holds is decided at run time; " +
                $"set it from a traced call on every path, or pass it on to the next call within each branch";
        }

        return null;
    }

    /// <summary>The step that set a local last before <paramref name="read"/> when only one can have (see <see cref="StepsBefore"/>).</summary>
    private static Step? LastStepBefore(ILocalReferenceOperation read, IOperation function) =>
        StepsBefore(read, function) is { Steps.Count: 1 } reaching ? reaching.Steps[0] : null;

    /// <summary>
    /// Follows the paths through the statements of the block that declares a local, up to a read of it: which of its steps
    /// may have set it last. Statements that do not set it are passed over (a <c>return</c> or a <c>throw</c> ends a path);
    /// blocks, <c>if</c>, <c>switch</c>, <c>lock</c>, <c>using</c> and <c>try</c> that set it are followed; anything else that
    /// sets it (a loop, a nested function) fails the walk.
    /// </summary>
    private sealed class BranchWalk(StraightLine line, IOperation read)
    {
        // The steps that leave a switch section by `break`, one list per switch being walked.
        private readonly Stack<List<Step>> _breaks = new();
        private int _branchDepth;

        public bool Failed { get; private set; }

        public bool Ordered { get; private set; } = true;

        /// <summary>Conditions evaluated on every path to the read that decide which step set the local.</summary>
        public List<IOperation> Conditions { get; } = [];

        /// <summary>Runs <paramref name="statements"/> from <paramref name="from"/> up to the one holding the read, and into it.</summary>
        public List<Step>? Run(ImmutableArray<IOperation> statements, int from, List<Step> incoming)
        {
            var current = incoming;
            for (var i = from; i < statements.Length && !Failed; i++)
            {
                if (Holds(statements[i], read)) return Into(statements[i], current);
                if (Through(statements[i], current) is not { } next) return null;
                current = next;
            }

            Failed = true; // the read is not in these statements
            return null;
        }

        // The steps that may hold the local at the read, which is inside `statement`.
        private List<Step>? Into(IOperation statement, List<Step> current)
        {
            if (!SetsLocal(statement)) return current;
            switch (statement)
            {
                case IExpressionStatementOperation:
                    return current; // the read is part of the step that sets it, and sees what it held before
                case IBlockOperation block:
                    return Run(block.Operations, 0, current);
                case IConditionalOperation branch when !Holds(branch.Condition, read):
                    return Branch(() => Into(Holds(branch.WhenTrue, read) ? branch.WhenTrue : branch.WhenFalse!, current));
                case IConditionalOperation:
                    return current;
                case ISwitchOperation choice when Holds(choice.Value, read):
                    return current;
                case ISwitchOperation choice when choice.Cases.FirstOrDefault(c => c.Body.Any(s => Holds(s, read))) is { } section:
                    return Branch(() => Run(section.Body, 0, current));
                case ISwitchOperation:
                    return Fail(); // in a case's pattern or guard
                case ILockOperation guarded when Holds(guarded.Body, read):
                    return Into(guarded.Body, current);
                case IUsingOperation used when Holds(used.Body, read):
                    return Into(used.Body, current);
                case ILockOperation or IUsingOperation:
                    return current;
                case ITryOperation attempt when Holds(attempt.Body, read):
                    return Branch(() => Into(attempt.Body, current));
                case ITryOperation attempt when attempt.Catches.FirstOrDefault(c => Holds(c, read)) is { } handler:
                    var entry = CatchEntry(attempt, current);
                    return Holds(handler.Handler, read) ? Branch(() => Into(handler.Handler, entry)) : entry;
                default:
                    return Fail();
            }
        }

        // The steps that may hold the local once `statement` completes normally; null when no path completes it.
        private List<Step>? Through(IOperation statement, List<Step> current)
        {
            switch (statement)
            {
                case IReturnOperation or IExpressionStatementOperation { Operation: IThrowOperation }:
                    return null;
                case IBranchOperation { BranchKind: BranchKind.Break } when _breaks.Count > 0:
                    _breaks.Peek().AddRange(current);
                    return null;
                case IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break }:
                    return null; // leaves a loop around the declaring block: this path never reaches the read
                case IBranchOperation:
                    return Fail(); // goto
            }

            if (!SetsLocal(statement))
            {
                // A `break` nested in it would leave the switch being walked with what the local holds here.
                return _breaks.Count > 0 && statement.Descendants().Any(o => o is IBranchOperation { BranchKind: BranchKind.Break }) ? Fail() : current;
            }

            switch (statement)
            {
                case IExpressionStatementOperation step when line.Writes.TryGetValue(step, out var set):
                    return [set];
                case IBlockOperation block:
                    return Sequence(block.Operations, current);
                case IConditionalOperation branch:
                    if (SetsLocal(branch.Condition)) return Fail();
                    Decides(branch.Condition);
                    var (whenTrue, whenFalse) = (Branch(() => Through(branch.WhenTrue, current)), branch.WhenFalse is null ? current : Branch(() => Through(branch.WhenFalse, current)));
                    return Union(whenTrue, whenFalse);
                case ISwitchOperation choice:
                    return Switch(choice, current);
                case ILockOperation guarded when !SetsLocal(guarded.LockedValue):
                    return Through(guarded.Body, current);
                case IUsingOperation used when !SetsLocal(used.Resources):
                    return Through(used.Body, current);
                case ITryOperation attempt when attempt.Finally is null || !SetsLocal(attempt.Finally):
                    return Try(attempt, current);
                default:
                    return Fail();
            }
        }

        private List<Step>? Sequence(ImmutableArray<IOperation> statements, List<Step> current)
        {
            foreach (var statement in statements)
            {
                if (Failed || Through(statement, current) is not { } next) return null;
                current = next;
            }

            return current;
        }

        private List<Step>? Switch(ISwitchOperation choice, List<Step> current)
        {
            // `goto case` takes a path from one section into another with what the local held there.
            if (SetsLocal(choice.Value) || choice.Cases.Any(c => c.Clauses.Any(SetsLocal))
                || choice.Descendants().Any(o => o is IBranchOperation { BranchKind: BranchKind.GoTo })) return Fail();
            Decides(choice.Value);
            var leaving = new List<Step>();
            _breaks.Push(leaving);
            List<Step>? after = null;
            foreach (var section in choice.Cases)
            {
                // A section's end is never reached (C# has no fall-through): paths leave it by `break`.
                after = Union(after, Branch(() => Sequence(section.Body, current)));
            }

            _breaks.Pop();
            var matched = Union(after, leaving);
            // Without a default section, no section may run.
            return choice.Cases.Any(c => c.Clauses.Any(clause => clause.CaseKind == CaseKind.Default)) ? matched : Union(matched, current);
        }

        private List<Step>? Try(ITryOperation attempt, List<Step> current)
        {
            var completed = Branch(() => Through(attempt.Body, current));
            var entry = CatchEntry(attempt, current);
            var setInBody = SetsLocal(attempt.Body);
            foreach (var handler in attempt.Catches)
            {
                if (handler.ExceptionDeclarationOrExpression is { } declared && SetsLocal(declared) || handler.Filter is { } filter && SetsLocal(filter)) return Fail();
                var caught = Branch(() => Through(handler.Handler, entry));
                // A handler that keeps what the local held when the body failed may keep it from before a step whose call
                // ran and completed (`s = Summarize(t).Trim()` failing in Trim): which step ran last no longer says which set it.
                if (setInBody && caught is not null && caught.Any(entry.Contains)) Ordered = false;
                completed = Union(completed, caught);
            }

            return completed;
        }

        // What the local may hold when a handler of `attempt` starts: what it held before the body, or after any step in it.
        private List<Step> CatchEntry(ITryOperation attempt, List<Step> current) =>
            Union(current, [.. line.Steps.Where(s => Holds(attempt.Body, s.Written))])!;

        private void Decides(IOperation condition)
        {
            if (_branchDepth == 0) Conditions.Add(condition);
        }

        private List<Step>? Branch(System.Func<List<Step>?> walk)
        {
            _branchDepth++;
            try
            {
                return walk();
            }
            finally
            {
                _branchDepth--;
            }
        }

        private List<Step>? Fail()
        {
            Failed = true;
            return null;
        }

        private bool SetsLocal(IOperation operation) => line.Steps.Any(s => Holds(operation, s.Written));

        private static List<Step>? Union(List<Step>? first, List<Step>? second)
        {
            if (first is null) return second;
            if (second is null) return first;
            var union = new List<Step>(first);
            foreach (var step in second)
            {
                if (!union.Contains(step)) union.Add(step);
            }

            return union;
        }
    }
}
