using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The result of a traced call that reaches another traced call's argument, or the object it is called on, along a path
/// the compiler cannot prove exact (OPTO017): a local assigned more than once, a branch, a lambda, a field. The generator links glue code only
/// where it can prove which call's result flowed; everywhere else feedback would stop at the argument, and this says so.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GlueLinkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.GlueLinkLost, Descriptors.UnreachableTrainableRead);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var attributes = TraceAttributes.From(compilation);
            if (attributes.TracedType is null) return;
            // Only calls the generator intercepts record a node to link: a call it leaves alone is OPTO013's, at the call.
            bool IsTracedCall(IInvocationOperation call) =>
                IsTracedCallOf(call, attributes) && InterceptionRule.Judge(call, compilation, attributes.IsTraced).IsIntercepted;
            var models = HelperReads.ModelsOf(compilation);
            var helpers = new HelperFlows(compilation, models, IsTracedCall, start.CancellationToken);
            var others = new OtherMembers(models, attributes, start.CancellationToken);
            start.RegisterOperationAction(c => Analyze(c, attributes, IsTracedCall, helpers, others), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, TraceAttributes attributes, Func<IInvocationOperation, bool> IsTracedCall, HelperFlows helpers, OtherMembers others)
    {
        var consumer = (IInvocationOperation)context.Operation;
        if (consumer.IsInExpressionTree()) return;
        if (!IsTracedCall(consumer))
        {
            ReportHelperLosses(context, consumer, attributes, IsTracedCall, helpers, others);
            return;
        }

        ReportUnlinkedControlReads(context, attributes, consumer, others);
        string? unclaimable = null;
        var checkedFunction = false;
        // A producer reported at an argument is not reported again at the call's object (`size.Add(size)`), and one place
        // gets one message: two calls of the same method read the same.
        var reportedInCall = new HashSet<SyntaxNode>();
        var messages = new HashSet<(SyntaxNode At, string Producer, string Reason)>();
        HashSet<SyntaxNode>? given = null;
        foreach (var argument in consumer.Arguments)
        {
            if (argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.ParamArray) || argument.Value.ConstantValue.HasValue) continue;
            // Collections and tuples link their elements by identity at run time (a CollectionNode): only elements that
            // untraced code made from a result need the compiler's proof.
            var collection = argument.Parameter?.Type is { } type && IsCollectionOrTuple(type);
            var flow = GlueFlow.Of(argument.Value, c => IsTracedCall(c) || FrameworkProducers.Is(c), context.CancellationToken);
            ReportUnlinkedTrainableReads(context, attributes, consumer, argument.Value, flow, others);
            ReportStaticInterfaceReads(context, attributes, consumer, argument.Value);
            var reported = ReportLostPaths(argument.Value, argument.Syntax, collection, flow);
            // Tracing never reads the elements of a collection class of the program's: an unchanged result among them,
            // which would link by its identity in a list, is lost too (the collection itself links as a whole, by its
            // identity, when a traced call returned it).
            if (collection && ResultPaths.Unwrap(argument.Value).Type is { } held && StoredCollections.NeverRead(held)) ReportUnreadElements(argument, held, reported);
            // Nor the elements of a sequence made as it is enumerated: none exists when the call starts.
            else if (collection && GlueFlow.DeferredBy(argument.Value) is { } deferredBy)
            {
                ReportDeferredElements(argument, deferredBy, reported);
                ReportDeferredHolders(argument, deferredBy);
            }
        }

        // The traced method reads [Trainable] members of the elements (`hs.Select(h => h.Prompt)`): its dependency on them is
        // found on the elements as the call completes, and a sequence computed as it is enumerated is not enumerated again.
        void ReportDeferredHolders(IArgumentOperation argument, string deferredBy)
        {
            if (argument.Parameter is not { } parameter || GlueFlow.ElementType(parameter.Type) is not INamedTypeSymbol element) return;
            if (others.BodyOf(consumer.TargetMethod.OriginalDefinition) is not { } body) return;
            var read = body.Descendants().OfType<IMemberReferenceOperation>().FirstOrDefault(r => r.Member is IFieldSymbol or IPropertySymbol && !r.Member.IsStatic
                && attributes.Trainable(r.Member) is not null && element.IsOrDerivesFrom(r.Member.ContainingType));
            if (read is null) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, argument.Syntax.GetLocation(), consumer.TargetMethod.Name, read.Member.Name,
                $"the elements of {parameter.Name}",
                $"it is read on an element of a sequence that {deferredBy} computes only as '{consumer.TargetMethod.Name}' enumerates it, and tracing does not enumerate it again to find the element's trainable values; pass a list ('.ToList()')"));
        }

        void ReportDeferredElements(IArgumentOperation argument, string deferredBy, HashSet<SyntaxNode> reported)
        {
            foreach (var (producer, _) in ResultPaths.PossibleProducers(argument.Value, elements: true, attributes, changed: true, others: others))
            {
                if (!IsTracedCall(producer) || ReferenceEquals(ResultPaths.Unwrap(argument.Value), producer) || !reported.Add(producer.Syntax)) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, argument.Syntax.GetLocation(), producer.TargetMethod.Name, consumer.TargetMethod.Name,
                    $"it is an element of a sequence that {deferredBy} computes only as '{consumer.TargetMethod.Name}' enumerates it, after tracing read the call's arguments; pass a list ('.ToList()')"));
            }
        }

        void ReportUnreadElements(IArgumentOperation argument, ITypeSymbol held, HashSet<SyntaxNode> reported)
        {
            // A call that returned the collection itself (a value of its type) links it as a whole, by its identity.
            var wholes = new HashSet<SyntaxNode>(ResultPaths.PossibleProducers(argument.Value, elements: false, attributes, changed: true, others: others)
                .Where(p => SymbolEqualityComparer.Default.Equals(p.Producer.Type, held)).Select(p => p.Producer.Syntax));
            foreach (var (producer, _) in ResultPaths.PossibleProducers(argument.Value, elements: true, attributes, changed: true, others: others))
            {
                if (!IsTracedCall(producer) || ReferenceEquals(ResultPaths.Unwrap(argument.Value), producer) || wholes.Contains(producer.Syntax) || !reported.Add(producer.Syntax)) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, argument.Syntax.GetLocation(), producer.TargetMethod.Name, consumer.TargetMethod.Name,
                    $"it is an element of '{held.Name}', whose elements tracing does not read (it reads arrays and the framework's own collections only, as enumerating another could run your code); pass a List<T> or an array"));
            }
        }

        // A result a condition read to decide whether the call runs is a parent of the call by the compiler's flow only (a
        // DecisionNode): no identity links a condition. Only a tested value's (a bool, what `??` tests, a switch's value): a
        // collection a loop runs over counts when it is a result itself, and glue over results (`new[] { reply }`) may decide
        // nothing of the call.
        // A result the call is also given (`if (c is FunctionCallContent call) RunTool(call)`) is its parent, or reported, there.
        // A condition that decides several calls is reported at the first of them only.
        foreach (var condition in ControlReads.Conditions(consumer))
        {
            if (!condition.IsTest) continue;
            // Each part the call's running needs evaluated (both operands of `A(q) && B(q)` around it) is linked by its own flow.
            // A LINQ filter's predicate is linked where nothing in the call's function may run it again before the call.
            var linked = condition.RerunBefore(consumer, context.CancellationToken)
                ? []
                : condition.Evaluated.Select(part => GlueFlow.Of(part, c => IsTracedCall(c) || FrameworkProducers.Is(c), context.CancellationToken))
                    .SelectMany(flow => flow?.AllProducers ?? []).ToList();
            // A local `??=` tests is a write to the generator, which follows it back to none of its earlier steps: where that is
            // all that keeps the path from being proven (no ref or out argument sets it), the `if` form is.
            Func<string, string?>? because = condition.Value.Parent is ICoalesceAssignmentOperation && ResultPaths.Unwrap(condition.Value) is ILocalReferenceOperation local
                && !SetByReference(local)
                ? reason => reason.Length == 0 || reason == ResultPaths.AssignedMoreThanOnce(local.Local.Name)
                    ? $"'{local.Local.Name}' is tested by ??=, which is followed as a write, not back to what '{local.Local.Name}' held; write it as if ({local.Local.Name} is null) {local.Local.Name} = ..."
                    : null
                : null;
            // What a traced call given an object may have changed in it is said where that object is passed on, not at every test of it.
            ReportLostPaths(condition.Value, condition.Value.Syntax, collection: false, flow: null, objectChanges: false, linked: linked,
                decidedHere: () => FirstDecidedBy(condition, consumer, IsTracedCall, ControlReads.Conditions), because: because);
        }

        // A tested condition evaluated before some runs of the call only, or several times before one (ControlReads.OnSomeRuns):
        // no flow of one result decides the call, so none is linked. The call's own result in the step before
        // (`foreach (...) if (Check(x)) return;`, for `Check`) is left out, as if linked: each such call would be reported for
        // the one before it, burying the losses of other calls.
        foreach (var (condition, when) in ControlReads.OnSomeRuns(consumer))
        {
            ReportLostPaths(condition.Value, condition.Value.Syntax, collection: false, flow: null, objectChanges: false, linked: [consumer],
                decidedHere: () => FirstDecidedBy(condition, consumer, IsTracedCall, other => OwnResultTested(other, condition) ? [] : ControlReads.OnSomeRuns(other).Select(c => c.Condition).ToList()),
                because: _ => SomeRunsReason(when));
        }

        // A catch the call runs in runs because its try's body threw. Linked where the body is its only traced call's statement
        // alone (GlueFlow.Thrower, ThrowerIsAll) in a method whose activations are its own; otherwise no edge says, on every run,
        // which code of the body threw: each traced call of the body is reported, once per catch, at the first traced call the
        // catch makes.
        foreach (var clause in GlueFlow.CatchesAround(consumer))
        {
            var attempt = (ITryOperation)clause.Parent!;
            if (!FirstInCatch(clause)) continue;
            var first = GlueFlow.Thrower(attempt, IsTracedCall);
            var throwers = TracedCallsOf(attempt).ToList();
            string why;
            if (first is not null && GlueFlow.ThrowerIsAll(attempt, first))
            {
                // Linked, where the method keeps its activations apart.
                if (GlueFlow.UnclaimableBecause(consumer, context.CancellationToken) is not { } apart) continue;
                why = "its throw runs the catch the call is in, and " + apart;
            }
            else
            {
                why = first is not null
                    ? "its throw runs the catch the call is in, and so may a throw of the code after it in the try block, which no edge follows; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), and handle its result after the try"
                    : throwers.Count > 1
                    ? "its throw runs the catch the call is in, as the throw of another traced call in the try block does, and no edge says which one threw; give each call a try of its own"
                    : "its throw runs the catch the call is in, as a throw of other code in the try block does, and no edge says which one threw; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), with arguments that cannot throw";
            }

            var at = clause.Syntax is CatchClauseSyntax written ? written.CatchKeyword.GetLocation() : clause.Syntax.GetLocation();
            foreach (var thrower in throwers)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, at, thrower.TargetMethod.Name, consumer.TargetMethod.Name, why));
            }
        }

        // The traced calls the try block makes as it runs: not those of a lambda or local function written in it, which run when invoked.
        IEnumerable<IInvocationOperation> TracedCallsOf(ITryOperation attempt) =>
            attempt.Body.Descendants().OfType<IInvocationOperation>().Where(c => IsTracedCall(c) && ReferenceEquals(GlueFlow.EnclosingFunction(c), GlueFlow.EnclosingFunction(attempt)));

        // Whether the call is the first traced call the catch clause makes, in the order they are written (in its filter, then its handler).
        bool FirstInCatch(ICatchClauseOperation clause) =>
            !clause.Descendants().OfType<IInvocationOperation>().Any(other => other.Syntax.SpanStart < consumer.Syntax.SpanStart && IsTracedCall(other)
                && GlueFlow.CatchesAround(other).Contains(clause));

        // Whether a ref or out argument may set the local (`Touch(ref c)`).
        static bool SetByReference(ILocalReferenceOperation local) =>
            GlueFlow.EnclosingFunction(local) is { } function && function.Descendants().OfType<IArgumentOperation>().Any(a =>
                a.Parameter?.RefKind is RefKind.Ref or RefKind.Out && ResultPaths.Unwrap(a.Value) is ILocalReferenceOperation { Local: var passed } && SymbolEqualityComparer.Default.Equals(passed, local.Local));

        // Whether `call`'s own result is what the condition tests: nothing is reported for it there, so it is not where the condition's loss is said.
        bool OwnResultTested(IInvocationOperation call, ControlReads.Condition condition) =>
            ResultPaths.PossibleProducers(condition.Value, elements: false, attributes, objectChanges: false, changed: true, others: others).Any(p => p.Producer.Syntax == call.Syntax);

        bool GivenToCall(SyntaxNode producer)
        {
            given ??= new HashSet<SyntaxNode>(consumer.Arguments.Select(a => a.Value).Concat(consumer.Instance is { } on ? [on] : [])
                .SelectMany(v => ResultPaths.PossibleProducers(v, elements: true, attributes, changed: true, others: others)).Select(p => p.Producer.Syntax));
            return given.Contains(producer);
        }

        // The object the call is made on is linked as an argument is (by identity, or by the compiler's flow), except
        // `this`, which is the enclosing call's own object.
        if (consumer.Instance is { } instance && ResultPaths.Unwrap(instance) is not IInstanceReferenceOperation)
        {
            ReportLostPaths(instance, instance.Syntax, collection: false, GlueFlow.Of(instance, IsTracedCall, context.CancellationToken), objectChanges: false);
        }

        // The producers it reported, or passed over as linked by the compiler's flow.
        // A condition's (`decidedHere` given) is reported at the first call it decides only, which it tells when there is something to report.
        HashSet<SyntaxNode> ReportLostPaths(IOperation value, SyntaxNode at, bool collection, GlueFlow.Flow? flow, bool objectChanges = true,
            List<IInvocationOperation>? linked = null, Func<bool>? decidedHere = null, Func<string, string?>? because = null)
        {
            var decides = decidedHere is not null;
            bool? first = null;
            var exact = linked ?? flow?.AllProducers.ToList() ?? [];
            var reported = new HashSet<SyntaxNode>(exact.Select(p => p.Syntax));
            foreach (var (producer, reason) in ResultPaths.PossibleProducers(value, collection, attributes, objectChanges, changed: decides, others: others, choices: true))
            {
                if (!IsTracedCall(producer)) continue;
                // Passed straight in, a result is linked by identity or handed over by the call itself.
                if (!decides && ReferenceEquals(ResultPaths.Unwrap(value), producer)) continue;
                // A call deciding its own next run by an earlier one (a scan whose step it decides): each such call would be
                // reported for itself, burying the losses of other calls.
                if (decides && producer.Syntax == consumer.Syntax) continue;
                if (exact.Any(p => p.Syntax == producer.Syntax) || decides && (GivenToCall(producer.Syntax) || !(first ??= decidedHere!())) || !reported.Add(producer.Syntax)) continue;
                // The call's object is walked last, its conditions before it (objectChanges is false for them only).
                if (!reportedInCall.Add(producer.Syntax) && !objectChanges) continue;
                if (!checkedFunction)
                {
                    unclaimable = GlueFlow.UnclaimableBecause(consumer, context.CancellationToken);
                    checkedFunction = true;
                }

                var why = because?.Invoke(reason) ?? (reason.Length > 0 ? reason : unclaimable ?? "the compiler cannot follow it");
                if (decides) why = "a condition that decides whether the call runs reads it, and " + why;
                if (!messages.Add((at, producer.TargetMethod.Name, why))) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, at.GetLocation(), producer.TargetMethod.Name, consumer.TargetMethod.Name, why));
            }

            return reported;
        }
    }

    // Whether `call` is the first traced call, in the order they are written, that `condition` decides with the same parts
    // evaluated (the calls of an `if`'s branch, or those after a guard): the one a loss in the condition is reported for.
    private static bool FirstDecidedBy(ControlReads.Condition condition, IInvocationOperation call, Func<IInvocationOperation, bool> isTracedCall,
        Func<IInvocationOperation, IReadOnlyList<ControlReads.Condition>> conditionsOf)
    {
        var function = GlueFlow.EnclosingFunction(condition.Value);
        if (function is null) return true;
        foreach (var other in function.Descendants().OfType<IInvocationOperation>())
        {
            if (ReferenceEquals(other, call)) return true;
            if (other.Syntax.SpanStart < call.Syntax.SpanStart && isTracedCall(other)
                && conditionsOf(other).Any(c => ReferenceEquals(c.Value, condition.Value) && c.Evaluated.SequenceEqual(condition.Evaluated))) return false;
        }

        return true;
    }

    // Why a condition evaluated before some runs of a call only (ControlReads.OnSomeRuns) is linked to none, and what to do.
    private static string SomeRunsReason(ControlReads.Evaluation when) => when switch
    {
        ControlReads.Evaluation.InLoopBefore =>
            "it is tested in a loop before the call, once per step, and every step's test decided that the call runs; test it once, through a [Traced] method that runs the loop (if (AnyFails(items)) return ...)",
        ControlReads.Evaluation.ByThrow =>
            "it is tested in the try block, where the throw it decides runs the catch, but so does any other throw there; handle it in the branch that throws, instead of throwing",
        ControlReads.Evaluation.AtInvocation =>
            "it is tested where the local function or lambda the call is in is invoked, and no flow follows a result into a function that runs where it is invoked; test it in that function, or make the call where it is invoked",
        ControlReads.Evaluation.AfterInLoop =>
            "it is tested after the call, in the step of the loop before (a do's condition, or a test that leaves the loop later in its body), and not at all before the first run; test it at the top of the loop (while (...))",
        _ =>
            "it is tested before the call on some paths only (in a branch of another condition, or the guard of an earlier arm); test it where every path to the call passes",
    };

    // A traced result given to an untraced method of the project that passes it on, changed or as a value type, to a traced
    // call: no edge crosses the method (HelperFlows). Said where the result goes in, the last place a producer is seen.
    private static void ReportHelperLosses(OperationAnalysisContext context, IInvocationOperation call, TraceAttributes attributes, Func<IInvocationOperation, bool> IsTracedCall, HelperFlows helpers, OtherMembers others)
    {
        if (!helpers.MayBeHelper(call.TargetMethod.Name)) return;
        var helper = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
        if (!SymbolEqualityComparer.Default.Equals(helper.ContainingAssembly, context.Compilation.Assembly) || attributes.IsTracedOrOverridesTraced(helper)) return;
        var losses = helpers.Of(helper);
        if (losses.IsEmpty) return;
        foreach (var argument in call.Arguments)
        {
            if (argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.ParamArray) || argument.Parameter is not { } parameter) continue;
            var given = losses.Where(l => l.Ordinal == parameter.OriginalDefinition.Ordinal).ToList();
            var lost = given.Where(l => !l.Unchanged).ToList();
            var reported = new HashSet<(SyntaxNode, string)>();
            var passes = given.Where(l => l.Unchanged).ToList();
            if (given.Count > 0) ReportTrainablesPassedOn(argument, given);
            if (passes.Count > 0 && GlueFlow.DeferredBy(argument.Value) is { } deferredBy) ReportDeferred(argument, deferredBy, passes, reported);
            else if (passes.Count > 0 && GlueFlow.ElementType(parameter.Type) is null) ReportPassedOn(argument, passes, reported);
            if (lost.Count == 0) continue;
            // A lambda given to the helper reaches the traced call as what the helper gets by invoking it (`Use(() => Write(x))`):
            // changed, where the helper makes something of it; as it is, where it hands the result straight to the call. One the
            // helper hands on uninvoked reaches it as a delegate, which no result is.
            var lambda = ResultPaths.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation made } ? made : null;
            var invoked = lambda is null ? [] : Invocations(helper, parameter);
            var values = lambda is null ? [argument.Value] : invoked.Count > 0 ? ResultPaths.ReturnsIn(lambda).Select(r => r.ReturnedValue!) : [];
            var changed = lambda is null || invoked.Any(asItIs => !asItIs);
            foreach (var (producer, _) in values.SelectMany(v => ResultPaths.PossibleProducers(v, elements: false, attributes, changed: changed)))
            {
                if (!IsTracedCall(producer)) continue;
                foreach (var loss in lost)
                {
                    if (!reported.Add((producer.Syntax, loss.Consumer))) continue;
                    var how = loss.ValueType ? $"to '{loss.Consumer}' as a value, which has no identity" : $"on changed to '{loss.Consumer}'";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, argument.Syntax.GetLocation(), producer.TargetMethod.Name, loss.Consumer,
                        $"it is passed to '{loss.Through}', {loss.Which} {how}; make '{helper.Name}' [Traced]"));
                }
            }
        }

        // A [Trainable] value given to the helper, which passes it on to a traced call (`Relay(Prompt)`): only glue at a traced
        // call's own argument links a trainable value, and only the method's own dependencies link it in a traced method.
        void ReportTrainablesPassedOn(IArgumentOperation argument, List<HelperFlows.Loss> given)
        {
            if (CallerIsTraced(call, attributes, context.CancellationToken)) return;
            var said = new HashSet<(SyntaxNode, ISymbol, string)>();
            foreach (var (read, elsewhere) in TrainableGlueReads.Of(argument.Value, attributes, others))
            {
                if (read.Instance is null && !read.Member.IsStatic) continue;
                var at = elsewhere is null && read.Syntax.SyntaxTree == argument.Syntax.SyntaxTree ? read.Syntax : argument.Syntax;
                foreach (var loss in given)
                {
                    if (!said.Add((at, read.Member, loss.Consumer))) continue;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, at.GetLocation(), loss.Consumer, read.Member.Name, "glue code passed to it",
                        $"it is passed to '{loss.Through}', {loss.Which} on to '{loss.Consumer}'; make '{helper.Name}' [Traced]"));
                }
            }
        }

        // The helper's invocations of the delegate its parameter holds (`make()`, `make.Invoke()`, `make?.Invoke()`), each with
        // whether its result goes straight to a traced call, where a result keeps its identity.
        List<bool> Invocations(IMethodSymbol method, IParameterSymbol parameter) =>
            others.BodyOf(method) is { } body
                ? [.. body.Descendants().OfType<IInvocationOperation>().Where(c => c.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                    && InvokedParameter(c.Instance) is { } invoked && invoked.Ordinal == parameter.OriginalDefinition.Ordinal
                    && SymbolEqualityComparer.Default.Equals(invoked.ContainingSymbol.OriginalDefinition, method)).Select(PassedAsItIs)]
                : [];

        bool PassedAsItIs(IOperation result)
        {
            var at = result.Parent is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, result) ? access : result;
            while (at.Parent is IConversionOperation { IsImplicit: true }) at = at.Parent;
            return at.Parent is IArgumentOperation { Parent: IInvocationOperation consumer } && IsTracedCall(consumer);
        }

        // A value the helper passes on as it is to a traced call: what is linked by its identity (a traced call's result as it is)
        // stays linked; anything made of one here (glue, a member of a result, a part of a chat response) is linked only at a
        // traced call's own argument, which the helper's parameter is not.
        void ReportPassedOn(IArgumentOperation argument, List<HelperFlows.Loss> passes, HashSet<(SyntaxNode, string)> reported)
        {
            foreach (var (producer, _) in ResultPaths.PossibleProducers(argument.Value, elements: false, attributes, changed: false, others: others))
            {
                if (!IsTracedCall(producer) || ReferenceEquals(ResultPaths.Unwrap(argument.Value), producer)) continue;
                foreach (var pass in passes)
                {
                    if (!reported.Add((producer.Syntax, pass.Consumer))) continue;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, argument.Syntax.GetLocation(), producer.TargetMethod.Name, pass.Consumer,
                        $"it is made from the result here and passed to '{pass.Through}', {pass.Which} on to '{pass.Consumer}', where it is no traced call's result; make '{helper.Name}' [Traced]"));
                }
            }
        }

        static IParameterSymbol? InvokedParameter(IOperation? instance) => instance switch
        {
            IParameterReferenceOperation reference => reference.Parameter,
            IConditionalAccessInstanceOperation placeholder => ResultPaths.AccessOf(placeholder)?.Operation is IParameterReferenceOperation tested ? tested.Parameter : null,
            _ => null,
        };

        // A sequence computed as it is enumerated, which the helper passes on as it is: the traced call it reaches finds no
        // element when it starts.
        void ReportDeferred(IArgumentOperation argument, string deferredBy, IEnumerable<HelperFlows.Loss> passes, HashSet<(SyntaxNode, string)> reported)
        {
            foreach (var (producer, _) in ResultPaths.PossibleProducers(argument.Value, elements: true, attributes, changed: true, others: others))
            {
                if (!IsTracedCall(producer)) continue;
                foreach (var pass in passes)
                {
                    if (!reported.Add((producer.Syntax, pass.Consumer))) continue;
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlueLinkLost, argument.Syntax.GetLocation(), producer.TargetMethod.Name, pass.Consumer,
                        $"it is an element of a sequence that {deferredBy} computes only as '{pass.Consumer}' enumerates it, and '{pass.Through}' passes the sequence on to it as it is; pass a list ('.ToList()')"));
                }
            }
        }
    }

    // A [Trainable] value glued into the argument (`Classify($"{Prompt}: {text}")`) is a parent of the glue node only where
    // the runtime can find its object again: statics, `this` when the call is on `this` or made from a traced method. One read
    // through a local is linked where the compiler's flow carries it; one read in another method (a helper, a getter) never
    // is; one of another object, only as a dependency of a traced method that reads it (OPTO016 in traced bodies).
    private static void ReportUnlinkedTrainableReads(OperationAnalysisContext context, TraceAttributes attributes, IInvocationOperation consumer, IOperation value, GlueFlow.Flow? flow,
        OtherMembers others)
    {
        var onThis = consumer.Instance is IInstanceReferenceOperation;
        bool? callerTraced = null;
        var said = new HashSet<(SyntaxNode, ISymbol)>();
        foreach (var (read, elsewhere) in TrainableGlueReads.Of(value, attributes, others))
        {
            var own = read.Member.IsStatic || GlueReadPaths.OnThis(read);
            // A traced method depends on what its body and its helpers read itself (OPTO016 in traced bodies says where it cannot).
            if ((!own || elsewhere is not null) && (read.Instance is null && !read.Member.IsStatic || (callerTraced ??= CallerIsTraced()))) continue;
            // Another object's member is found again along a path of fields and auto-properties from `this` or a static member.
            string? unfollowed = null;
            var path = own || elsewhere is not null ? null : GlueReadPaths.Of(read, value, out unfollowed);
            var needsThis = path is not null ? !GlueReadPaths.StartsStatic(path) : !read.Member.IsStatic;
            var inFlow = flow is { } f && f.TrainableReads.Contains(read, GlueReadPaths.SameRead);
            var linked = elsewhere is null && (own || path is not null) && inFlow && (!needsThis || onThis || (callerTraced ??= CallerIsTraced()));
            if (linked) continue;
            var reason = elsewhere
                ?? (flow is null && GlueFlow.UnclaimableBecause(consumer, context.CancellationToken) is { } unclaimable ? unclaimable
                : !own && path is null ? $"it belongs to '{read.Instance!.Syntax}', another object than the call's own, which glue code finds again only through fields and auto-properties from 'this' or a static member, and {unfollowed ?? "the compiler cannot follow it"}; make the method [Traced]"
                : !inFlow && !OnSomePathsOnly(read) && !value.Syntax.Span.Contains(read.Syntax.Span)
                    ? "it reaches the call through a local whose changes the glue code does not follow (it follows a local set by its declaration, assignments and ++ or -- written as statements, outside loops); read the value in the argument itself, or set the local in such statements"
                : !inFlow ? "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"
                : "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]");
            // A read in this function is shown where it is; one in another method, at the argument it reaches.
            var at = elsewhere is null && read.Syntax.SyntaxTree == value.Syntax.SyntaxTree ? read.Syntax : value.Syntax;
            if (!said.Add((at, read.Member))) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, at.GetLocation(),
                consumer.TargetMethod.Name, read.Member.Name, "glue code passed to it", reason));
        }

        bool CallerIsTraced() => GlueLinkAnalyzer.CallerIsTraced(consumer, attributes, context.CancellationToken);
    }

    // `Ask(T.DefaultPrompt + q)` in glue code: which type's [Trainable] static property runs is decided as the generic code runs.
    private static void ReportStaticInterfaceReads(OperationAnalysisContext context, TraceAttributes attributes, IInvocationOperation consumer, IOperation value)
    {
        if (CallerIsTraced(consumer, attributes, context.CancellationToken)) return;
        foreach (var read in value.DescendantsAndSelf().OfType<IPropertyReferenceOperation>())
        {
            if (StaticInterfaceReads.TrainablesRunBy(read, attributes, consumer.SemanticModel!.Compilation) is not { Count: > 0 } trainables) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, read.Syntax.GetLocation(),
                consumer.TargetMethod.Name, read.Property.Name, "glue code passed to it", StaticInterfaceReads.Reason(read, trainables, consumer.TargetMethod.Name)));
        }
    }

    // A [Trainable] value glue code decides by whether the call runs (`if (UseTool) ...`, `i < MaxSteps`) is an input of the
    // call where the runtime can find its object again as the call starts (ControlReads): statics, and `this` or an object
    // reached from it through members that cannot change when the call is on `this`. In a traced method the call's caller
    // depends on what its body reads.
    private static void ReportUnlinkedControlReads(OperationAnalysisContext context, TraceAttributes attributes, IInvocationOperation consumer, OtherMembers others)
    {
        var deciding = ControlReads.Deciding(consumer);
        var reads = ControlReads.Of(deciding, member => attributes.Trainable(member) is not null);
        var calls = ControlReads.CallsOf(deciding).ToList();
        if (reads.Count == 0 && calls.Count == 0) return;
        if (consumer.OutermostMember(context.CancellationToken) is IMethodSymbol caller && attributes.IsTraced(caller)) return;
        foreach (var at in calls)
        {
            // A method or computed property of the project the condition calls (`if (ShouldUse())`): what it reads is its own.
            if (ReadingBody(at) is not var (name, read)) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, at.Syntax.GetLocation(), consumer.TargetMethod.Name, read.Name,
                "the condition that decides whether it runs", $"it is read in '{name}', which the condition calls and is not traced; read the value in the condition itself"));
        }

        var onThis = consumer.Instance is IInstanceReferenceOperation;
        var compilation = consumer.SemanticModel!.Compilation;
        foreach (var read in reads)
        {
            string? unfollowed = null;
            var own = read.Member.IsStatic || GlueReadPaths.OnThis(read);
            var path = own || read.Instance is null ? null : GlueReadPaths.Of(read, consumer, out unfollowed);
            var reason = !read.Member.ContainingType.IsNameableFrom(compilation) ? $"generated code cannot name the type '{read.Member.ContainingType.Name}'; make it accessible to the assembly"
                : read.Member.IsStatic || own && onThis || path is not null && (onThis || GlueReadPaths.StartsStatic(path)) ? null
                : !own && path is null ? $"it belongs to '{(read.Instance is { } instance ? HelperReads.ReadOn(instance) : "")}', another object than the call's own, which glue code finds again only through fields and auto-properties from 'this' or a static member, and {unfollowed ?? "the compiler cannot follow it"}; make the method [Traced]"
                : "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]";
            if (reason is null) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, read.Syntax.GetLocation(),
                consumer.TargetMethod.Name, read.Member.Name, "the condition that decides whether it runs", reason));
        }

        // The untraced method or computed property of the project a condition calls, and the first trainable member its body reads.
        (string Name, ISymbol Read)? ReadingBody(IOperation called)
        {
            var (target, name) = called switch
            {
                IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Ordinary } invoked } => (invoked, invoked.Name),
                IPropertyReferenceOperation { Property: { GetMethod: { } getter } property } when !GlueFlow.IsAutoProperty(property) => (getter, property.Name),
                _ => (null, ""),
            };
            if (target is null || attributes.IsTraced(target) || attributes.Trainable(target.AssociatedSymbol ?? target) is not null) return null;
            IEnumerable<IOperation> body = target.MethodKind == MethodKind.PropertyGet ? others.ReturnsOf(target) : others.BodyOf(target.OriginalDefinition) is { } whole ? [whole] : [];
            var read = body.SelectMany(b => b.DescendantsAndSelf()).OfType<IMemberReferenceOperation>().FirstOrDefault(r => r.Member is IFieldSymbol or IPropertySymbol && attributes.Trainable(r.Member) is not null && !HelperReads.IsWrite(r));
            return read is null ? null : (name, read.Member);
        }
    }

    // Whether the read is in a branch of its expression that may not run (`x ? Prompt : ""`, `a ?? Prompt`, `c?.Prompt`).
    private static bool OnSomePathsOnly(IOperation read)
    {
        for (var current = read; current.Parent is { } parent && parent is not (IExpressionStatementOperation or IVariableDeclaratorOperation or IBlockOperation); current = parent)
        {
            var branch = parent switch
            {
                IConditionalOperation conditional => !ReferenceEquals(conditional.Condition, current),
                ICoalesceOperation coalesce => ReferenceEquals(coalesce.WhenNull, current),
                IConditionalAccessOperation access => ReferenceEquals(access.WhenNotNull, current),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical => ReferenceEquals(logical.RightOperand, current),
                ISwitchExpressionArmOperation => true,
                _ => false,
            };
            if (branch) return true;
        }

        return false;
    }

    // The member the call is written in (outside its lambdas and local functions) is a traced instance method: the runtime
    // finds `this` again through the running call, and the method depends on what its body reads.
    private static bool CallerIsTraced(IInvocationOperation call, TraceAttributes attributes, System.Threading.CancellationToken cancellationToken)
    {
        return call.OutermostMember(cancellationToken) is IMethodSymbol { IsStatic: false } method && attributes.IsTraced(method);
    }

    private static bool IsCollectionOrTuple(ITypeSymbol type) =>
        type.SpecialType != SpecialType.System_String &&
        (type is INamedTypeSymbol { IsTupleType: true } || type is IArrayTypeSymbol ||
         type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
         || type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T));

    internal static bool IsTracedCallOf(IInvocationOperation call, TraceAttributes attributes) =>
        call.Syntax is InvocationExpressionSyntax &&
        attributes.IsTracedOrOverridesTraced((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition);
}
