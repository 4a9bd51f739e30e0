using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// Which traced calls' results flow into an argument of another traced call through untraced code of the same
/// function: <c>Classify($"Label: {(await SummarizeAsync(t)).Trim()}")</c>, or through locals. Only flows that are
/// exact are found: each producer call must run exactly once each time the expression that uses its result runs
/// (not inside a branch of <c>?:</c>, <c>??</c>, <c>&amp;&amp;</c>, <c>?.</c> or a lambda), and every local on the way must be
/// assigned exactly once (its declaration) or in straight-line steps before the read (see <see cref="LastStepBefore"/>).
/// Then the latest result of the producer in the current async flow is the one that flowed, which is what the runtime
/// links. Anything else gives no link.
/// </summary>
internal static partial class GlueFlow
{
    private const int MaxLocals = 32;

    /// <summary>Marks the slot tag of a producer whose every result in a running call is kept (<see cref="Flow.Chained"/>).</summary>
    public const char ChainMark = '*';

    /// <summary>Marks the source of an exception a producer threw (<see cref="Flow.Failed"/>).</summary>
    public const char FailureMark = '!';
    private const int MaxStepsToChooseFrom = 64;

    /// <summary>How an argument relates to earlier traced calls.</summary>
    /// <param name="TrainableReads">Reads of [Trainable] fields and properties in the glue that the runtime can find again: on <c>this</c>,
    /// static, or on an object reached from either through fields and auto-properties (<see cref="GlueReadPaths"/>).</param>
    /// <param name="Choices">Traced calls one of which made what a local holds, decided at run time (see <see cref="Choice"/>).</param>
    /// <param name="Chained">Traced calls whose every result of the running call the value holds (text built up in a loop).</param>
    /// <param name="ChainKey">The documentation ID of the traced method whose running call <paramref name="Chained"/> belong to.</param>
    /// <param name="Failed">Traced calls whose exception, when their latest call threw it, the value was made from (a <c>catch</c>'s).</param>
    public sealed record Flow(bool IsDirect, IReadOnlyList<IInvocationOperation> Producers, string Expression, IReadOnlyList<IMemberReferenceOperation> TrainableReads, IReadOnlyList<Choice>? Choices = null,
        IReadOnlyList<IInvocationOperation>? Chained = null, string? ChainKey = null, IReadOnlyList<IInvocationOperation>? Failed = null)
    {
        /// <summary>Every call the flow may link: the exact producers, those of each choice, the chained ones and those whose exception it reads.</summary>
        public IEnumerable<IInvocationOperation> AllProducers =>
            (Choices is null ? Producers : Producers.Concat(Choices.SelectMany(c => c.Alternatives.SelectMany(a => a.Own.Concat(a.Others))))).Concat(Chained ?? []).Concat(Failed ?? []);

        /// <summary>The producers whose slots must keep the running call that made them: the chained ones, and the own calls of a
        /// choice told apart by the running call.</summary>
        public IEnumerable<IInvocationOperation> Kept =>
            (Chained ?? []).Concat((Choices ?? []).Where(c => c.FreshIn is not null).SelectMany(c => c.Alternatives.SelectMany(a => a.Own)));

        /// <summary>
        /// The slot tags the runtime reads: one per exact producer, then one per choice, written
        /// <c>|own,own;other|own</c>: an alternative per <c>|</c>, its own calls before a <c>;</c> and the others after it, and
        /// after a line break the running call's key when the choice is told apart by it.
        /// </summary>
        public IEnumerable<string> Sources(Func<IInvocationOperation, string?> tagOf)
        {
            foreach (var producer in Producers)
            {
                if (tagOf(producer) is { } tag) yield return tag;
            }

            // `*` and the producer's own tag (itself marked `*`), then the running call's key after a line break.
            foreach (var producer in Chained ?? [])
            {
                if (tagOf(producer) is { } tag) yield return ChainMark + tag + "\n" + ChainKey;
            }

            // `!` and the producer's tag: the exception node its latest call left, if it threw.
            foreach (var producer in Failed ?? [])
            {
                if (tagOf(producer) is { } tag) yield return FailureMark + tag;
            }

            foreach (var choice in Choices ?? [])
            {
                var alternatives = choice.Alternatives.Select(a => (Own: a.Own.Select(tagOf).ToList(), Others: a.Others.Select(tagOf).ToList())).ToList();
                if (alternatives.Any(a => a.Own.Contains(null) || a.Others.Contains(null))) continue;
                yield return string.Concat(alternatives.Select(a => "|" + string.Join(",", a.Own) + (a.Others.Count > 0 ? ";" + string.Join(",", a.Others) : "")))
                    + (choice.FreshIn is { } key ? "\n" + key : "");
            }
        }
    }

    /// <summary>
    /// A local set by one of several steps, decided at run time (<c>if (c) s = A(t); else s = B(t);</c>): each step's value
    /// is made by calls of its own, and the step that set the local last is the one whose own call ran last in the async
    /// flow, so the runtime takes the alternative whose own call left the latest node, and links its calls.
    /// </summary>
    /// <param name="FreshIn">When some alternatives have no call of their own and the traced method's running call tells this
    /// activation's calls from earlier ones: that method's documentation ID (its own producers keep their running call, see
    /// <see cref="Flow.Kept"/>). Null otherwise.</param>
    public sealed record Choice(IReadOnlyList<Alternative> Alternatives, string? FreshIn = null);

    /// <summary>One step of a <see cref="Choice"/>: the traced calls its own value makes, and the earlier ones it holds.</summary>
    public sealed record Alternative(IReadOnlyList<IInvocationOperation> Own, IReadOnlyList<IInvocationOperation> Others);

    /// <param name="argument">The argument's value.</param>
    /// <param name="isProducer">Whether an invocation is a traced call the generator intercepts.</param>
    public static Flow? Of(IOperation argument, Func<IInvocationOperation, bool> isProducer, CancellationToken cancellationToken)
    {
        var function = EnclosingFunction(argument);
        if (function is null) return null;
        var isolation = Isolation(function, cancellationToken);
        if (isolation.Isolated) return FlowIn(function, argument, isProducer, cancellationToken);
        // Code of the user's that runs only after the read cannot put another activation's result in the flow's slots before it.
        // Code before it could, even before the producer: it may hand the framework something of the program's (a handler, a
        // comparer, a lazy sequence) that code the walker finds inert then runs between the producer and the read.
        return isolation.After is { } after && after.AllAfter(argument) ? FlowIn(function, argument, isProducer, cancellationToken) : null;
    }

    private static Flow? FlowIn(IOperation function, IOperation argument, Func<IInvocationOperation, bool> isProducer, CancellationToken cancellationToken)
    {
        var value = Unwrap(argument);
        var followed = 0;
        var setByCall = false;
        string? partText = null;
        MemberSet? heldBy = null;
        while (value is ILocalReferenceOperation or IMemberReferenceOperation && followed++ < MaxLocals)
        {
            if (value is not ILocalReferenceOperation local)
            {
                // An item of a tuple written out (`pair.Item1` of `var pair = (Summarize(a), Decide(b))`): what was written there.
                if (value is IMemberReferenceOperation { Instance: { } whole } item && MemberOfWritten(whole, item, function) is { } written)
                {
                    (setByCall, partText) = (false, null);
                    value = Unwrap(written);
                    continue;
                }

                // A member of a local object, set once (`state.Summary = Summarize(t)`): what it was set to.
                if (SetOnce(value, function) is not { } set) break;
                (setByCall, partText) = (false, null);
                heldBy ??= set;
                value = Unwrap(set.Value);
                continue;
            }

            if (SingleAssignment(local.Local, function) is { } initializer)
            {
                (setByCall, partText) = PartOf(local.Local, function);
                value = Unwrap(initializer);
            }
            else if (LastStepBefore(local, function) is { Before: null } step && !ReadsOf(local.Local, step.Value, isProducer).Any())
            {
                // Set anew in straight-line code (`x = Step(x)`): what the local holds is that value, a call's result included.
                (setByCall, partText) = (false, null);
                value = Unwrap(step.Value);
                // A result with an identity links by it, as it did before the local was set again: no slot needed.
                if (value is IInvocationOperation { Type.IsReferenceType: true } result && isProducer(result)) return null;
            }
            else if (StepsBefore(local, function) is { Steps.Count: > 1 } reaching
                && reaching.Steps.All(s => s.Before is null && Unwrap(s.Value) is IInvocationOperation { Type.IsReferenceType: true } result && isProducer(result)))
            {
                // Each step sets it to a result with an identity, linked by it whichever it is.
                return null;
            }
            else if (CarriedSteps(local, function, isProducer) is { Count: > 0 } carried && carried.All(s => IdentityOrConstant(s.Value, isProducer)))
            {
                // Set again in a loop, each time to a result with an identity or to a constant: linked by identity too.
                return null;
            }
            else
            {
                break;
            }
        }

        // An element passed on unchanged keeps the identity of what was put there: a result, or glue an intercepted Add
        // recorded (StoredGlue); it links by it.
        if (!setByCall && value.Type is { IsReferenceType: true } && ElementCandidates(value, function, out _) is { Values.Count: 1, ElementOf: null } stored
            && (Unwrap(stored.Values[0]) is IInvocationOperation put && isProducer(put) || IsPutByCall(stored.Values[0])))
        {
            return null;
        }

        // An iteration variable passed on unchanged (`foreach (var doc in Search(q)) Summarize(doc)`) links by its identity too.
        if (!setByCall && value is ILocalReferenceOperation { Type.IsReferenceType: true } iteration && IterationCandidates(iteration, function, isProducer) is { } iterated
            && IteratesIdentities(iterated, function, isProducer))
        {
            return null;
        }

        // The exception a catch caught, passed on as it is (`Explain(e)`), links by its identity: its node is the call that threw.
        if (!setByCall && value is ILocalReferenceOperation caught && ThrownBy(caught, function, isProducer) is not null) return null;

        // A copy of a collection local (`q.ToList()`) passes its elements on unchanged: when each holds a result or glue an
        // intercepted put recorded, they link by their identities.
        if (!setByCall && CopiedCollection(value) is { } copied && ContentsAt(copied, function) is { HoldsAll: true, Whole: null } contents
            && contents.Placed.Values.Concat(contents.Rest).ToList() is { Count: > 0 } held
            && held.All(h => Unwrap(h) is IInvocationOperation { Type.IsReferenceType: true } result && isProducer(result) || IsPutByCall(h)))
        {
            return null;
        }

        // The producer's result itself, passed directly or through locals: its node, whether or not the value has an identity.
        // What a call sets through an `out` argument, or a part of what a deconstruction took apart, is not the call's result:
        // it is glue over the call.
        if (value is IInvocationOperation invocation && isProducer(invocation) && !setByCall && !FrameworkProducers.Is(invocation))
        {
            return SameFunction(invocation, function) ? new Flow(true, [invocation], invocation.Syntax.ToString(), []) : null;
        }

        var producers = new List<IInvocationOperation>();
        var reads = new List<IMemberReferenceOperation>();
        var choices = new List<Choice>();
        var chained = new List<IInvocationOperation>();
        var failed = new List<IInvocationOperation>();
        var accumulated = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var visited = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var visitedMembers = new HashSet<SyntaxNode>();
        var stepped = new HashSet<(ILocalSymbol, SyntaxNode)>();
        var stepsToChooseFrom = MaxStepsToChooseFrom;
        // Whether a choice among steps was left unclaimed while following the value (inside a step's value, or over the budget).
        var dropped = false;
        // A local built up in steps is shown as those steps (`s = Summarize(t); s += "!"`).
        var text = partText ?? (value is ILocalReferenceOperation built ? BuiltText(built, function, isProducer) ?? AccumulatedText(built, function) : null) ?? heldBy?.Written.ToString() ?? value.Syntax.ToString();
        Collect(value, conditional: false, producers, reads, inStep: false);
        return producers.Count == 0 && reads.Count == 0 && choices.Count == 0 && chained.Count == 0 && failed.Count == 0
            ? null
            : new Flow(false, producers, text, reads, choices.Count == 0 ? null : choices, chained.Count == 0 ? null : chained, chained.Count == 0 ? null : ChainKeyOf(function),
                failed.Count == 0 ? null : failed);

        // One element of a collection (`results[1]`, `list.First()`, `pair.Item1`): exact when the collection came from one
        // call (`reply.Split(':')[0]`); when it holds several calls' results, which one is chosen at run time, so none is
        // claimed (an unchanged element keeps its identity, which links it exactly). An element of `await Task.WhenAll(a, b)`
        // at a constant index is the result of the task at that place: `results[1]` is b's.
        void CollectElement(IOperation operation, bool conditional, List<IInvocationOperation> into, List<IMemberReferenceOperation> readInto, bool inStep)
        {
            if (AwaitedTaskAt(operation, function, out _) is { } task)
            {
                Collect(task, conditional, into, readInto, inStep);
                return;
            }

            // An element of a collection local filled in steps: what was put at its key, or what every candidate holds.
            if (ElementCandidates(operation, function, out _) is { } candidates)
            {
                CollectCommon(candidates, conditional, into, readInto);
                return;
            }

            var before = into.Count;
            foreach (var part in Parts(operation)) Collect(part.Operation, conditional || part.OnlySometimes is not null, into, readInto, inStep);
            if (into.Count - before > 1) into.RemoveRange(before, into.Count - before);
        }

        void Collect(IOperation operation, bool conditional, List<IInvocationOperation> into, List<IMemberReferenceOperation> readInto, bool inStep)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvocationOperation combined when isProducer(combined) && Combiners.IsGlueProducer(combined):
                    // Its text passed on as it is links by its identity: what the compiler proves of its parts is glue over them.
                    if (ReferenceEquals(combined, value)) break;
                    // A combiner's text links at run time to the parts that reach it unchanged, by their identity; a part the
                    // compiler proves made from results as glue is linked as any glue is.
                    if (!conditional && SameFunction(combined, function) && !into.Contains(combined)) into.Add(combined);
                    foreach (var argument in combined.Arguments)
                    {
                        IEnumerable<IOperation> parts = argument.Value is IArrayCreationOperation { Initializer: { } written } && argument.ArgumentKind == ArgumentKind.ParamArray
                            ? written.ElementValues
                            : [argument.Value];
                        foreach (var part in parts)
                        {
                            if (Of(part, isProducer, cancellationToken) is { IsDirect: false }) Collect(part, conditional, into, readInto, inStep);
                        }
                    }

                    return;
                case IInvocationOperation pick when !ReferenceEquals(pick, value) && isProducer(pick) && Pickers.IsGlueProducer(pick):
                    {
                        // A text LINQ picked, made into glue: read as any element is (below) where that proves what it holds;
                        // else the pick's slot, which holds the node of the result it picked. Passed on as it is, it is read as
                        // any element is.
                        // Only one candidate proves it: the calls a choice among collections holds (`c ? new[] { A(), B() } : ...`)
                        // are not what was picked.
                        var proven = into.Count;
                        if (PickedOfOneCollection(pick, function))
                        {
                            CollectElement(pick, conditional, into, readInto, inStep);
                        }

                        if (into.Count == proven && !conditional && SameFunction(pick, function) && !into.Contains(pick)) into.Add(pick);
                        return;
                    }
                case IInvocationOperation call when isProducer(call) && !Pickers.IsGlueProducer(call):
                    if (!conditional && SameFunction(call, function) && !into.Contains(call)) into.Add(call);
                    return; // its arguments are its own inputs
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return; // runs later, any number of times
                case IMemberReferenceOperation { Instance: { } whole } part when MemberOfWritten(whole, part, function) is { } written:
                    // An item of a tuple or a member of an anonymous object written out (`var t = ("fixed", Summarize(q))`):
                    // what was written there, not the rest.
                    Collect(written, conditional, into, readInto, inStep);
                    return;
                case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } or IImplicitIndexerReferenceOperation { Argument.Type.Name: "Index" }
                    or IFieldReferenceOperation { Field.ContainingType.IsTupleType: true }:
                case IInvocationOperation picked when CollectionRead(picked, collections: false) is not null:
                    CollectElement(operation, conditional, into, readInto, inStep);
                    return;
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member
                    when (member.Member.HasAttribute(Symbols.TrainableAttribute) || member.SemanticModel is { } model && ImplementedMembers.MayRunTrainable(member.Member, model.Compilation))
                        && (member.Member.IsStatic || GlueReadPaths.OnThis(member) || GlueReadPaths.Of(member, argument) is not null):
                    if (!conditional && !readInto.Contains(member, GlueReadPaths.SameRead)) readInto.Add(member);
                    return;
                case IMemberReferenceOperation held when SetOnce(held, function) is { } set:
                    if (visitedMembers.Count < MaxLocals && visitedMembers.Add(set.Written)) Collect(set.Value, conditional, into, readInto, inStep);
                    return;
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: { } owner } read
                    when !FrameworkAssemblies.Contains(read.Member.ContainingAssembly?.Name ?? "") && MemberMayBeChanged(owner, function):
                    return; // what it holds may be another's making
                case ILocalReferenceOperation { IsDeclaration: true }:
                    return; // an `out var` the call sets: what it is set to is the call's doing
                case ILocalReferenceOperation local:
                    if (ContentsAt(local, function) is { } contents)
                    {
                        // A collection filled in steps: what it holds as it is read, all of it. Its size (`used.Count`) says how
                        // many it holds, not what. One changed where the compiler does not follow it holds it all still when every
                        // such change only adds or reorders (`Array.Reverse(chars)`); after any other (`Clear()`, a helper it is
                        // given to) what it holds is not known, and nothing is claimed.
                        if (contents.HoldsAll && local.Parent is not IPropertyReferenceOperation { Property.IsIndexer: false, Type.IsValueType: true }
                            && visited.Count < MaxLocals && visited.Add(local.Local))
                        {
                            foreach (var held in contents.Placed.Values.Concat(contents.Rest)) Collect(held, conditional, into, readInto, inStep);
                            if (contents.Whole is { } whole) Collect(whole, conditional, into, readInto, inStep);
                        }
                    }
                    else if (SingleAssignment(local.Local, function) is { } initializer)
                    {
                        if (visited.Count < MaxLocals && visited.Add(local.Local)) Collect(initializer, conditional, into, readInto, inStep);
                    }
                    else if (ThrownBy(local, function, isProducer) is { } thrower)
                    {
                        // The exception a catch caught: the one the try's only traced call threw, when it threw.
                        if (!conditional && !failed.Contains(thrower)) failed.Add(thrower);
                    }
                    else if (IterationCandidates(local, function, isProducer) is { } iterated)
                    {
                        // An element of what the loop reads, at each iteration: what every value it may be holds.
                        if (!iterated.Changed && visited.Count < MaxLocals && visited.Add(local.Local)) CollectCommon(iterated, conditional, into, readInto);
                    }
                    else if (AccumulatedInLoop(local.Local, function) is { } accumulation)
                    {
                        if (!conditional && !inStep && accumulated.Count < MaxLocals && accumulated.Add(local.Local)) Accumulate(local.Local, accumulation, into, readInto);
                    }
                    else if (StepsBefore(local, function) is { } reaching)
                    {
                        if (reaching.Steps.Count == 1)
                        {
                            var step = reaching.Steps[0];
                            // What the local holds at this read: the last step's value, in which a read of the local is what it
                            // held before that step; a compound assignment reads it too.
                            if (stepped.Count >= MaxLocals || !stepped.Add((local.Local, step.Written))) return;
                            Collect(step.Value, conditional, into, readInto, inStep);
                            if (step.Before is { } priorRead) Collect(priorRead, conditional, into, readInto, inStep);
                        }
                        else if (stepped.Count < MaxLocals && stepped.Add((local.Local, local.Syntax)))
                        {
                            Choose(reaching.Steps, reaching.Conditions, reaching, conditional, into, readInto, inStep);
                        }
                    }
                    else if (CarriedSteps(local, function, isProducer) is { } carried && stepped.Count < MaxLocals && stepped.Add((local.Local, local.Syntax)))
                    {
                        // Set again in a loop: the step that set it last ran its own call last.
                        Choose(carried, [], null, conditional, into, readInto, inStep, loopCarried: true);
                    }

                    return;
                case IConditionalOperation { WhenFalse: not null } branch when !conditional && !inStep:
                    // A value chosen by conditions (`c ? A(t) : B(t)`, `c ? A(t) : d ? B(t) : C(t)`): only the arm chosen runs,
                    // so it is the one whose own call left the latest node, when every arm makes one. A nested condition runs
                    // only on some paths: what it calls is not claimed.
                    var (arms, nestedConditions) = (new List<Step>(), new List<IOperation>());
                    ArmsOf(branch.WhenTrue, arms, nestedConditions);
                    ArmsOf(branch.WhenFalse, arms, nestedConditions);
                    foreach (var nested in nestedConditions) Collect(nested, conditional: true, into, readInto, inStep);
                    Choose(arms, [branch.Condition], null, conditional, into, readInto, inStep);
                    return;
                case ICoalesceOperation coalesce when !conditional && !inStep && (IsTracedBody(function) || SlotsAreFresh(function)):
                    // `cached ?? Summarize(q)`: the value tried first, or the one made when it is null, as the arms of `?:`.
                    Choose([Arm(coalesce.Value), Arm(coalesce.WhenNull)], [], null, conditional, into, readInto, inStep);
                    return;
                case ISwitchExpressionOperation switched when !conditional && !inStep:
                    // A guard runs for the arms tried before the one chosen: what it calls is not claimed.
                    foreach (var guard in switched.Arms.Select(a => a.Guard).OfType<IOperation>()) Collect(guard, conditional: true, into, readInto, inStep);
                    Choose([.. switched.Arms.Select(a => Arm(a.Value))], [switched.Value], null, conditional, into, readInto, inStep);
                    return;
            }

            foreach (var part in Parts(operation)) Collect(part.Operation, conditional || part.OnlySometimes is not null, into, readInto, inStep);
        }

        // The calls every candidate for an element's value holds (one candidate: all its calls), and those of a key computed
        // at run time, which picks the element. An element of a collection made elsewhere is exact only when one call made
        // that collection. Choices inside a candidate are not claimed.
        void CollectCommon(Stored stored, bool conditional, List<IInvocationOperation> into, List<IMemberReferenceOperation> readInto)
        {
            if (stored.PickedBy is { } key) Collect(key, conditional, into, readInto, inStep: true);
            IReadOnlyList<IOperation> candidates = stored.ElementOf is { } elementOf ? [.. stored.Values, elementOf] : stored.Values;
            if (candidates.Count == 0) return;
            var collected = candidates.Select(candidate =>
            {
                var (made, read) = (new List<IInvocationOperation>(), new List<IMemberReferenceOperation>());
                Collect(candidate, conditional, made, read, inStep: candidates.Count > 1);
                if (ReferenceEquals(candidate, stored.ElementOf) && made.Count > 1) made.Clear();
                return (Made: made, Read: read);
            }).ToList();
            foreach (var producer in collected[0].Made.Where(p => collected.All(c => c.Made.Contains(p)) && !into.Contains(p))) into.Add(producer);
            foreach (var member in collected[0].Read.Where(r => collected.All(c => c.Read.Contains(r, GlueReadPaths.SameRead)) && !readInto.Contains(r, GlueReadPaths.SameRead))) readInto.Add(member);
        }

        // A local built up in a loop: what it started as, and the calls each step adds, every result of this running call of
        // those that run with their step (chained), the latest of those that run once before the loop. Any other: nothing.
        void Accumulate(ILocalSymbol local, Accumulation accumulation, List<IInvocationOperation> into, List<IMemberReferenceOperation> readInto)
        {
            var (once, each, read) = (new List<IInvocationOperation>(), new List<IInvocationOperation>(), new List<IMemberReferenceOperation>());
            foreach (var step in accumulation.Steps)
            {
                var made = new List<IInvocationOperation>();
                foreach (var added in step.Added) Collect(added, conditional: false, made, read, inStep: true);
                foreach (var producer in made)
                {
                    // A combiner's or a picker's slot keeps no running call: its every result of one cannot be told apart.
                    if (RunsWithStep(producer, step, local) && !FrameworkProducers.Is(producer)) each.Add(producer);
                    else if (!RunsRepeatedly(producer, function)) once.Add(producer);
                    else return;
                }
            }

            Collect(accumulation.Initializer, conditional: false, into, readInto, inStep: false);
            foreach (var producer in once.Where(p => !into.Contains(p))) into.Add(producer);
            foreach (var producer in each.Where(p => !chained.Contains(p))) chained.Add(producer);
            foreach (var member in read.Where(r => !readInto.Contains(r, GlueReadPaths.SameRead))) readInto.Add(member);
        }

        // A value one of several steps made (the steps that set a local, or the arms of `?:` or a switch): the conditions
        // that chose run on every path; a call every step's value holds flowed whichever made it; else each step's own calls
        // tell which ran last (a Choice), when every step has one. `reaching`: the local's (whether its steps run in order, and
        // a try whose handlers fall back); the arms of `?:` or a switch have none, and only the arm chosen runs.
        void Choose(IReadOnlyList<Step> steps, IReadOnlyList<IOperation> conditions, Reaching? reaching, bool conditional,
            List<IInvocationOperation> into, List<IMemberReferenceOperation> readInto, bool inStep, bool loopCarried = false)
        {
            // Each step is followed on its own: locals chosen from locals chosen from others could multiply the work.
            if ((stepsToChooseFrom -= steps.Count) < 0)
            {
                dropped = true;
                return;
            }

            foreach (var condition in conditions) Collect(condition, conditional, into, readInto, inStep);
            var options = new List<(Step Step, List<IInvocationOperation> Made, List<IMemberReferenceOperation> Read)>();
            // Each step's value is followed from what was followed before the choice: a local two steps read is each's.
            var (visitedBefore, steppedBefore) = (visited.ToList(), stepped.ToList());
            var (visitedAfter, steppedAfter) = (new List<ILocalSymbol>(), new List<(ILocalSymbol, SyntaxNode)>());
            var (droppedAround, partial) = (dropped, false);
            foreach (var step in steps)
            {
                dropped = false;
                visited.Clear();
                visited.UnionWith(visitedBefore);
                stepped.Clear();
                stepped.UnionWith(steppedBefore);
                var (made, read) = (new List<IInvocationOperation>(), new List<IMemberReferenceOperation>());
                Collect(step.Value, conditional, made, read, inStep: true);
                if (step.Before is { } priorRead) Collect(priorRead, conditional, made, read, inStep: true);
                options.Add((step, made, read));
                partial |= dropped;
                visitedAfter.AddRange(visited);
                steppedAfter.AddRange(stepped);
            }

            visited.UnionWith(visitedAfter);
            stepped.UnionWith(steppedAfter);

            var common = options[0].Made.Where(p => options.All(o => o.Made.Contains(p))).ToList();
            foreach (var producer in common)
            {
                if (!into.Contains(producer)) into.Add(producer);
            }

            foreach (var member in options[0].Read.Where(r => options.All(o => o.Read.Contains(r, GlueReadPaths.SameRead))))
            {
                if (!readInto.Contains(member, GlueReadPaths.SameRead)) readInto.Add(member);
            }

            // A choice inside one step's value would need that step to be the one chosen: not claimed. Nor is one among steps
            // whose values hold calls a choice inside them left unclaimed: the step chosen would link only some of its calls.
            var alternatives = options.Select(o => new Alternative(
                [.. o.Made.Where(p => Holds(o.Step.Value, p))],
                [.. o.Made.Where(p => !Holds(o.Step.Value, p) && !common.Contains(p))])).ToList();
            string? freshIn = null;
            var chosen = !inStep && (reaching?.Ordered ?? true) && !partial
                && (alternatives.All(a => a.Own.Count > 0) || reaching is not null && FallsBack(reaching, [.. options.Select(o => o.Step)], alternatives)
                    || reaching is null && !loopCarried && ((freshIn = ArmsKey(alternatives, function)) is not null || ArmsAreFresh(alternatives, function))
                    || (reaching is not null || loopCarried) && (freshIn = KeyForStepsWithoutCalls(steps, alternatives, [.. options.Select(o => o.Made)], function)) is not null);
            if (chosen) choices.Add(new Choice(alternatives, freshIn));
            dropped = droppedAround || partial || !chosen && options.Any(o => o.Made.Any(p => !common.Contains(p)));
        }
    }

    /// <summary>
    /// Whether arms of <c>?:</c>, <c>??</c> or a switch some of which make their value with no traced call of their own
    /// (<c>var context = cached ? memo : await RetrieveAsync(q)</c>) can still be told apart by their calls: the function's
    /// slots are its activation's own (it is async, and nothing jumps back with <c>goto</c>), and each arm's own call runs at
    /// most once in it, so a call's slot is filled exactly when its arm ran in this activation. An arm whose call left no node
    /// was not the one chosen.
    /// </summary>
    private static bool ArmsAreFresh(IReadOnlyList<Alternative> alternatives, IOperation function) =>
        alternatives.Any(a => a.Own.Count > 0) && alternatives.All(a => a.Own.All(p => !RunsRepeatedly(p, function))) && SlotsAreFresh(function);

    /// <summary>
    /// The same for a traced method, sync or async: its running call tells the calls of this activation from any other's
    /// (an earlier call's, a recursive one's), so the choice is keyed by its documentation ID (see <see cref="Choice.FreshIn"/>).
    /// Null when some arm's own call may run more than once in it, or is a combiner's (whose slot keeps no running call).
    /// </summary>
    private static string? ArmsKey(IReadOnlyList<Alternative> alternatives, IOperation function) =>
        alternatives.Any(a => a.Own.Count > 0) && alternatives.All(a => a.Own.All(p => !RunsRepeatedly(p, function))) ? RunningCallKey(alternatives, function) : null;

    // The key of a choice told apart by the traced method's running call, which tells a recursive call's apart too; null when
    // the function is not such a body or an alternative's own call is a framework producer's, whose slot never keeps the running call.
    private static string? RunningCallKey(IReadOnlyList<Alternative> alternatives, IOperation function) =>
        IsTracedBody(function) && !alternatives.Any(a => a.Own.Any(FrameworkProducers.Is)) ? ChainKeyOf(function) : null;

    // Whether the function is the body of a traced method, with no `goto`: its interceptor gives each call a running call.
    private static bool IsTracedBody(IOperation function) =>
        function is IMethodBodyOperation && FunctionSymbol(function) is { } symbol && symbol.IsTracedMethod() && !HasGoto(function);

    // Whether the slots a function's producers fill are its activation's own, whoever calls it: an async function's changes
    // to the async context stay its own (a traced method's do too, but only when its interceptor ran it).
    // A call of itself in its body would start with this activation's slots: not fresh.
    private static bool SlotsAreFresh(IOperation function) =>
        FunctionSymbol(function) is { IsAsync: true } symbol && !HasGoto(function)
        && !function.Descendants().Any(o => o is IReturnOperation { Kind: OperationKind.YieldReturn }
            || o is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, symbol.OriginalDefinition));

    // A result with an identity, which links by it, or a value no traced call of the function made (a literal, a parameter, a
    // new object): passed on as it is, it is what it is, an input.
    private static bool IdentityOrConstant(IOperation value, Func<IInvocationOperation, bool> isProducer) =>
        Unwrap(value) is IInvocationOperation { Type.IsReferenceType: true } result && isProducer(result) && !FrameworkProducers.Is(result)
        || value.ConstantValue.HasValue
        || value.Type is { IsReferenceType: true } && !value.DescendantsAndSelf().Any(o => o is ILocalReferenceOperation || o is IInvocationOperation call && isProducer(call));

    // An arm of `?:` or of a switch expression, as a step that makes the value.
    private static Step Arm(IOperation value) => new(value, -1, value.Syntax, null);

    // The arms of `?:` nested in an arm of another (`c ? A(t) : d ? B(t) : C(t)`), each a step, and their conditions.
    private static void ArmsOf(IOperation arm, List<Step> arms, List<IOperation> conditions)
    {
        if (arm is IConditionalOperation { WhenFalse: { } whenFalse } nested)
        {
            conditions.Add(nested.Condition);
            ArmsOf(nested.WhenTrue, arms, conditions);
            ArmsOf(whenFalse, arms, conditions);
            return;
        }

        arms.Add(Arm(arm));
    }

    /// <summary>
    /// Whether the local is set by one call in a <c>try</c> and by the handlers without one (<c>try { reply = Ask(q); }
    /// catch (HttpRequestException) { reply = "sorry"; }</c>): the call is the whole body of a <c>try</c> that every path to
    /// the read runs, given operands that cannot fail, so it starts on every path and its slot is this activation's, filled
    /// when it completed and set the local, left empty when it failed and a handler set it. The handlers' alternatives then
    /// have no call of their own and are never chosen.
    /// </summary>
    private static bool FallsBack(Reaching reaching, IReadOnlyList<Step> steps, IReadOnlyList<Alternative> alternatives)
    {
        var called = Enumerable.Range(0, steps.Count).Where(i => alternatives[i].Own.Count > 0).ToList();
        if (called.Count != 1 || alternatives[called[0]].Others.Count > 0) return false;
        var step = steps[called[0]];
        if (Unwrap(step.Value) is not IInvocationOperation call || alternatives[called[0]].Own.Count != 1 || !ReferenceEquals(alternatives[called[0]].Own[0], call)
            || !CannotFail(call)) return false;
        if (step.Value.Parent?.Parent is not IExpressionStatementOperation { Parent: IBlockOperation { Operations.Length: 1 } body } statement
            || body.Parent is not ITryOperation attempt || !ReferenceEquals(attempt.Body, body) || !ReferenceEquals(attempt.Parent, reaching.Line.Block)) return false;
        return steps.All(s => ReferenceEquals(s.Value, step.Value) || attempt.Catches.Any(c => Holds(c.Handler, s.Written)));
    }

    // Whether evaluating the call's receiver and arguments cannot throw before the call starts: locals, parameters, fields,
    // literals and strings joined from them.
    private static bool CannotFail(IInvocationOperation call) =>
        (call.Instance is null || Plain(call.Instance)) && call.Arguments.All(a => Plain(a.Value));

    private static bool Plain(IOperation operation) => operation switch
    {
        ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IDefaultValueOperation => true,
        IFieldReferenceOperation field => field.Instance is null || field.Instance is IInstanceReferenceOperation,
        IConversionOperation { IsImplicit: true, OperatorMethod: null } conversion => Plain(conversion.Operand),
        // Text joined to text only: joining another object calls its ToString, which may be yours.
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null, Type.SpecialType: SpecialType.System_String } joined =>
            IsText(joined.LeftOperand) && IsText(joined.RightOperand) && Plain(joined.LeftOperand) && Plain(joined.RightOperand),
        _ => false,
    };

    private static bool IsText(IOperation operand) =>
        operand is ILiteralOperation || (operand is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : operand).Type?.SpecialType == SpecialType.System_String;

    // Whether `inner` is written inside `outer`.
    private static bool Holds(IOperation outer, IOperation inner) => Holds(outer, inner.Syntax);

    private static bool Holds(IOperation outer, SyntaxNode inner) => outer.Syntax.SyntaxTree == inner.SyntaxTree && outer.Syntax.Span.Contains(inner.Span);

    /// <summary>
    /// The collection whose element, or collection of elements, a call returns unchanged as far as types show: the receiver
    /// of an instance or extension method (not one of string's) that returns that collection's element type (<c>First</c>,
    /// <c>MaxBy</c>, <c>Peek</c>) or a collection of it (<c>Where(...).ToList()</c>). Null for any other call.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="collections">Whether a call that returns a collection of the elements counts (the analyzer's reading;
    /// glue over <c>Select(t => t.Trim()).ToList()</c> is a new value, which the generator links as glue).</param>
    public static IOperation? CollectionRead(IInvocationOperation call, bool collections)
    {
        if (call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String || call.Type is null) return null;
        // Instance methods of the collection (`Find`, `Peek`) and extension methods on it (LINQ); not static helpers that
        // take a collection (`Path.Combine(parts)` computes).
        var source = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        while (source is IConversionOperation { IsImplicit: true } conversion) source = conversion.Operand;
        if (source?.Type is not { } sourceType || ElementType(sourceType) is not { } element) return null;
        var returned = collections && ElementType(call.Type) is { } returnedElement && !SymbolEqualityComparer.Default.Equals(call.Type, element) ? returnedElement : call.Type;
        return SymbolEqualityComparer.Default.Equals(returned.WithNullableAnnotation(NullableAnnotation.None), element.WithNullableAnnotation(NullableAnnotation.None)) ? source : null;
    }

    /// <summary>The element type of an array or <c>IEnumerable&lt;T&gt;</c> (not of a string), or null.</summary>
    public static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String) return null;
        if (type is IArrayTypeSymbol array) return array.ElementType;
        var enumerable = KnownTypes.IsEnumerableOfT(type) ? (INamedTypeSymbol)type : type.AllInterfaces.FirstOrDefault(KnownTypes.IsEnumerableOfT);
        return enumerable?.TypeArguments[0];
    }

    /// <summary>One operation evaluated as part of another.</summary>
    /// <param name="Operation">The part.</param>
    /// <param name="OnlySometimes">Why it may not run each time the whole does (a branch, a short circuit), or null when it always runs.</param>
    /// <param name="PassesValue">Whether the whole's value is the part's value, unchanged (a branch of <c>?:</c>, <c>??</c> or a switch).</param>
    public readonly record struct Part(IOperation Operation, string? OnlySometimes, bool PassesValue);

    /// <summary>The operations evaluated as part of <paramref name="operation"/>, with which of them run only sometimes.</summary>
    public static IEnumerable<Part> Parts(IOperation operation)
    {
        switch (operation)
        {
            case IConditionalOperation choice:
                yield return new Part(choice.Condition, null, false);
                yield return new Part(choice.WhenTrue, "it is chosen by a condition", true);
                if (choice.WhenFalse is not null) yield return new Part(choice.WhenFalse, "it is chosen by a condition", true);
                break;
            case ICoalesceAssignmentOperation coalesceAssignment:
                yield return new Part(coalesceAssignment.Target, null, true);
                yield return new Part(coalesceAssignment.Value, "it is evaluated only when the target is null (??=)", true);
                break;
            case IInterpolatedStringHandlerCreationOperation handler:
                yield return new Part(handler.HandlerCreation, null, false);
                yield return new Part(handler.Content, handler.HandlerCreationHasSuccessParameter || handler.HandlerAppendCallsReturnBool ? "an interpolated string handler may skip it" : null, false);
                break;
            case ICoalesceOperation coalesce:
                yield return new Part(coalesce.Value, null, true);
                yield return new Part(coalesce.WhenNull, "it is chosen by ??", true);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                yield return new Part(logical.LeftOperand, null, false);
                yield return new Part(logical.RightOperand, "it is evaluated only on some paths (&& or ||)", false);
                break;
            case IConditionalAccessOperation access:
                yield return new Part(access.Operation, null, false);
                yield return new Part(access.WhenNotNull, "it is evaluated only when a value is not null (?.)", false);
                break;
            case ISwitchExpressionOperation choice:
                yield return new Part(choice.Value, null, false);
                foreach (var arm in choice.Arms) yield return new Part(arm, "it is chosen by a switch", true);
                break;
            default:
                foreach (var child in operation.ChildOperations) yield return new Part(child, null, false);
                break;
        }
    }

    /// <summary>Why no flow into <paramref name="operation"/> is claimed in its function whatever its producers, or null when flows can be.</summary>
    public static string? UnclaimableBecause(IOperation operation, CancellationToken cancellationToken)
    {
        if (EnclosingFunction(operation) is not { } function) return "it is outside any method";
        if (function.Descendants().Any(o => o is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak })) return $"the {FunctionKind(function)} is an iterator, whose locals outlive each step";
        var isolation = Isolation(function, cancellationToken);
        if (isolation.Isolated) return null;
        // Code of the user's that runs only after the read is not why: name the first that may run before it.
        var culprit = isolation.After is { } after ? after.FirstBefore(operation) : isolation.Culprits.FirstOrDefault();
        if (isolation.After is not null && culprit is null) return null;
        var here = Culprit(culprit);
        if (isolation.EnteredUnintercepted is { } entry)
        {
            return $"the method is traced, but {entry.How}: such a call runs inside the running call of whoever makes it, and the method runs other code of yours that could make one before the value is used{here}; {entry.Fix}";
        }

        return function switch
        {
            // A lambda or local function is its own function, whatever the method around it is.
            IAnonymousFunctionOperation => $"the lambda is neither async nor a traced method, and runs other code of yours that could call it again before the value is used{here}; make it async, or move its code into a [Traced] method",
            ILocalFunctionOperation => $"the local function is neither async nor a traced method, and runs other code of yours that could call it again before the value is used{here}; make it async, or make it a [Traced] method of the class",
            IConstructorBodyOperation => $"the constructor runs other code of yours that could call it again before the value is used{here}; move that work into a [Traced] method",
            _ => $"the method is neither async nor traced, and runs other code of yours that could call it again before the value is used{here}; make it [Traced] or async",
        };
    }

    // What in the function may run code of the user's, as written: ` (here: Hook?.Invoke())`.
    private static string Culprit(IOperation? culprit)
    {
        if (culprit is null) return "";
        // `hook?.Invoke(t)` as written, not its `.Invoke(t)` part.
        var syntax = culprit.Syntax;
        while (syntax.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == syntax) syntax = access;
        return $" (here: {Shown(syntax.ToString())})";
    }

    private const int MaxShownLength = 60;

    /// <summary>Code as a message shows it: on one line, cut short.</summary>
    public static string Shown(string code)
    {
        var text = OneLine(code);
        return text.Length > MaxShownLength ? text.Substring(0, MaxShownLength - 3) + "..." : text;
    }

    private static string OneLine(string code) => string.Join(" ", code.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string FunctionKind(IOperation function) => function switch
    {
        IAnonymousFunctionOperation => "lambda",
        ILocalFunctionOperation => "local function",
        _ => "method",
    };

    /// <summary>
    /// Whether a producer's latest result in the async flow is always this activation's: the function's locals and the
    /// flow's slots must belong to one activation. An async function's changes to the async context stay its own; a traced
    /// method's running call keeps the changes of any re-entry to itself; otherwise nothing in the body may run user code
    /// that could re-enter it, or none before a flow's read (<see cref="ActivationIsolation.After"/>). An iterator's locals
    /// outlive each step while the slots belong to whoever steps it: never.
    /// </summary>
    /// <param name="Culprits">What in the function may run code of the user's, in the order it is written.</param>
    /// <param name="After">Where that code is among the statements of the function's body, when it is all outside the
    /// function's lambdas and local functions and no <c>goto</c> can run a statement again: a flow read in a statement before
    /// all of it is still this activation's.</param>
    /// <param name="EnteredUnintercepted">For a traced method, how code of the compilation runs it without its interceptor
    /// (<see cref="UninterceptedEntries"/>).</param>
    private sealed record ActivationIsolation(bool Isolated, IReadOnlyList<IOperation> Culprits, StatementsAfter? After = null, UninterceptedEntries.Entry? EnteredUnintercepted = null);

    // Asked for every argument of every call in the function: the answer is the function's, so it is kept with it.
    private static ActivationIsolation Isolation(IOperation function, CancellationToken cancellationToken) =>
        s_isolated.GetValue(function, f => ComputeIsolation(f, cancellationToken));

    private static readonly ConditionalWeakTable<IOperation, ActivationIsolation> s_isolated = new();

    private static ActivationIsolation ComputeIsolation(IOperation function, CancellationToken cancellationToken)
    {
        if (function.Descendants().Any(o => o is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak })) return new(false, []);
        var symbol = FunctionSymbol(function);
        if (symbol is null) return new(false, []);
        if (symbol.IsAsync) return new(true, []);
        if (function.SemanticModel is not { } model) return new(false, []);
        // A traced method's interceptor gives each call of it a running call of its own, unless it is entered another way.
        var traced = function is IMethodBodyOperation && symbol.IsTracedMethod();
        var entered = traced ? UninterceptedEntries.HowEntered(symbol, model.Compilation, cancellationToken) : null;
        if (traced && entered is null) return new(true, []);
        var culprits = NestedCalls.UserCode(function, symbol, model.Compilation, cancellationToken);
        if (culprits.Count == 0) return new(true, []);
        var after = culprits.All(c => ReferenceEquals(EnclosingFunction(c), function)) && !function.Descendants().Any(o => o is ILabeledOperation)
            ? StatementsAfter.Of(function, culprits)
            : null;
        return new(false, culprits, after, entered);
    }

    /// <summary>The statements of a function's body, and which of them hold code of the user's.</summary>
    private sealed class StatementsAfter
    {
        private readonly ImmutableArray<IOperation> _statements;
        private readonly List<(int Index, IOperation Culprit)> _culprits;

        private StatementsAfter(ImmutableArray<IOperation> statements, List<(int, IOperation)> culprits) => (_statements, _culprits) = (statements, culprits);

        public static StatementsAfter? Of(IOperation function, IReadOnlyList<IOperation> culprits)
        {
            var body = function switch
            {
                IMethodBodyOperation method => method.BlockBody,
                IConstructorBodyOperation constructor => constructor.BlockBody,
                IAnonymousFunctionOperation lambda => lambda.Body,
                ILocalFunctionOperation local => local.Body,
                _ => null,
            };
            if (body is null) return null;
            var after = new StatementsAfter(body.Operations, []);
            foreach (var culprit in culprits)
            {
                if (after.IndexOf(culprit) is not { } at) return null;
                after._culprits.Add((at, culprit));
            }

            return after;
        }

        /// <summary>The index of the statement of the body that holds the operation, or null.</summary>
        public int? IndexOf(IOperation operation)
        {
            var span = operation.Syntax.Span;
            for (var i = 0; i < _statements.Length; i++)
            {
                if (_statements[i].Syntax.Span.Contains(span) && !_statements[i].IsImplicit) return i;
            }

            return null;
        }

        /// <summary>Whether all code of the user's is in statements after the one that holds <paramref name="read"/>.</summary>
        public bool AllAfter(IOperation read) => IndexOf(read) is { } at && _culprits.All(c => c.Index > at);

        /// <summary>The first code of the user's in a statement before the one that holds <paramref name="read"/>, or in it.</summary>
        public IOperation? FirstBefore(IOperation read) =>
            IndexOf(read) is { } last ? _culprits.FirstOrDefault(c => c.Index <= last).Culprit : _culprits[0].Culprit;
    }

    private static IMethodSymbol? FunctionSymbol(IOperation function) => function switch
    {
        IAnonymousFunctionOperation lambda => lambda.Symbol,
        ILocalFunctionOperation local => local.Symbol,
        _ when function.SemanticModel is { } model => model.GetDeclaredSymbol(function.Syntax) as IMethodSymbol
            ?? model.GetEnclosingSymbol(function.Syntax is CompilationUnitSyntax unit && unit.Members.FirstOrDefault() is { } first ? first.SpanStart : function.Syntax.SpanStart) as IMethodSymbol,
        _ => null,
    };

    /// <summary>The function whose activation the flow happens in: a method, a lambda or a local function.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation) return current;
            if (current.Parent is null) return current;
        }

        return null;
    }

    private static bool SameFunction(IOperation operation, IOperation function) => ReferenceEquals(EnclosingFunction(operation), function);

    /// <summary>The value under implicit conversions, parentheses, <c>await</c> and query expressions.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation or IAwaitOperation or ITranslatedQueryOperation)
        {
            operation = operation switch
            {
                IConversionOperation conversion => conversion.Operand,
                IParenthesizedOperation parenthesized => parenthesized.Operand,
                IAwaitOperation awaited => awaited.Operation,
                // A query expression is the calls it is translated to (`from a in xs select f(a)` is `xs.Select(a => f(a))`).
                ITranslatedQueryOperation query => query.Operation,
                _ => operation,
            };
        }

        return operation;
    }

    /// <summary>
    /// The initializer of a local declared in <paramref name="function"/> and never written again anywhere, or null. A local
    /// declared as a call's <c>out</c> argument (<c>table.TryGetValue(key, out var text)</c>) and never written again is set
    /// once by that call: the call is its initializer.
    /// </summary>
    private static IOperation? SingleAssignment(ILocalSymbol local, IOperation function) =>
        SetOnceTo(local, function) is { } value && !ChangedBeforeEnumerated(value, function) ? value : null;

    // Whether the sequence a pick reads is one collection made in one place (written out, or a local set once), not one of
    // several chosen at run time (`c ? new[] { A(), B() } : others`, a local set again), whose proof would be the choice's.
    private static bool PickedOfOneCollection(IInvocationOperation pick, IOperation function)
    {
        if (pick.Arguments.Length == 0) return false;
        var source = Unwrap(pick.Arguments[0].Value);
        for (var followed = 0; source is ILocalReferenceOperation local && followed < MaxLocals; followed++)
        {
            if (SingleAssignment(local.Local, function) is not { } set) return false;
            source = Unwrap(set);
        }

        return source is not (IConditionalOperation or ISwitchExpressionOperation or ICoalesceOperation);
    }

    /// <summary>The value a local of <paramref name="function"/> is set to, when it is set once (see <see cref="SingleAssignment"/>); null otherwise.</summary>
    public static IOperation? ValueSetOnce(ILocalSymbol local, IOperation function) =>
        SetOnceTo(local, function) is { } value && !ChangedBeforeEnumerated(value, function) ? value : null;

    private static IOperation? SetOnceTo(ILocalSymbol local, IOperation function)
    {
        if (local.RefKind != RefKind.None || local.IsConst || local.IsForEach || local.IsUsing) return null;
        if (local.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (!LocalsOf(Root(function)).TryGetValue(local, out var use) || use.WrittenOrIncremented || use.Reassignments.Count > 0) return null;
        if (syntax is SingleVariableDesignationSyntax)
        {
            if (use.Declarations.Count > 0) return null;
            if (use.SetBy is { } call) return SameFunction(call, function) ? call : null;
            return use.Deconstructed is { } part && SameFunction(part.Assignment, function) ? part.Value : null;
        }

        // Declared without a value and set once, by a deconstruction (`string s, t; (s, t) = (Summarize(q), "x");`): the
        // compiler lets no read come before it.
        if (syntax is VariableDeclaratorSyntax { Initializer: null } && use.Deconstructed is { } set && use.SetBy is null)
        {
            return use.Declarations.Count == 1 && SameFunction(use.Declarations[0], function) && SameFunction(set.Assignment, function) ? set.Value : null;
        }

        if (syntax is not VariableDeclaratorSyntax { Initializer: not null } declarator || use.SetBy is not null || use.Deconstructed is not null) return null;
        IOperation? initializer = null;
        foreach (var declaration in use.Declarations)
        {
            if (declaration.Syntax != declarator || !SameFunction(declaration, function)) return null;
            initializer = declaration.Initializer?.Value ?? (declaration.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
        }

        return initializer;
    }

    /// <summary>One step that sets a local: its declaration's initializer, or a later assignment (<c>s = s.Trim()</c>,
    /// <c>s += "!"</c>), with the value it adds, where it stands in the block, the code it is written as, and for a compound
    /// assignment the read of what the local held before it (its target).</summary>
    private readonly record struct Step(IOperation Value, int At, SyntaxNode Written, ILocalReferenceOperation? Before);

    /// <summary>
    /// The block a local is declared in, where, its first value if it is declared with one, all its steps in the order they
    /// are written, and the statement of each later step. Every later write is a plain or compound assignment written as a
    /// statement of that block, or of a block, <c>if</c>, <c>switch</c>, <c>lock</c>, <c>using</c> or <c>try</c> in it,
    /// which has no labels to jump back to: each runs at most once each time the block runs, before a later statement.
    /// </summary>
    /// <param name="Nested">Whether a step is written inside a statement of the block (a branch) rather than as one.</param>
    private sealed record StraightLine(IBlockOperation Block, int DeclaredAt, Step? Initial, IReadOnlyList<Step> Steps, IReadOnlyDictionary<IOperation, Step> Writes, bool Nested);

    // Read once per local: how it is built, when in structured code.
    private static StraightLine? LineOf(ILocalSymbol local, LocalUse use)
    {
        if (local.RefKind != RefKind.None || local.IsConst || local.IsForEach || local.IsUsing) return null;
        if (use.Written || use.Reassignments.Count + use.Increments.Count == 0 || use.SetBy is not null || use.Deconstructed is not null || use.Declarations.Count != 1) return null;
        var declarator = use.Declarations[0];
        if (declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation block } declaration || block.Operations.Any(o => o is ILabeledOperation))
        {
            return null;
        }

        var declaredAt = StatementIndexes(block)[declaration];
        var steps = new List<Step>();
        // Declared without a value (`string s;`), the local gets its first from an assignment before any read.
        Step? initial = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value is { } initializer
            ? new Step(initializer, declaredAt, declarator.Syntax, null)
            : null;
        if (initial is { } first) steps.Add(first);

        var writes = new Dictionary<IOperation, Step>();
        var nested = false;
        foreach (var write in use.Reassignments)
        {
            if (write.Parent is not IExpressionStatementOperation statement || !InStructuredCode(statement, block)) return null;
            var at = IndexIn(block, statement);
            if (at <= declaredAt) return null;
            nested |= !ReferenceEquals(statement.Parent, block);
            var step = new Step(write.Value, at, write.Syntax, write is ICompoundAssignmentOperation ? write.Target as ILocalReferenceOperation : null);
            writes[statement] = step;
            steps.Add(step);
        }

        // `d++;` is `d += 1;`: a step that reads what the local held.
        foreach (var increment in use.Increments)
        {
            var statement = (IExpressionStatementOperation)increment.Parent!;
            if (!InStructuredCode(statement, block)) return null;
            var at = IndexIn(block, statement);
            if (at <= declaredAt) return null;
            nested |= !ReferenceEquals(statement.Parent, block);
            var step = new Step(increment, at, increment.Syntax, increment.Target as ILocalReferenceOperation);
            writes[statement] = step;
            steps.Add(step);
        }

        // A label in a nested statement could take a path back over a step.
        if (nested && block.Descendants().Any(o => o is ILabeledOperation)) return null;
        steps.Sort((a, b) => a.Written.SpanStart.CompareTo(b.Written.SpanStart));
        return new StraightLine(block, declaredAt, initial, steps, writes, nested);
    }

    // Whether the statement runs at most once each time `block` runs: it is in the block through blocks and branches only.
    private static bool InStructuredCode(IOperation statement, IBlockOperation block)
    {
        for (var current = statement.Parent; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current, block)) return true;
            if (current is not (IBlockOperation or IConditionalOperation or ISwitchCaseOperation or ISwitchOperation or ILockOperation or IUsingOperation
                or ITryOperation or ICatchClauseOperation)) return false;
        }

        return false;
    }

    // Where each statement of a block stands in it: asked for every read of every local built in it.
    private static readonly ConditionalWeakTable<IBlockOperation, Dictionary<IOperation, int>> s_statementIndexes = new();

    private static Dictionary<IOperation, int> StatementIndexes(IBlockOperation block) => s_statementIndexes.GetValue(block, static b =>
    {
        var indexes = new Dictionary<IOperation, int>(b.Operations.Length);
        for (var i = 0; i < b.Operations.Length; i++) indexes[b.Operations[i]] = i;
        return indexes;
    });

    /// <summary>
    /// The steps whose values may make what a local holds at <paramref name="read"/>, in the order they are written: those
    /// that may have set it last, and back from each through what it reads of the local outside the producers' arguments
    /// (a compound assignment reads it; <c>s = s.Trim()</c> does; <c>s = Decide(s)</c> does not, the call's result is new).
    /// Null when the local is not built in code the compiler follows.
    /// </summary>
    private static IReadOnlyList<Step>? ReachingSteps(ILocalReferenceOperation read, IOperation function, Func<IInvocationOperation, bool> isProducer)
    {
        if (StepsBefore(read, function) is not { } last) return null;
        var steps = new List<Step>();
        var pending = new Stack<Step>(last.Steps);
        while (pending.Count > 0 && steps.Count < MaxLocals)
        {
            var step = pending.Pop();
            if (steps.Contains(step)) continue;
            steps.Add(step);
            var reads = ReadsOf(read.Local, step.Value, isProducer);
            if (step.Before is { } before) reads = reads.Prepend(before);
            foreach (var earlier in reads)
            {
                foreach (var previous in StepsBefore(earlier, function)?.Steps ?? []) pending.Push(previous);
            }
        }

        return [.. steps.OrderBy(s => s.Written.SpanStart)];
    }

    // How a local built in steps is shown: its steps (`s = Summarize(t); s += "!"`), or the statements that set it when some
    // are in branches (`var s = Summarize(t); if (t.Length > 9) s += "!";`); null when too long to be read as a name.
    private static string? BuiltText(ILocalReferenceOperation read, IOperation function, Func<IInvocationOperation, bool> isProducer)
    {
        if (StepsBefore(read, function) is not { } reaching) return null;
        if (!reaching.Line.Nested) return ReachingSteps(read, function, isProducer) is { } steps ? StepsText(steps) : null;

        var (line, setAt) = (reaching.Line, new HashSet<int>(reaching.Line.Steps.Select(s => s.At)));
        var statements = Enumerable.Range(line.DeclaredAt, reaching.ReadAt - line.DeclaredAt).Where(setAt.Contains).Select(i => line.Block.Operations[i].Syntax.ToString());
        var text = OneLine(string.Join(" ", statements));
        return text.Length <= MaxBuiltTextLength ? text : null;
    }

    private const int MaxBuiltTextLength = 240;

    // The reads of `local` in `value` that are part of its value: not in a producer's arguments, a lambda or a local function.
    private static IEnumerable<ILocalReferenceOperation> ReadsOf(ILocalSymbol local, IOperation value, Func<IInvocationOperation, bool> isProducer)
    {
        switch (value)
        {
            case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                yield return reference;
                yield break;
            case IInvocationOperation call when isProducer(call):
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                yield break;
        }

        foreach (var child in value.ChildOperations)
        {
            foreach (var reference in ReadsOf(local, child, isProducer)) yield return reference;
        }
    }

    /// <summary>The values of the straight-line steps that made what a local holds at <paramref name="read"/> (see
    /// <see cref="ReachingSteps"/>), or null when it is not built that way.</summary>
    public static IReadOnlyCollection<IOperation>? StepValuesBefore(ILocalReferenceOperation read, Func<IInvocationOperation, bool> isProducer) =>
        EnclosingFunction(read) is { } function && ReachingSteps(read, function, isProducer) is { } steps ? [.. steps.Select(s => s.Value)] : null;

    private static string StepsText(IReadOnlyList<Step> steps) => string.Join("; ", steps.Select(s => s.Written.ToString()));

    // The index in `block` of its statement that holds `operation`, or -1.
    private static int IndexIn(IBlockOperation block, IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (ReferenceEquals(parent, block)) return StatementIndexes(block)[current];
        }

        return -1;
    }

    /// <summary>
    /// The object a local is declared with (<c>var rng = new Random(7)</c>), where the local is set nowhere else and used for
    /// nothing but its own members (not passed on, subscribed to, captured into another name): what it holds is that object.
    /// </summary>
    public static IObjectCreationOperation? CreatedForItsMembers(ILocalSymbol local, IOperation function)
    {
        if (local.RefKind != RefKind.None || !LocalsOf(Root(function)).TryGetValue(local, out var use) || use.Declarations.Count != 1 || use.WrittenOrIncremented
            || use.Reassignments.Count > 0 || use.Declarations[0].GetVariableInitializer()?.Value is not { } initial || Unwrap(initial) is not IObjectCreationOperation made)
        {
            return null;
        }

        return use.References.All(r => r.Parent switch
        {
            IInvocationOperation { Instance: var on } => ReferenceEquals(on, r),
            IPropertyReferenceOperation { Instance: var of } => ReferenceEquals(of, r),
            IFieldReferenceOperation { Instance: var held } => ReferenceEquals(held, r),
            _ => false,
        }) ? made : null;
    }

    /// <summary>How a member's locals are declared and whether they are written after: one walk of the member for all of them.</summary>
    private sealed class LocalUse
    {
        public List<IVariableDeclaratorOperation> Declarations { get; } = [];

        /// <summary>Plain and compound assignments of the local after its declaration (<c>s = s.Trim()</c>, <c>s += "!"</c>).</summary>
        public List<IAssignmentOperation> Reassignments { get; } = [];

        /// <summary>
        /// Increments and decrements written as statements (<c>d++;</c>, <c>--d;</c>): steps of straight-line code, which read
        /// what the local held; a write to every other rule (<see cref="WrittenOrIncremented"/>).
        /// </summary>
        public List<IIncrementOrDecrementOperation> Increments { get; } = [];

        /// <summary>Every use of the local other than its declaration, in the order they are written.</summary>
        public List<ILocalReferenceOperation> References { get; } = [];

        /// <summary>How the local is built in straight-line code, or null; read on first use, once the member is walked.</summary>
        public Lazy<StraightLine?> Line { get; }

        public LocalUse(ILocalSymbol local) => Line = new Lazy<StraightLine?>(() => LineOf(local, this), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The call whose <c>out</c> argument declares the local (<c>out var text</c>), if one does.</summary>
        public IInvocationOperation? SetBy { get; set; }

        /// <summary>
        /// The deconstruction that declares the local (<c>var (title, size) = await SplitAsync(t)</c>), and what it is set to:
        /// the tuple element written for it (<c>var (a, b) = (await A(), await B())</c>), or else the whole deconstruction.
        /// </summary>
        public (IDeconstructionAssignmentOperation Assignment, IOperation Value, bool Exact, IReadOnlyList<int> Path)? Deconstructed { get; set; }

        /// <summary>Whether the local is written other than by its declaration, an assignment or an increment statement.</summary>
        public bool Written { get; set; }

        public bool WrittenOrIncremented => Written || Increments.Count > 0;
    }

    // Asked for every local of every argument: one walk per member instead of one per question.
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, LocalUse>> s_locals = new();

    private static Dictionary<ILocalSymbol, LocalUse> LocalsOf(IOperation root) => s_locals.GetValue(root, static r =>
    {
        var locals = new Dictionary<ILocalSymbol, LocalUse>(SymbolEqualityComparer.Default);
        LocalUse Use(ILocalSymbol local)
        {
            if (!locals.TryGetValue(local, out var use)) locals[local] = use = new LocalUse(local);
            return use;
        }

        foreach (var operation in r.Descendants())
        {
            if (operation is ILocalReferenceOperation { IsDeclaration: false } used) Use(used.Local).References.Add(used);
            switch (operation)
            {
                case IVariableDeclaratorOperation declaration:
                    Use(declaration.Symbol).Declarations.Add(declaration);
                    break;
                case ILocalReferenceOperation { IsDeclaration: true, Parent: IDeclarationExpressionOperation { Parent: IArgumentOperation { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation call } } } declared
                    when Use(declared.Local) is { SetBy: null, Deconstructed: null } first:
                    first.SetBy = call;
                    break;
                case ILocalReferenceOperation { IsDeclaration: true } declared when DeconstructionOf(declared) is { } part && Use(declared.Local) is { SetBy: null, Deconstructed: null } first:
                    first.Deconstructed = part;
                    break;
                case ILocalReferenceOperation { IsDeclaration: false } assigned when DeconstructionOf(assigned) is { } part:
                    // A local declared before and set by a deconstruction (`(s, t) = (Summarize(q), "x")`): once, as if declared
                    // there; a second time is a write like any other.
                    var into = Use(assigned.Local);
                    if (into.Deconstructed is null && into.SetBy is null) into.Deconstructed = part;
                    else into.Written = true;
                    break;
                case ILocalReferenceOperation { Parent: IAssignmentOperation assignment } reference when assignment is ISimpleAssignmentOperation or ICompoundAssignmentOperation && ReferenceEquals(assignment.Target, reference):
                    Use(reference.Local).Reassignments.Add(assignment);
                    break;
                case ILocalReferenceOperation { Parent: IIncrementOrDecrementOperation { Parent: IExpressionStatementOperation } increment } reference:
                    Use(reference.Local).Increments.Add(increment);
                    break;
                case ILocalReferenceOperation reference when IsWrite(reference):
                    Use(reference.Local).Written = true;
                    break;
            }
        }

        return locals;
    });

    // Whether a local is set as a part of what one operation made (a call's `out` argument, or a deconstruction other than
    // into its own tuple element), and how that part reads, as the runtime names a tuple's items: `Split(text).Item2`,
    // `Open(x).Text` for a positional record; no text when it is nested or taken apart by a Deconstruct of the program's.
    private static (bool AsPart, string? Text) PartOf(ILocalSymbol local, IOperation function)
    {
        if (!LocalsOf(Root(function)).TryGetValue(local, out var use)) return (false, null);
        if (use.SetBy is not null) return (true, null);
        if (use.Deconstructed is not { Exact: false } part) return (false, null);
        if (part.Path.Count != 1) return (true, null);
        var whole = part.Assignment.Value;
        while (whole is IConversionOperation { IsImplicit: true } conversion) whole = conversion.Operand;
        var text = whole.Syntax is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax ? whole.Syntax.ToString() : $"({whole.Syntax})";
        var index = part.Path[0];
        if (whole.Type is INamedTypeSymbol { IsTupleType: true }) return (true, $"{text}.Item{index + 1}");
        return part.Assignment.Syntax is AssignmentExpressionSyntax syntax && part.Assignment.SemanticModel?.GetDeconstructionInfo(syntax).Method is { IsImplicitlyDeclared: true } deconstruct
            && index < deconstruct.Parameters.Length
            ? (true, $"{text}.{deconstruct.Parameters[index].Name}")
            : (true, null);
    }

    // The deconstruction a declared local is a target of, and its value there: the element written at the local's position
    // when the value is a tuple literal of the same shape, else the deconstruction itself (what all its parts are made from).
    private static (IDeconstructionAssignmentOperation, IOperation, bool, IReadOnlyList<int>)? DeconstructionOf(ILocalReferenceOperation declared)
    {
        var path = new List<int>();
        IOperation current = declared;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case ITupleOperation tuple:
                    path.Add(tuple.Elements.IndexOf(current));
                    break;
                case IDeclarationExpressionOperation:
                    break;
                case IDeconstructionAssignmentOperation assignment when ReferenceEquals(assignment.Target, current):
                    var value = Unwrap(assignment.Value);
                    for (var i = path.Count - 1; i >= 0; i--)
                    {
                        if (value is not ITupleOperation literal || literal.Elements.Length <= path[i]) return (assignment, assignment, false, path);
                        value = Unwrap(literal.Elements[path[i]]);
                    }

                    return (assignment, value, true, path);
                default:
                    return null;
            }

            current = parent;
        }

        return null;
    }

    // Writes anywhere in the member, lambdas included, disqualify a local.
    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null) operation = operation.Parent;
        return operation;
    }

    private static bool IsWrite(ILocalReferenceOperation reference) => reference.IsDeclaration || IsWriteTarget(reference);

    // Whether the operation (a local, an element, a member) is written where it stands: assigned, incremented, taken the
    // address of, passed by reference (an `in` argument too: counted as a write, to be safe), or aliased by a ref local.
    private static bool IsWriteTarget(IOperation operation) => operation.Parent switch
    {
        IAssignmentOperation assignment => ReferenceEquals(assignment.Target, operation) || IsDeconstructionTarget(operation),
        IIncrementOrDecrementOperation or IAddressOfOperation => true,
        IArgumentOperation { Parameter.RefKind: not RefKind.None } => true,
        ITupleOperation => IsDeconstructionTarget(operation),
        // `ref var alias = ref s;`: what is assigned to the alias is assigned to the local.
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: not RefKind.None } } => true,
        _ => false,
    };

    private static bool IsDeconstructionTarget(IOperation operation)
    {
        for (var current = operation; current.Parent is not null; current = current.Parent)
        {
            if (current.Parent is IDeconstructionAssignmentOperation deconstruction) return ReferenceEquals(deconstruction.Target, current);
            if (current.Parent is not ITupleOperation) return false;
        }

        return false;
    }
}
