using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The traced calls whose results may reach a value within one member, and why each path is not one the generator can
/// prove: through locals, fields, members of objects in locals, objects the result was put into, collections and their
/// elements, deconstructions, patterns, <c>out</c> results, loop variables and the lambdas that return it. An unchanged
/// reference-typed result, or one read back unchanged from a collection or an object, links by its identity and is not one
/// of them.
/// </summary>
internal static class ResultPaths
{
    private const int MaxLocals = 32;
    private const int MaxDepth = 200;
    private const int MaxMethodDepth = 3;

    // Every traced call whose result may reach the value, with why the flow is not provably exact (null when it is direct).
    // `elements`: what reaches the value's elements is asked (a collection argument, whose elements link by identity).
    // `objectChanges`: what calls and member assignments put into an object is followed to the object as a whole. Not for
    // the object a traced call is made on: the state an object keeps is its methods' business, as its fields are.
    // `changed`: the value is changed after this point (a helper glues it), so even an unchanged result is sought.
    // `others`: what other members put into this object's fields and properties, and what untraced methods return, is
    // followed too (`methodDepth` of them at most, nested).
    // `choices`: the traced calls in a predicate or key that chose the elements on the way (`Where(d => IsRelevant(d)).ToList()`,
    // `MaxBy(c => Score(c))`) are sought too, but a filter's the generator links where its elements are used (LinqPredicates).
    public static IEnumerable<(IInvocationOperation Producer, string Reason)> PossibleProducers(IOperation value, bool elements, TraceAttributes attributes,
        bool objectChanges = true, bool changed = false, OtherMembers? others = null, int methodDepth = 0, bool? whole = null, ISymbol? keptIn = null, bool choices = false)
    {
        // Given `keptIn`, `value` is a member's body and what is sought is what that body puts into the parameter or field.
        var function = keptIn is null ? GlueFlow.EnclosingFunction(value) : value;
        var root = RootOf(value);
        var found = new List<(IInvocationOperation, string)>();
        // A symbol is followed once per way of reaching it: as the value or an element of it, changed on the way or not (an
        // unchanged use seen first must not hide a changed one: `Append(s)`, then `Append($"{s,10}")`).
        var visited = new HashSet<(ISymbol, bool, bool, int)>();
        var visitedMembers = new HashSet<(ISymbol, ISymbol, bool, bool)>();
        var visitedBuilders = new HashSet<(ISymbol, bool)>();
        var setterReads = new HashSet<(IOperation, bool)>();
        // The members of the object passed as `value` that the traced method it is given reads itself (ParameterReads), which
        // the runtime links as the call starts; null when `value` is not such an argument.
        var consumerReads = keptIn is null && methodDepth == 0 && others is not null ? ReadByConsumer(value, attributes, others) : null;
        var depth = 0;
        var soughtElsewhere = 0;
        // How many element reads on the way were of an element a part of which is sought (`all[1].Inner`, `best.Inner` after
        // `MaxBy`): below them, a result reached as "the value itself" is an object a part of which reaches the call.
        var partsOfElements = 0;
        // A key, a value or a tuple's item read of an element is the element's own part, which the runtime links as an element:
        // the next element read down the path adds no level for it.
        var pairParts = 0;
        // How many `foreach` loops on the way take each element, a tuple or a pair, apart into its items: the element reached
        // as the value itself is then the tuple or pair whose items are sought.
        var pairItems = 0;
        // How many reads of an element by its key or index (`byKind["Billing"]`) are on the way: a key a lambda chose is then
        // what picked the element (`ToDictionary(d => Classify(d))`).
        var readsByKey = 0;
        var givenTypeFound = false;
        ITypeSymbol? givenType = null;
        // The calls the generator links the value to, combiners and pickers included (see CarriesProduced): found once, when asked.
        HashSet<SyntaxNode>? producedFlow = null;
        // With `choices`: the traced calls the walk reached (linked or not), and those that chose what it went through. A chooser
        // the walk reached is the path's own business (`Search(q).MaxBy(r => r.Score)` is an element of Search's result).
        var reached = new HashSet<SyntaxNode>();
        var choosers = new List<(IInvocationOperation, string)>();
        // Those that decided a put or a loop's assignment on the way: said after a chooser's more precise reason.
        var putDeciders = new List<(IInvocationOperation, string)>();
        // What decides the value's own use (ControlReads.Conditions), found once, when a put's deciders are sought.
        IReadOnlyList<ControlReads.Condition>? decidingUse = null;
        if (keptIn is null) Walk(value, null, transformed: changed, elements, whole: whole ?? elements);
        else WalkWrites(keptIn, null, changed, elements, kept: null, whole ?? elements, changesOnly: keptIn is not IParameterSymbol);
        // Not the call the value is given to, deciding by an earlier run of its own what it is given next (a scan's step, a
        // binary search's probe): each such call would be reported for itself.
        foreach (var chosen in choosers.Concat(putDeciders))
        {
            var itself = chosen.Item1.Syntax.SyntaxTree == value.Syntax.SyntaxTree && chosen.Item1.Syntax.Span.Contains(value.Syntax.Span);
            if (!itself && !reached.Contains(chosen.Item1.Syntax)) found.Add(chosen);
        }

        return found;

        // `transformed`: untraced code changed the value on the way. An untransformed reference-typed result keeps its
        // identity, which links it exactly whatever the path; only glue and value types depend on the compiler's proof.
        // `elementOf`: the value sought is an element of this operation's value, not the value itself. `whole`: the
        // operation's value is the collection argument itself, which links by identity as a whole too.
        void Walk(IOperation operation, string? reason, bool transformed, bool elementOf, bool whole = false)
        {
            // Each step goes down the operation tree or through a local or member not visited before, so the walk ends; the
            // bound keeps the compiler's stack safe from a path no rule foresaw.
            if (depth >= MaxDepth) return;
            depth++;
            try
            {
                WalkOne(operation, reason, transformed, elementOf, whole);
            }
            finally
            {
                depth--;
            }
        }

        void WalkOne(IOperation operation, string? reason, bool transformed, bool elementOf, bool whole)
        {
            if (pairItems > 0 && !elementOf && (operation is ITupleOperation || operation is IObjectCreationOperation { Type: var pairType } && IsPair(pairType)))
            {
                var pairItemsAbove = pairItems;
                pairItems = 0;
                try
                {
                    WalkOne(operation, reason, transformed, elementOf: true, whole);
                }
                finally
                {
                    pairItems = pairItemsAbove;
                }

                return;
            }

            // A dictionary, lookup or groups made by a key lambda (`docs.ToDictionary(d => Classify(d))`): which element is under a
            // key, read back by the key, the lambda's calls chose.
            if (choices && elementOf && readsByKey > 0 && operation is IInvocationOperation grouping && GroupsByKey(grouping.TargetMethod))
            {
                AddChoosers(grouping);
            }

            switch (operation)
            {
                case IInvocationOperation call when GlueLinkAnalyzer.IsTracedCallOf(call, attributes):
                    if (choices) reached.Add(call.Syntax);
                    // The elements of a traced call's collection are not its result: nothing links them. A result reached as the
                    // value itself is linked by its identity only if it can be the object given: one read for a member of it on
                    // the way (`drafts[0].Text`, `best.Text` after `MaxBy`) is not what reaches the call.
                    if (!transformed && (!elementOf && IsTheObjectSought(call.Type) || whole) && call.Type is { IsValueType: false }) return;
                    var across = !ReferenceEquals(GlueFlow.EnclosingFunction(call), function) ? "it crosses into or out of a lambda or local function" : null;
                    // An element of a traced call's collection is never linked, whatever the path to it: that is the reason to give.
                    // A member of a traced call's object is glue over the call where the path to it is proven: the path's reason.
                    // An unchanged element of a list, an array or a tuple the call returned is linked to the call at run time. What
                    // is sought may also be a member of an element (`docs[0].Text`), which is not: only a value of an element's
                    // type is taken for the element itself.
                    // A chat response links its messages' contents too: a part of its element, one level down.
                    if (!transformed && elementOf && !whole && (LinkedElementTypes(call.Type) ?? IteratorElementTypes(call)) is { } elementTypes
                        && NoPartSought(allowed: ChatType(elementTypes[0]) is null ? 0 : 1) && Sought() is { IsValueType: false } sought && elementTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, sought) || IsBaseOf(sought, t) || IsNarrowed(t, sought)))
                    {
                        return;
                    }

                    var ofCollection = elementOf && !whole && IsCollection(call.Type);
                    found.Add((call, ofCollection ? ElementReason(call, transformed) : reason ?? across ?? ""));
                    return;
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { Type: INamedTypeSymbol task } awaited }
                    when KnownTypes.IsTaskOfT(task) || KnownTypes.IsValueTaskOfT(task):
                    // `task.Result` is the awaited value, as `await task` is.
                    Walk(awaited, reason, transformed, elementOf, whole);
                    return;
                case IInvocationOperation { TargetMethod.Name: "GetResult", Arguments.Length: 0, Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitedTask } }
                    when KnownTypes.Awaited(awaitedTask.Type) is { } result && !SymbolEqualityComparer.Default.Equals(result, awaitedTask.Type):
                    // `task.GetAwaiter().GetResult()` is the awaited value, as `await task` is.
                    Walk(awaitedTask, reason, transformed, elementOf, whole);
                    return;
                case IConversionOperation { IsImplicit: true } or IParenthesizedOperation or IAwaitOperation or ITranslatedQueryOperation:
                    foreach (var child in operation.ChildOperations) Walk(child, reason, transformed, elementOf, whole);
                    return;
                case ISwitchExpressionArmOperation arm:
                    Walk(arm.Value, reason, transformed, elementOf, whole);
                    return;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return;
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction } } parameter }:
                    // A parameter of a lambda or local function this member declares: what the code that calls it passes
                    // (`Search(q).ForEach(s => Classify(s + "!"))`, `Apply(summary, x => ...)`, `act(summary)`).
                    if (visited.Count >= MaxLocals * 4 || !visited.Add((parameter, elementOf, transformed, -1))) return;
                    foreach (var (passed, asElement) in PassedTo(parameter))
                    {
                        Walk(passed, reason ?? "it crosses into or out of a lambda or local function", transformed, elementOf || asElement);
                    }

                    // And what the function itself puts into it (`into.Add(...)`) or sets it to, and what an event or a
                    // delegate it is subscribed to or kept in is raised with.
                    WalkWrites(parameter, reason, transformed, elementOf, SetAgain(parameter), whole, usedAt: operation);
                    WalkRaised(parameter, root.DescendantsAndSelf().FirstOrDefault(o => o is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol)),
                        reason, transformed, elementOf);
                    return;
                case IParameterReferenceOperation { Parameter: var parameter }:
                    // What the method itself puts into its parameter, or sets it to; what its callers pass is theirs to follow
                    // (HelperFlows), except where it is a handler no call names (`Replied += OnReplied`).
                    WalkWrites(parameter, reason, transformed, elementOf, SetAgain(parameter), whole, usedAt: operation);
                    if (others is not null && parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } handler)
                    {
                        foreach (var body in others.BodiesHandingOn((IMethodSymbol)handler.OriginalDefinition))
                        {
                            foreach (var group in body.Descendants().OfType<IMethodReferenceOperation>().Where(g => SymbolEqualityComparer.Default.Equals(g.Method.OriginalDefinition, handler.OriginalDefinition)))
                            {
                                WalkRaised(parameter, group, reason, transformed, elementOf);
                            }
                        }
                    }

                    return;
                case ILocalReferenceOperation local when CatchOf(local.Local) is { } caught:
                    // The exception a traced call in the try block threw: its node is that call's, linked by the exception's
                    // identity. Its message, or anything made from it, is new text no edge reaches.
                    if (!transformed && !elementOf) return;
                    // Of a try whose only traced call is the first thing it does, it is glue over that call's exception, where the
                    // function's activations are its own: when they are not, the function says why.
                    var followed = GlueFlow.FollowsThrower(local, c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes));
                    foreach (var thrower in ThrowersIn(caught))
                    {
                        found.Add((thrower, reason ?? (followed ? "" : $"it is read from the exception '{local.Local.Name}' a traced call in the try block threw, which the compiler cannot tell; "
                            + "make that call the first thing the try does and its only traced call, or pass the exception itself, whose node is that call's")));
                    }

                    return;
                case ILocalReferenceOperation local:
                    // Its elements, read back by their identity, may have been replaced by code the compiler does not follow: what
                    // was put in is lost, for that reason unless a way in has one of its own.
                    var replaced = elementOf && !transformed ? GlueFlow.ReplacedBecause(local, attributes.IsTracedOrOverridesTraced) : null;
                    var walkedFrom = found.Count;
                    WalkWrites(local.Local, reason, transformed || replaced is not null, elementOf, null, whole, usedAt: local);
                    ExplainUnfollowedChange(local, walkedFrom);
                    if (replaced is not null) Explain(walkedFrom, replaced);
                    return;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    WalkTracedSetters(field, reason, transformed);
                    WalkWrites(field.Field, reason, transformed, elementOf, $"it is kept in the field '{field.Field.Name}'; pass it through a local or an argument", whole);
                    WalkOtherWrites(field.Field, reason, $"it is kept in the field '{field.Field.Name}'; pass it through a local or an argument", transformed, elementOf, whole);
                    return;
                case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null or IInstanceReferenceOperation } property when GlueFlow.IsAutoProperty(property.Property):
                    // An auto-property holds what it was set to, as a field does; a computed one may return anything.
                    WalkTracedSetters(property, reason, transformed);
                    WalkWrites(property.Property, reason, transformed, elementOf, $"it is kept in the property '{property.Property.Name}'; pass it through a local or an argument", whole);
                    WalkOtherWrites(property.Property, reason, $"it is kept in the property '{property.Property.Name}'; pass it through a local or an argument", transformed, elementOf, whole);
                    return;
                case IMemberReferenceOperation { Instance: ILocalReferenceOperation } unset when GlueFlow.EnclosingFunction(unset) is { } function && GlueFlow.HoldsItsDefault(unset, function):
                    // Never set on an object made here: it holds its default, which no call made.
                    return;
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: { } setOn } member
                    when KeptIn(setOn) is { } holder && (holder is not ILocalSymbol local || CatchOf(local) is null)
                        && MemberSets(holder, member.Member, transformed || ChangedInPlace(holder, member.Member, member).Count > 0) is { Count: > 0 } sets:
                    // What the member holds when read is new text if it was changed in place since it was set (`f.Docs += "!"`).
                    var inPlace = ChangedInPlace(holder, member.Member, member);
                    var memberChanged = transformed || inPlace.Count > 0;
                    WalkTracedSetters(member, reason, memberChanged);
                    // A member set on an object in a local, a parameter or a field (`h.Last = s`, `_state.Summary = s`), here, in
                    // another member of the type or in a method the object is given to: what it was set to, like a local. Once
                    // per member: a value set from itself (`c.X = Math.Clamp(c.X, 0, 1)`) is not followed again.
                    if (!visitedMembers.Add((holder, member.Member, elementOf, memberChanged))) return;
                    var keptIn = reason ?? $"it is kept in '{member.Member.Name}' of '{holder.Name}'; pass it through a local or an argument"
                        + (holder is ILocalSymbol ? $", or set '{member.Member.Name}' once, after '{holder.Name}' is made here and before it is read, and use '{holder.Name}' only to read and set its fields and auto-properties" : "");
                    foreach (var (set, here, why, setChanged) in sets)
                    {
                        if (here) Walk(set, reason ?? why ?? keptIn, memberChanged || setChanged, elementOf, whole);
                        else foreach (var (producer, _) in PossibleProducers(set, elementOf, attributes, objectChanges, memberChanged, others, methodDepth + 1, whole)) found.Add((producer, reason ?? why ?? keptIn));
                    }

                    foreach (var change in inPlace) Walk(change, keptIn, transformed: true, elementOf: false);
                    // Unless a set runs on every path before the read, the member may still hold what the object came with.
                    if (!SurelySet(holder, member.Member, member))
                    {
                        var mayKeep = reason ?? $"a member of '{setOn.Syntax}' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on";
                        // Of a local, the objects it was set to (what was set in them is followed above); one made here holds what its
                        // initializer or constructor set, followed above too.
                        var cameWith = holder is ILocalSymbol ? Writes(root, holder).Where(w => w.Kind == MemberWrites.WriteKind.Assign).Select(w => w.Value) : [setOn];
                        foreach (var came in cameWith.Where(c => Unwrap(c) is not (IObjectCreationOperation or IAnonymousObjectCreationOperation))) Walk(came, mayKeep, transformed: true, elementOf: true);
                    }

                    return;
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: not null } filledMember
                    when methodDepth == 0 && IsCollection(filledMember.Type) && TracedSetters(filledMember).ToList() is { Count: > 0 } adders:
                    // A collection of another object that a traced method called here adds to (`desk.Note(t)` filling `desk.Notes`).
                    if (setterReads.Add((filledMember, transformed))) ReportTracedSetters(filledMember, reason, adders, transformed);
                    return;
                case IInvocationOperation { TargetMethod: { Name: "WhenAll", ContainingType: var taskType } } whenAll when elementOf && KnownTypes.IsTask(taskType):
                    // `await Task.WhenAll(a, b)`: its elements are the tasks' results, which keep their identity.
                    foreach (var argument in whenAll.Arguments) Walk(argument.Value, reason, transformed, elementOf: true);
                    return;
                case IInvocationOperation call when Bodies(call) is { Count: > 0 } bodies:
                    // A lambda or local function called here: what it returns is what flows.
                    foreach (var returned in bodies) WalkReturned(returned, reason ?? "it crosses into or out of a lambda or local function", transformed, elementOf);
                    break;
                case IArrayElementReferenceOperation element:
                    // An element read from a collection is the element, unchanged: what reached the collection's elements. A
                    // constant index of what `await Task.WhenAll(a, b)` returned is one task's result.
                    var whyNot = default(string);
                    if (GlueFlow.EnclosingFunction(element) is { } elementIn && GlueFlow.AwaitedTaskAt(element, elementIn, out whyNot) is { } resultOf)
                    {
                        Walk(resultOf, reason, transformed, elementOf);
                        return;
                    }

                    if (choices && !IsAssignedTo(element)) AddIndexChoosers(element.Indices);
                    // A part of the element is sought when its elements are, unless it is the collection argument itself.
                    if (WalkStored(element, reason ?? whyNot, transformed, elementOf && !whole, out var changedBecause)) return;
                    WalkElementsOf(element.ArrayReference, reason ?? whyNot ?? changedBecause, transformed, partOfElement: elementOf && !whole);
                    return;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } indexer:
                    if (choices && !IsAssignedTo(indexer)) AddIndexChoosers(indexer.Arguments.Select(a => a.Value));
                    if (WalkStored(indexer, reason, transformed, elementOf && !whole, out var keyedChangedBecause)) return;
                    var byKey = IsReadByKey(indexer.Property.ContainingType);
                    if (byKey) readsByKey++;
                    try
                    {
                        WalkElementsOf(indexed, reason ?? keyedChangedBecause, transformed, partOfElement: elementOf && !whole);
                    }
                    finally
                    {
                        if (byKey) readsByKey--;
                    }

                    return;
                case IImplicitIndexerReferenceOperation { Argument.Type.Name: "Index" } implicitIndexer:
                    WalkElementsOf(implicitIndexer.Instance, reason, transformed, partOfElement: elementOf && !whole);
                    return;
                case IInvocationOperation built when TextBuilderCalls.Of(built.TargetMethod) == TextBuilderCalls.Kind.Built && built.Instance is { } builder:
                    // A builder's text (TextBuilderCalls): linked at run time to what was put into the builder unchanged, by its identity.
                    WalkBuilder(builder, transformed ? TextChanged(builder) : null);
                    return;
                case IConditionalAccessOperation { WhenNotNull: IInvocationOperation { Instance: IConditionalAccessInstanceOperation } built } access
                    when TextBuilderCalls.Of(built.TargetMethod) == TextBuilderCalls.Kind.Built:
                    WalkBuilder(access.Operation, transformed ? TextChanged(access.Operation) : null);
                    return;
                case IObjectCreationOperation creation when elementOf:
                    // A member of a new object, or an element of a new collection: one of what it was made from. A lambda it is made
                    // from gives it what the lambda returns (`new Lazy<string>(() => Summarize(t)).Value`).
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation made })
                        {
                            foreach (var returned in ReturnsIn(made)) Walk(returned.ReturnedValue!, reason ?? "it crosses into or out of a lambda or local function", transformed, elementOf: false);
                            continue;
                        }

                        Walk(argument.Value, reason, transformed, elementOf: IsCollection(argument.Value.Type));
                    }

                    if (creation.Initializer is { } created) Walk(created, reason, transformed, elementOf: true);
                    return;
                case IFieldReferenceOperation { Field: { ContainingType.IsTupleType: true } item, Instance: { } tupleHeld } when ItemMade(tupleHeld, item) is { } made:
                    // An item of a tuple a local was made once from (`var t = (A(x), B(x)); t.Item2`): what that item was made of.
                    Walk(made, reason, transformed, elementOf, whole);
                    return;
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: { } owner and not IInstanceReferenceOperation } read:
                    WalkTracedSetters(read, reason, transformed);
                    // A member of an object of the program's set again, here or by code it is given to, holds what that put there:
                    // the generator claims no flow for it (GlueFlow.MemberMayBeChanged).
                    if (!FrameworkAssemblies.Contains(read.Member.ContainingAssembly?.Name ?? "") && GlueFlow.EnclosingFunction(read) is { } readIn
                        && GlueFlow.MemberMayBeChanged(owner, readIn))
                    {
                        reason ??= $"a member of '{owner.Syntax}' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on";
                        transformed = true;
                    }

                    // A member read is what was stored in it: one of the object's parts (`kv.Value`, `request.Text`). What calls
                    // on the object added to it (`sub.AddEntryAction(...)`) is not what a member of it holds. A collection's member
                    // that cannot be one of its elements by identity (`lines.Length`) is computed from the collection as a whole.
                    var part = elementOf || owner.Type is null || GlueFlow.ElementType(owner.Type) is not { } ownerElement
                        || (!ownerElement.IsValueType && read.Type is not null && IsOfType(ownerElement, read.Type));
                    // Of a chat response, a message or an update, only the messages and the contents are linked at run time, each
                    // as an element: no member of one (`Contents` itself, `RawRepresentation`, `Text`) is a linked object.
                    var unlinkedPart = elementOf ? IsUnlinkedChatPart(owner.Type, read.Member) : ChatType(owner.Type) is not null;
                    // The elements of a collection the object holds: what calls on that member put in (`chat.Messages.Add(s)`), and
                    // what the constructor the object was made with puts into it.
                    if (elementOf && IsCollection(read.Type))
                    {
                        if (KeptIn(owner) is { } ownerSymbol)
                        {
                            foreach (var put in Writes(root, ownerSymbol).Where(w => w.ThroughArguments && w.Kind == MemberWrites.WriteKind.AddsTo && SymbolEqualityComparer.Default.Equals(w.Member, read.Member)))
                            {
                                if (!MayRunBefore(put.Value, read) || put.Value is not IInvocationOperation putting) continue;
                                foreach (var argument in putting.Arguments) WalkPutInto(putting, argument.Value, reason, reason ?? put.Reason, transformed, elementOf, put.HeldBy?.Type);
                            }
                        }

                        WalkConstructorPuts(owner, read.Member, reason, transformed);
                    }

                    // A generic container of another library gives back through its members what calls put into it (`tcs.SetResult(s)`,
                    // then `tcs.Task`; `channel.Writer.WriteAsync(s)`, then `channel.Reader`): a member typed by what it holds.
                    // A key, a value or an item of a pair or a tuple is an element read of it: read as the value itself, it is counted
                    // with the element the pair is; read for a part of it, it is one level down, as an element read is.
                    var pairPart = IsPair(owner.Type);
                    InElementRead(deeper: pairPart && elementOf && !whole && pairParts == 0, pairPartsBelow: !pairPart ? pairParts : elementOf && !whole ? 0 : pairParts + 1, () =>
                    {
                        if (owner is ILocalReferenceOperation ownerLocal && CatchOf(ownerLocal.Local) is null)
                        {
                            var ownerFrom = found.Count;
                            WalkWrites(ownerLocal.Local, reason, transformed || !part || unlinkedPart, elementOf: part, kept: null, skipCalls: !GivesBackTypeArgument(owner.Type, read.Type, carried: true), usedAt: ownerLocal);
                            ExplainUnfollowedChange(ownerLocal, ownerFrom);
                        }
                        else Walk(owner, reason, transformed || !part || unlinkedPart, elementOf: part);
                    });
                    return;
                case IInvocationOperation { TargetMethod.ContainingType.SpecialType: SpecialType.System_String, TargetMethod.Name: "Join" or "Concat" } join:
                    // Text made from parts. The generator intercepts a combiner over a collection, an array or a span of parts
                    // (Combiners): its text is linked at run time to the calls that made the parts, or the collection, by
                    // their identity. What changed a part on the way is still a lost path; so are the fixed-arity overloads.
                    if (Combiners.Of(join.TargetMethod) is { } combiner)
                    {
                        // Text the compiler's flow carries from the combiner into the value (`$"Notes: {string.Join(...)}"`) is
                        // glue over the combiner's node, which its parts link to by their identity, as if passed as it is.
                        var partsChanged = transformed && !CarriesProduced(join);
                        foreach (var argument in join.Arguments)
                        {
                            var parts = argument.Parameter?.Ordinal == combiner.PartsIndex;
                            Walk(argument.Value, reason, partsChanged, elementOf: parts, whole: parts);
                        }

                        return;
                    }

                    foreach (var argument in join.Arguments) Walk(argument.Value, reason, transformed: true, elementOf: IsCollection(argument.Value.Type));
                    return;
                case IInvocationOperation { Instance: { } container } read when !GlueLinkAnalyzer.IsTracedCallOf(read, attributes)
                    && (GivesBackTypeArgument(container.Type, read.Type) || elementOf && read.Type is not null
                        && (GlueFlow.ElementType(read.Type) ?? AsyncSequenceReads.ElementOf(read.Type)) is { } given && GivesBackTypeArgument(container.Type, given)):
                    // A framework container's read of what it holds (`reader.ReadAsync()`, `box.Get()`): one of the values put into it;
                    // or of a sequence of them (`reader.ReadAllAsync()`), whose elements are.
                    WalkElementsOf(container, reason, transformed, partOfElement: elementOf && !whole && GivesBackTypeArgument(container.Type, read.Type));
                    return;
                case IInvocationOperation picker when !GlueLinkAnalyzer.IsTracedCallOf(picker, attributes) && GlueFlow.CollectionRead(picker, collections: true) is { } source
                    && (ChoosesByLambda(picker.TargetMethod) || !Projects(picker, source)):
                    // `list.First()`, `list.MaxBy(...)`, `list.Where(...).ToList()`: an element of the collection, or a collection of
                    // its elements, unchanged. Not `Select(x => Summarize(x))`, whose lambda makes the elements.
                    // Glue the compiler proves made from a picked text (`best + "!"` after `MaxBy`) links to the element picked,
                    // which must reach the picker unchanged, in a collection nothing changed where the compiler does not follow.
                    // So does glue made from a member of a picked object (`best.Text` after `MaxBy`): the element picked is sought.
                    if (choices) AddChoosers(picker);
                    var picked = (transformed || elementOf && !whole) && CarriesProduced(picker);
                    if (picked) soughtElsewhere++;
                    try
                    {
                        // A pick of one element (`First`, `MaxBy`), not of a collection of them (`Where(...).ToList()`).
                        var partOfElement = elementOf && !whole && !picked && !IsCollection(picker.Type);
                        if (WalkStored(picker, reason, transformed && !picked, partOfElement, out var pickedChangedBecause)) return;
                        WalkElementsOf(source, reason ?? pickedChangedBecause, transformed && !(picked && pickedChangedBecause is null), partOfElement);
                    }
                    finally
                    {
                        if (picked) soughtElsewhere--;
                    }

                    return;
                case IInvocationOperation narrowing when elementOf && !GlueLinkAnalyzer.IsTracedCallOf(narrowing, attributes) && NarrowedSource(narrowing) is { } narrowed:
                    // `contents.OfType<FunctionCallContent>()`, `.Cast<T>()`: some of the sequence's elements, the same objects.
                    Walk(narrowed, reason, transformed, elementOf: true);
                    return;
                case IInvocationOperation flattening when elementOf && !GlueLinkAnalyzer.IsTracedCallOf(flattening, attributes) && GlueFlow.FlatteningSelector(flattening) is { } selector:
                    // `messages.SelectMany(m => m.Contents)`: the elements of what the lambda returns for each element, the same objects.
                    foreach (var returned in ReturnsIn(selector)) Walk(returned.ReturnedValue!, reason, transformed, elementOf: true);
                    return;
                case IInvocationOperation streamRead when !GlueLinkAnalyzer.IsTracedCallOf(streamRead, attributes) && AsyncSequenceReads.SourceOf(streamRead) is { } stream:
                    // `await stream.FirstAsync()`, `await stream.Where(...).ToListAsync()`: an element of the async sequence, or
                    // a collection of its elements, unchanged.
                    Walk(stream, reason, transformed, elementOf: true);
                    return;
                case IInvocationOperation { TargetMethod.Name: "GetEnumerator" or "GetAsyncEnumerator", Instance: { } enumerated } when elementOf:
                    // An enumerator's `Current` is an element of what it enumerates (`var e = Summaries(docs).GetEnumerator()`).
                    Walk(enumerated, reason, transformed, elementOf: true);
                    return;
                case IObjectOrCollectionInitializerOperation initializer when elementOf:
                    // `new List<string> { a, b }` adds its elements; `new Dictionary<string, string> { [k] = a }` sets them.
                    foreach (var item in initializer.Initializers)
                    {
                        var elements = item switch
                        {
                            IInvocationOperation add => add.Arguments.Select(a => a.Value),
                            ISimpleAssignmentOperation set => [set.Value],
                            _ => [item],
                        };
                        foreach (var value in elements) Walk(value, reason, transformed, elementOf: false);
                    }

                    return;
                case IArrayCreationOperation { Initializer: { } arrayInitializer } when elementOf:
                    Walk(arrayInitializer, reason, transformed, elementOf: true);
                    return;
                case IArrayInitializerOperation or ICollectionExpressionOperation or ITupleOperation when elementOf:
                    // Elements written into a new collection are its elements, unchanged.
                    foreach (var child in operation.ChildOperations) Walk(child, reason, transformed, elementOf: false);
                    return;
                case ISpreadOperation spread:
                    // `[.. summaries, extra]`: the spread collection's elements become the new one's.
                    Walk(spread.Operand, reason, transformed, elementOf: true);
                    return;
                case IInvocationOperation { Instance: null } call when elementOf && call.TargetMethod.Parameters.Any(p => p.IsParams):
                    foreach (var child in operation.ChildOperations) Walk(child, reason, transformed, elementOf: false);
                    return;
            }

            // An untraced method of the project: what it returns, which may be made from a traced call it makes itself
            // (`GetDocs(q)` returning `"Docs: " + Search(q)`). Its arguments are followed below, as any call's.
            if (operation is IInvocationOperation helper && others is not null && methodDepth < MaxMethodDepth && !GlueLinkAnalyzer.IsTracedCallOf(helper, attributes))
            {
                var name = helper.TargetMethod.Name;
                // A method whose calls could not be traced (OPTO002's: `ref` values, spans) is not advised to be.
                var remedy = InterceptionRule.NeverIntercepted(helper.TargetMethod.OriginalDefinition) is { } never
                    ? $"which is not traced and cannot be: {never}" : $"which is not traced; make '{name}' [Traced]";
                HandedBack(others.ReturnsOf(helper.TargetMethod), elementOf, $"it is returned by '{name}', {remedy}");
                // An iterator's elements are what it yields (`foreach (var n in Counts(x))`, `Wrapped(x).ToList()`).
                if (elementOf) HandedBack(others.YieldsOf(helper.TargetMethod), elements: false, $"it is yielded by '{name}', {remedy}");
            }

            // A computed property of the project: what its getter returns (`string Summary => "S: " + Summarize(text)`).
            if (operation is IPropertyReferenceOperation { Property: { IsIndexer: false, GetMethod: { } getter } computed } && others is not null && methodDepth < MaxMethodDepth
                && !GlueFlow.IsAutoProperty(computed))
            {
                HandedBack(others.ReturnsOf(getter), elementOf, $"it is returned by the property '{computed.Name}', whose getter is not traced; make it a [Traced] method");
            }

            // What another member of the project hands back (returns, yields), followed in that member.
            void HandedBack(IReadOnlyList<IOperation> values, bool elements, string why)
            {
                foreach (var handed in values)
                {
                    foreach (var (producer, _) in PossibleProducers(handed, elements, attributes, objectChanges, transformed, others, methodDepth + 1)) found.Add((producer, reason ?? why));
                }
            }

            // A lambda passed to untraced code (`xs.Select(x => Summarize(x))`, `Task.WhenAll(xs.Select(...))`): what it returns
            // becomes the elements of what the call makes. Unchanged, a result among them keeps its identity (`.First()`);
            // changed on the way (`string.Join(", ", ...)`), no flow can be proven across the lambda.
            if (operation is IInvocationOperation lambdaTaker && !GlueLinkAnalyzer.IsTracedCallOf(lambdaTaker, attributes))
            {
                foreach (var argument in lambdaTaker.Arguments)
                {
                    // A key a lambda made (`ToDictionary(d => Classify(d))`) is not the element read back by it: it chose which element
                    // that is (AddChoosers).
                    if (readsByKey > 0 && argument.Parameter?.Name == "keySelector" && GroupsByKey(lambdaTaker.TargetMethod)) continue;
                    // A lambda written there, or a delegate made elsewhere (`xs.Select(f)`, `xs.Select(Make)`).
                    var returns = argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? ReturnsIn(lambda).Select(r => r.ReturnedValue!)
                        : argument.Value.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } ? DelegateReturns(argument.Value)
                        : [];
                    var made = KnownTypes.Awaited(lambdaTaker.Type);
                    foreach (var returned in returns)
                    {
                        var why = reason ?? "it crosses into or out of a lambda or local function";
                        // The call hands back what the lambda returned (`Task.Run`, `GetOrAdd`), makes its elements of it
                        // (`Select`), or computes something else from it (`Sum`, `Any`).
                        if (SymbolEqualityComparer.Default.Equals(made, KnownTypes.Awaited(returned.Type))) WalkReturned(returned, why, transformed, elementOf);
                        else if (made is not null && GlueFlow.ElementType(made) is { } element && IsPartOf(returned.Type, element))
                        {
                            WalkReturned(returned, why, transformed || !elementOf, elementOf: false);
                        }
                        else WalkReturned(returned, why, transformed: true, elementOf: false);
                    }
                }
            }

            // The elements of what an untraced call makes from a collection (`updates.ToChatResponse()`) are made from that
            // collection's elements: those are sought, changed.
            foreach (var part in GlueFlow.Parts(operation))
            {
                var madeFromElements = elementOf && operation is IInvocationOperation maker && MakesOtherElements(maker, (part.Operation as IArgumentOperation)?.Value.Type ?? part.Operation.Type);
                var madeBy = madeFromElements ? $"'{((IInvocationOperation)operation).TargetMethod.Name}' makes new values from it outside a traced method; call it in a [Traced] method" : null;
                Walk(part.Operation is IArgumentOperation argument && madeFromElements ? argument.Value : part.Operation, reason ?? part.OnlySometimes ?? madeBy,
                    transformed || elementOf || !part.PassesValue, elementOf: madeFromElements);
            }
        }

        // Whether a framework call makes its result's elements of another type than those of the collection `given`, so new
        // values made from them (`updates.ToChatResponse()`), not the same ones grouped or copied (`Chunk`, `CreateRange`).
        // A method of the project is followed in its body instead.
        static bool MakesOtherElements(IInvocationOperation call, ITypeSymbol? given)
        {
            if (call.TargetMethod.DeclaringSyntaxReferences.Length > 0 || given is null || GlueFlow.ElementType(given) is not { } part || call.Type is null) return false;
            var made = KnownTypes.Awaited(call.Type)!;
            if ((GlueFlow.ElementType(made) ?? ChatResponseMessage(made)) is not { } element) return false;
            // The same values, or groups of them (`Chunk` makes arrays of them).
            if (IsOfType(element, part) || IsOfType(part, element)) return false;
            return GlueFlow.ElementType(element) is not { } inner || !IsOfType(inner, part) && !IsOfType(part, inner);
        }

        // Whether the generator links the value, as glue, to what the framework call `made` returns: the text a combiner
        // makes, the text a picker picks (FrameworkProducers).
        bool CarriesProduced(IInvocationOperation made)
        {
            if (methodDepth > 0 || keptIn is not null || !FrameworkProducers.Is(made)) return false;
            producedFlow ??= [.. GlueFlow.Of(value, c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes) || FrameworkProducers.Is(c), CancellationToken.None)?.AllProducers.Select(p => p.Syntax) ?? []];
            return producedFlow.Contains(made.Syntax);
        }

        // Whether a result of this type can be the object sought: of the value's type, or of its elements' when they are what is
        // asked; one of an unrelated type is an object a part of which was read on the way. Only the consumer's own argument is
        // known to be the object given: a value followed into another member (`methodDepth`) is taken as it was before, and
        // where the runtime links another object by its identity (`soughtElsewhere`: a member of the argument the consumer reads
        // itself, the element picked by a pick the flow claims) that object is the one sought.
        bool CanBeSought(ITypeSymbol? result) =>
            keptIn is not null || methodDepth > 0 || soughtElsewhere > 0 || MayBeSameObject(KnownTypes.Awaited(result), GivenType()) || elements && MayBeSameObject(KnownTypes.Awaited(result), Sought());

        // A result reached as the value itself is the object sought unless a part of an element was read on the way.
        bool IsTheObjectSought(ITypeSymbol? result) => NoPartSought(allowed: 0) && CanBeSought(result);

        bool NoPartSought(int allowed) => partsOfElements <= allowed || soughtElsewhere > 0;

        // The type of the object given, through locals set once (`object o = draft.Text` is a text). Found once, when asked.
        ITypeSymbol? GivenType()
        {
            if (givenTypeFound) return givenType;
            var given = Unwrap(value);
            for (var followed = 0; followed < MaxLocals && function is not null && given is ILocalReferenceOperation { Local: var local } && GlueFlow.ValueSetOnce(local, function) is { } set
                && !SetThroughArgument(set, local); followed++)
            {
                given = Unwrap(set);
            }

            (givenType, givenTypeFound) = (given.Type, true);
            return givenType;
        }

        // A call that sets the local through an `out` or `ref` argument (`table.TryGetValue(k, out var text)`): its own type is not the local's.
        static bool SetThroughArgument(IOperation set, ILocalSymbol local) =>
            set is IInvocationOperation setter && setter.Arguments.Any(a => a.Parameter?.RefKind is RefKind.Out or RefKind.Ref
                && a.Value.DescendantsAndSelf().Any(o => o is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)));

        // The type of what is sought: of the value, or of its elements when they are what is asked (a collection argument,
        // `Classify(summaries.Where(...).ToList())`).
        ITypeSymbol? Sought() => elements && keptIn is null && value.Type is { } collection && GlueFlow.ElementType(collection) is { } element ? element : GivenType();

        // The try statement whose catch clause declares a local, when it is a catch's exception variable.
        ITryOperation? CatchOf(ILocalSymbol local) => CaughtIn(root).TryGetValue(local, out var attempt) ? attempt : null;

        // The traced calls of a try block, in its own function: any of them may have thrown what the catch caught.
        IEnumerable<IInvocationOperation> ThrowersIn(ITryOperation attempt) =>
            attempt.Body.Descendants().OfType<IInvocationOperation>()
                .Where(c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes) && ReferenceEquals(GlueFlow.EnclosingFunction(c), GlueFlow.EnclosingFunction(attempt)));

        // A traced method called here that sets the member read to a value of its own making (`Remember(t)` setting `Last`,
        // `Memo.Last` or `agent.Last`): the method's node stands for what it returns, and for what it sets or adds to a member
        // the runtime watches across its calls (WatchedMembers), where that member is passed on as it is.
        void WalkTracedSetters(IMemberReferenceOperation read, string? why, bool transformed)
        {
            if (methodDepth == 0 && setterReads.Add((read, transformed))) ReportTracedSetters(read, why, TracedSetters(read), transformed);
        }

        void ReportTracedSetters(IMemberReferenceOperation read, string? why, IEnumerable<(IInvocationOperation Call, IMethodSymbol Method, bool Watched)> setters, bool transformed)
        {
            var member = read.Member.Name;
            foreach (var (call, method, watched) in setters)
            {
                if (watched && !transformed) continue;
                found.Add((call, why ?? (watched
                    ? $"'{method.Name}' keeps in '{member}' a value it made itself, which is linked to it where '{member}' is passed on as it is, not through what is made of it here; pass '{member}' itself, or return the value from '{method.Name}'"
                    : $"'{method.Name}' keeps in '{member}' a value it made itself, and only what a traced call returns is linked to it; return the value from '{method.Name}' instead")));
            }
        }

        // The traced calls of this function that may run before `read` and set its member to a value of their own making, on the
        // same object for an instance member, each with whether the runtime watches the member across its calls for every way it
        // changes it there. Of those written before the read, the last that sets it at all is what it holds.
        IEnumerable<(IInvocationOperation Call, IMethodSymbol Method, bool Watched)> TracedSetters(IMemberReferenceOperation read)
        {
            if (others is null) yield break;
            var member = read.Member.OriginalDefinition;
            var owner = read.Member.IsStatic ? null : KeptIn(read.Instance) ?? (read.Instance is IInstanceReferenceOperation ? member.ContainingType : null);
            if (!read.Member.IsStatic && owner is null) yield break;
            (IInvocationOperation Call, IMethodSymbol Method, bool OwnMaking, bool Watched)? lastBefore = null;
            foreach (var call in root.Descendants().OfType<IInvocationOperation>())
            {
                if (!GlueLinkAnalyzer.IsTracedCallOf(call, attributes) || !MayRunBefore(call, read)) continue;
                if (!read.Member.IsStatic && !SymbolEqualityComparer.Default.Equals(KeptIn(call.Instance) ?? (call.Instance is null or IInstanceReferenceOperation ? member.ContainingType : null), owner)) continue;
                var method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
                if (others.BodyOf(method) is not { } body) continue;
                var changed = WatchedMembers.Of(method, body, others.BodyOf).Where(w => SymbolEqualityComparer.Default.Equals(w.Member.OriginalDefinition, member)).ToList();
                var watched = changed.Where(w => w.IsWatched).Select(w => w.Kind).ToList();
                bool ownSets, ownAdds;
                if (MemberWrites.In(body).TryGetValue(member, out var writes))
                {
                    // Set, or added to when it is a collection (`Notes.Add(Prompt + t)` in `Note(t)`).
                    var sets = writes.Where(w => w is { Kind: MemberWrites.WriteKind.Assign, ThroughArguments: false }).ToList();
                    var adds = writes.Any(w => w is { Kind: MemberWrites.WriteKind.AddsTo, Member: null });
                    if (sets.Count == 0 && !adds) continue;
                    ownSets = sets.Any(w => !IsResultAsItIs(w.Value, attributes));
                    ownAdds = adds && PutsItsOwnMaking(body, member, attributes, passedOnAsItIs: false);
                }
                else if (changed.Count > 0)
                {
                    // Set or added to by a helper of its own the method calls (`Remember(s) => _history.Add(s)`): taken as its making.
                    (ownSets, ownAdds) = (changed.Any(w => w.Kind == WatchedMembers.Kind.Set), changed.Any(w => w.Kind == WatchedMembers.Kind.Filled));
                }
                else
                {
                    continue;
                }

                var allWatched = (!ownSets || watched.Contains(WatchedMembers.Kind.Set)) && (!ownAdds || watched.Contains(WatchedMembers.Kind.Filled));
                // A call after the read reaches it only through a loop: any such may have set it.
                if (call.Syntax.SpanStart > read.Syntax.SpanStart || call.Syntax.Span.Contains(read.Syntax.Span))
                {
                    if (ownSets || ownAdds) yield return (call, method, allWatched);
                }
                else
                {
                    lastBefore = (call, method, ownSets || ownAdds, allWatched);
                }
            }

            if (lastBefore is { OwnMaking: true } last) yield return (last.Call, last.Method, last.Watched);
        }

        // What the type's other members put into one of its fields or properties (`_summary = Search(q)` in another method).
        void WalkOtherWrites(ISymbol member, string? reason, string kept, bool transformed, bool elementOf, bool whole)
        {
            var why = reason ?? kept;
            if (others is null || methodDepth >= MaxMethodDepth) return;
            // A static member of another type may be set in this one (`Board.Last = s` in this type's methods).
            var writes = others.WritesOf(member);
            if (member.IsStatic && FunctionType() is { } type && !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, member.ContainingType.OriginalDefinition))
            {
                writes = [.. writes, .. others.WritesIn(type, member)];
            }

            foreach (var written in writes)
            {
                // Those of this member were followed with its locals.
                if (ReferenceEquals(RootOf(written), root)) continue;
                // An element read of the member (`Lines[0]`) stays one: the collection is not what is passed.
                foreach (var (producer, _) in PossibleProducers(written, elementOf, attributes, objectChanges, transformed, others, methodDepth + 1, whole)) found.Add((producer, why));
            }

            // What a traced call there sets in it through `ref` or `out` (`TryRead(x, out _verdict)`), linked by its identity only.
            if (transformed && methodDepth == 0)
            {
                foreach (var (_, body) in others.BodiesUsing(member).Where(b => b.Body.Syntax != root.Syntax))
                {
                    foreach (var call in body.Descendants().OfType<IInvocationOperation>().Where(c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes) && SetsByReference(c, member)))
                    {
                        found.Add((call, reason ?? SetThroughReference(call.TargetMethod.Name, member.Name)));
                    }
                }
            }

            // What they put into its object (`_log.Add(...)`, `Fill(_log, x)` in another method).
            if (!elementOf || !IsCollection(member)) return;
            foreach (var (name, body) in others.BodiesUsing(member))
            {
                if (body.Syntax != root.Syntax) WalkPutsIn(body, member, name, member.Name, reason, transformed, elementOf, whole);
            }
        }

        // The type whose member this function is part of.
        INamedTypeSymbol? FunctionType() =>
            root.SemanticModel is { } model ? (model.GetDeclaredSymbol(root.Syntax) ?? model.GetEnclosingSymbol(root.Syntax.SpanStart))?.ContainingType : null;

        // Why a value a parameter is set to in the body does not link: the compiler's proof follows locals only.
        static string SetAgain(IParameterSymbol parameter) =>
            $"it is kept in the parameter '{parameter.Name}', which the compiler follows only as it was passed; give the new value a local of its own";

        // What another member's body puts into `keptIn` (a parameter, or a field or property), followed there, and why it does
        // not link in the words of the one who reads it: `'Fill' puts it into 'list': ...`.
        void WalkPutsIn(IOperation body, ISymbol keptIn, string putter, string into, string? reason, bool transformed, bool elementOf, bool? whole = null)
        {
            foreach (var (producer, why) in PossibleProducers(body, elementOf, attributes, objectChanges, transformed, others, methodDepth + 1, whole, keptIn))
            {
                found.Add((producer, reason ?? (why.Length == 0 ? $"'{putter}' puts it into '{into}', where the compiler does not follow it" : $"'{putter}' puts it into '{into}': {why}")));
            }
        }

        // `usedAt`: the read of a local the writes are sought for; a write that cannot run before it is left out.
        // `changesOnly`: only what changes the symbol's object (a call that puts into it, a member or element set on it) counts.
        void WalkWrites(ISymbol symbol, string? reason, bool transformed, bool elementOf, string? kept, bool whole = false, bool skipCalls = false, IOperation? usedAt = null,
            bool changesOnly = false)
        {
            if (visited.Count >= MaxLocals * 4 || !visited.Add((symbol, elementOf, transformed, usedAt?.Syntax.SpanStart ?? -1))) return;
            // A count a loop keeps on a condition (`if (IsRelevant(d)) n++;`), or an index a loop leaves on one (`if (IsRelevant(docs[i])) break;`).
            if (choices && symbol is ILocalSymbol)
            {
                foreach (var step in MemberWrites.StepsOf(root, symbol).Where(s => (usedAt is null || MayRunBefore(s, usedAt)) && MemberWrites.InALoopItOutlives(s, symbol)))
                {
                    AddDecidersOfPut(step, symbol.Name);
                }
            }

            // The object the traced call is given, as it is: what traced methods it was given before keep in its members, and
            // what is set in the members that call reads, is linked through what that call reads (see WalkMembersRead).
            var membersRead = consumerReads is { } consumed && !transformed && !elementOf ? consumed.Members : null;
            if (membersRead is not null) WalkMembersRead(symbol, reason, membersRead, consumerReads!.Value.Escapes, consumerReads.Value.Referenced, usedAt, skipCalls);
            // Given only values that add no producer when read back unchanged (traced calls' results, which keep their identity):
            // none of its writes counts, whichever may run first. (A local reassigned call after call, `x = Step(x)`, would
            // otherwise cost each of its reads every write.)
            if (!transformed && !elementOf && OnlyLinkedResults(root, symbol, attributes) && !DeconstructedFrom(symbol, Writes(root, symbol), pairs: false)) return;
            // Which elements stay in the collection, or in which order, a lambda's calls may have chosen in place (`docs.RemoveAll(d => !IsRelevant(d))`).
            if (choices && elementOf)
            {
                foreach (var inPlace in InPlaceChoices.Of(root, symbol).Where(c => usedAt is null || MayRunBefore(c, usedAt))) AddChoosers(inPlace);
            }

            var writes = skipCalls ? Writes(root, symbol).Where(w => !(w.Kind == MemberWrites.WriteKind.AddsTo && w.ThroughArguments)).ToList() : Writes(root, symbol);
            if (changesOnly) writes = [.. writes.Where(w => w.Kind == MemberWrites.WriteKind.AddsTo)];
            // The generator's proof counts every assignment, wherever it is; what may reach the read is only what can run first.
            var assignments = writes.Count(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform or MemberWrites.WriteKind.ElementOf);
            if (usedAt is not null) writes = [.. writes.Where(w => MayRunBefore(w.Value, usedAt))];
            // A member the call reads is followed as that member's value; one it cannot reach (it reads only members of the object) does not flow into it.
            if (membersRead is not null)
            {
                var (_, escapes, referenced) = consumerReads!.Value;
                writes = [.. writes.Where(w => !IsMemberRead(w, membersRead) && (escapes || !IsMemberWrite(w) || referenced.Contains(w.Member!.OriginalDefinition)))];
            }
            // A local built in straight-line steps holds, at the read, what the steps since its last fresh start made.
            if (usedAt is ILocalReferenceOperation read && GlueFlow.StepValuesBefore(read, c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes)) is { } steps)
            {
                writes = [.. writes.Where(w => steps.Contains(w.Value is ICompoundAssignmentOperation compound ? compound.Value : w.Value))];
            }

            // An object passed on unchanged that a traced call made is linked to that call by its identity; what was put into
            // it afterwards is the object's business. One made by untraced code (`new Request()`) links to nothing, so
            // what was put into it is followed.
            // What is put into an object counts for a local's object, and for a collection wherever it is kept: the object a
            // field or a parameter holds may be one a traced call made, linked by its identity, whose state is its own business.
            var followChanges = symbol is ILocalSymbol ? elementOf || (objectChanges && !IsCollection(symbol)) : elementOf && IsCollection(symbol);
            if (!transformed && !elementOf && writes.Any(w => w.Kind == MemberWrites.WriteKind.Assign && IsResultAsItIs(w.Value, attributes)))
            {
                writes = writes.Where(w => w.Kind != MemberWrites.WriteKind.AddsTo).ToList();
                followChanges = false;
            }

            // A value changed in place (`s += "!"`) is a new value, whichever assignment it started from.
            var changed = writes.Any(w => w.Value is ICompoundAssignmentOperation);
            foreach (var write in writes)
            {
                if (choices) AddPutDeciders(write, symbol);
                var why = reason ?? (write.Kind == MemberWrites.WriteKind.AddsTo ? write.Reason ?? kept : kept ?? write.Reason) ?? (assignments > 1 ? AssignedMoreThanOnce(symbol, usedAt, attributes) : null);
                // What a traced call sets through `ref` or `out` is linked to it by its identity, where it is passed on as it is;
                // glue over it is followed only for a local its `out var` declares.
                if (write is { ThroughArguments: true, Value: IInvocationOperation byReference } && GlueLinkAnalyzer.IsTracedCallOf(byReference, attributes)
                    && SetsByReference(byReference, symbol) && (!transformed || methodDepth == 0))
                {
                    if (transformed) found.Add((byReference, reason ?? SetThroughReference(byReference.TargetMethod.Name, symbol.Name)));
                    continue;
                }

                // A call's operands other than the object it changes: its arguments, and its receiver when the object is an
                // argument (`list.CopyTo(array)`).
                var flowing = write is { ThroughArguments: true, Value: IInvocationOperation call }
                    ? [.. (write.HeldBy is not null && call.Instance is { } receiver ? call.Arguments.Select(a => a.Value).Prepend(receiver) : call.Arguments.Select(a => a.Value))
                        .Where(a => !ReferenceEquals(a, write.HeldBy) && a.Syntax is not DeclarationExpressionSyntax)]
                    : new List<IOperation> { write.Value is ICompoundAssignmentOperation compound ? compound.Value : write.Value };
                // What a call sets through an `out` argument may come from the object it is called on too (`table.TryGetValue(k, out var v)`).
                if (write is { Kind: MemberWrites.WriteKind.ElementOf, ThroughArguments: true, Value: IInvocationOperation { Instance: { } setter } }) flowing.Add(setter);
                foreach (var source in flowing)
                {
                    switch (write.Kind)
                    {
                        case MemberWrites.WriteKind.Assign:
                            Walk(source, why, transformed || changed, elementOf, whole);
                            break;
                        case MemberWrites.WriteKind.Transform:
                            Walk(source, why, transformed: true, elementOf: false);
                            break;
                        case MemberWrites.WriteKind.ElementOf:
                            // An element's own parts (a pair's value, a record's member) are counted with the elements.
                            // An out result may be one of the call's arguments itself, or an element of a collection one.
                            // A method of the project that sets its `ref` parameter hands back a value of its own making.
                            var setThroughRef = write is { ThroughArguments: true, Value: IInvocationOperation byRef } && SetsRefParameter(byRef, source);
                            // A local a `foreach` deconstructs an element of the program's into is a part of the element (its Deconstruct's).
                            if (!write.ThroughArguments || IsCollection(source.Type))
                            {
                                var takenApart = ElementTakenApart(symbol, [write]);
                                var itemOfPair = takenApart == true;
                                if (itemOfPair) pairItems++;
                                try
                                {
                                    WalkElementsOf(source, why, transformed || changed || setThroughRef, partOfElement: elementOf && !whole || takenApart == false);
                                }
                                finally
                                {
                                    if (itemOfPair) pairItems--;
                                }
                            }
                            else Walk(source, why, transformed || changed || setThroughRef, elementOf);
                            break;
                        // What a collection holds is followed only to its elements: a method that reads it may return one of
                        // them unchanged (First, MaxBy) or compute from them, which the compiler cannot tell apart.
                        case MemberWrites.WriteKind.AddsTo when followChanges:
                            WalkPutInto(write.Value, source, reason, why, transformed, elementOf, write.HeldBy?.Type);
                            break;
                    }
                }
            }

            if (followChanges && !skipCalls) WalkPassedInto(symbol, reason, transformed, elementOf, usedAt, membersApart: membersRead is not null);
        }

        static bool IsMemberWrite(MemberWrites.Write write) => write is { Kind: MemberWrites.WriteKind.AddsTo, ThroughArguments: false, Member: not null };

        static bool IsMemberRead(MemberWrites.Write write, HashSet<ISymbol> membersRead) =>
            write is { Kind: MemberWrites.WriteKind.AddsTo, ThroughArguments: false, Member: { } member } && membersRead.Contains(member.OriginalDefinition);

        // The object a traced call is given as it is, which its body reads members of: a value set in such a member here
        // (`f.Docs = Summarize(x)`) is what the call reads, followed as that value. A traced method given the object before
        // (`Retrieve(f)`) is linked through what it keeps in a member the runtime watches and the call reads; what else it
        // changes in the object is not.
        void WalkMembersRead(ISymbol symbol, string? reason, HashSet<ISymbol> membersRead, bool escapes, HashSet<ISymbol> referenced, IOperation? usedAt, bool skipCalls)
        {
            // A member changed in place before the call (`f.Docs += "!"`) holds new text, whatever it was set to.
            var inPlace = membersRead.ToDictionary(m => m, m => ChangedInPlace(symbol, m, usedAt ?? value), SymbolEqualityComparer.Default);
            soughtElsewhere++;
            try
            {
                foreach (var write in Writes(root, symbol).Where(w => IsMemberRead(w, membersRead) && (usedAt is null || MayRunBefore(w.Value, usedAt))))
                {
                    Walk(write.Value, reason ?? $"it is kept in '{symbol.Name}.{write.Member!.Name}'", transformed: inPlace[write.Member!.OriginalDefinition].Count > 0, elementOf: false);
                }
            }
            finally
            {
                soughtElsewhere--;
            }

            foreach (var change in inPlace.Values.SelectMany(c => c)) Walk(change, reason ?? $"it is kept in '{symbol.Name}'", transformed: true, elementOf: false);

            if (skipCalls || ConsumerOf(value) is not { } consumer) return;
            // Only the calls that may run before the one given the object, which reads it as it starts.
            foreach (var (call, method, parameter, body) in GivenTo(symbol, usedAt ?? value))
            {
                if (!GlueLinkAnalyzer.IsTracedCallOf(call, attributes)) continue;
                foreach (var member in ChangedMembers(method, body, parameter))
                {
                    var (read, watched) = (membersRead.Contains(member.OriginalDefinition), Watches(method, body, parameter, member));
                    var changed = read && inPlace[member.OriginalDefinition].Count > 0;
                    // A member the call neither reads nor can reach otherwise does not flow into it.
                    if (!read && !escapes && !referenced.Contains(member.OriginalDefinition) || read && watched && !changed) continue;
                    found.Add((call, reason ?? (!watched ? MadeInside(method.Name, symbol.Name)
                        : changed ? KeptInGiven(method.Name, symbol.Name, member.Name)
                        : NotReadThere(method.Name, symbol.Name, member.Name, consumer.Name))));
                }
            }
        }

        // The compound assignments of this function that change the member `member` of the object `holder` holds in place
        // (`f.Docs += "!"`, `f.Docs ??= ...`, `f.Count++`) and may run before `usedAt`, each as the operation that changes it.
        List<IOperation> ChangedInPlace(ISymbol holder, ISymbol member, IOperation usedAt) =>
            [.. root.Descendants().Where(o => InPlaceTarget(o) is IMemberReferenceOperation target
                && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member.OriginalDefinition)
                && SymbolEqualityComparer.Default.Equals(KeptIn(target.Instance), holder) && MayRunBefore(o, usedAt))];

        static IOperation? InPlaceTarget(IOperation operation) => operation switch
        {
            ICompoundAssignmentOperation compound => compound.Target,
            ICoalesceAssignmentOperation coalesce => coalesce.Target,
            IIncrementOrDecrementOperation step => step.Target,
            _ => null,
        };

        // The members of the object its parameter holds that a method changes with a value of its own making: set, added to,
        // in its body or in a helper the runtime follows.
        IEnumerable<ISymbol> ChangedMembers(IMethodSymbol method, IOperation body, IParameterSymbol parameter)
        {
            var members = new List<ISymbol>();
            if (MemberWrites.In(body).TryGetValue(parameter, out var writes))
            {
                members.AddRange(writes.Where(w => w is { Kind: MemberWrites.WriteKind.AddsTo, Member: not null } && (w.ThroughArguments || !IsResultAsItIs(w.Value, attributes))).Select(w => w.Member!.OriginalDefinition));
            }

            members.AddRange(WatchedMembers.Of(method, body, others!.BodyOf).Where(w => SymbolEqualityComparer.Default.Equals(w.Holder, parameter)).Select(w => w.Member.OriginalDefinition));
            return members.Distinct<ISymbol>(SymbolEqualityComparer.Default);
        }

        static string NotReadThere(string method, string holder, string member, string consumer) =>
            $"'{method}' keeps in '{holder}.{member}' a value it made itself, which is linked where '{holder}.{member}' is passed on as it is, or read by a traced method given '{holder}' (in its body, or in a helper it gives '{holder}' to); '{consumer}' does not read it so; read it there, pass '{holder}.{member}' itself, or return the value from '{method}'";

        // A collection or object given to a method of the project (`Fill(list, x)`, `Make(x, out var made)`,
        // `list.AddSummary(x)`): what that method puts into it, followed in that method.
        // `membersApart`: what a traced method keeps in the object's members is told apart (WalkMembersRead).
        void WalkPassedInto(ISymbol symbol, string? reason, bool transformed, bool elementOf, IOperation? usedAt, bool membersApart = false)
        {
            foreach (var (call, method, parameter, body) in GivenTo(symbol, usedAt))
            {
                if (methodDepth == 0 && GlueLinkAnalyzer.IsTracedCallOf(call, attributes) && PutsItsOwnMaking(body, parameter, attributes, passedOnAsItIs: !transformed, membersApart))
                {
                    found.Add((call, reason ?? (FilledArguments.MayFill(parameter.Type) ? MadeInsideAndChanged(method.Name, symbol.Name) : MadeInside(method.Name, symbol.Name))));
                }

                WalkPutsIn(body, parameter, method.Name, symbol.Name, reason, transformed, elementOf);
            }
        }

        // What a traced method puts into an object it is given is linked only when it is a traced call's result, unchanged:
        // the method's node stands for what it returns. Said for the objects this member gives it, not for those met deeper
        // in the program's own object graphs.
        static string MadeInside(string method, string holder) =>
            $"'{method}' puts into '{holder}' a value it made itself, and only what a traced call returns is linked to it; return the value from '{method}' instead";

        // What a traced method adds to a list it is given is linked to its call where the list or its elements are passed on as
        // they are; the text or values made from them by untraced code are not.
        static string MadeInsideAndChanged(string method, string holder) =>
            $"'{method}' puts into '{holder}' a value it made itself, which is linked to it where '{holder}' or its elements are passed on as they are, not through what is made of them here; pass '{holder}' itself, or return the value from '{method}'";

        // What a traced method sets in a member of an object it is given is linked to its call where that member is read as it
        // is, by untraced code or by a traced method given the object that reads it itself.
        static string KeptInGiven(string method, string holder, string member) =>
            $"'{method}' keeps in '{holder}.{member}' a value it made itself, which is linked to it where '{holder}.{member}' is passed on as it is, or read by a traced method given '{holder}', not through what is made of it here; pass '{holder}.{member}' itself, or return the value from '{method}'";

        // What an object's own code sets a member to as the object is made is no value glue here proves.
        static string MadeWithIt(string holder, string member, string setBy) =>
            $"it is set in '{member}' of '{holder}' by {setBy} as '{holder}' is made; make it here and pass it through a local or an argument";

        // Whether every way the traced method changes `member` of the object its `parameter` holds is watched across its calls.
        bool Watches(IMethodSymbol method, IOperation body, ISymbol parameter, ISymbol member)
        {
            var changes = WatchedMembers.Of(method, body, others!.BodyOf)
                .Where(w => SymbolEqualityComparer.Default.Equals(w.Holder, parameter) && SymbolEqualityComparer.Default.Equals(w.Member.OriginalDefinition, member.OriginalDefinition)).ToList();
            return changes.Count > 0 && changes.All(w => w.IsWatched);
        }

        static string SetThroughReference(string method, string holder) =>
            $"'{method}' sets '{holder}' through a ref or out parameter, which is linked where '{holder}' is passed on as it is, not through what is made of it here; declare it in the call (out var), pass it on as it is, or return the value from '{method}'";

        // Whether a call is given `symbol` by `ref`, or by `out` into a variable it does not declare.
        static bool SetsByReference(IInvocationOperation call, ISymbol symbol) => call.Arguments.Any(a =>
            a.Parameter?.RefKind is RefKind.Ref or RefKind.Out && a.Value.Syntax is not DeclarationExpressionSyntax && SymbolEqualityComparer.Default.Equals(KeptIn(a.Value), symbol));

        // Whether `argument` is passed by `ref` to a method of the project whose body sets that parameter (`s = s + "!"`).
        bool SetsRefParameter(IInvocationOperation call, IOperation argument)
        {
            if (others is null || call.Arguments.FirstOrDefault(a => ReferenceEquals(a.Value, argument)) is not { Parameter: { RefKind: RefKind.Ref } parameter }) return false;
            return others.BodyOf((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition) is { } body
                && MemberWrites.In(body).TryGetValue(parameter.OriginalDefinition, out var writes)
                && writes.Any(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform);
        }

        // An object made here by a constructor of the project (`new Ctx(d, x)`, directly or in a local): what that constructor
        // puts into the collection `member` of it.
        void WalkConstructorPuts(IOperation owner, ISymbol member, string? reason, bool transformed)
        {
            if (others is null || methodDepth >= MaxMethodDepth) return;
            IEnumerable<IOperation> made = owner is ILocalReferenceOperation local
                ? Writes(root, local.Local).Where(w => w.Kind == MemberWrites.WriteKind.Assign).Select(w => Unwrap(w.Value))
                : [Unwrap(owner)];
            foreach (var creation in made.OfType<IObjectCreationOperation>())
            {
                if (creation.Constructor is { } constructor && others.BodyOf(constructor.OriginalDefinition) is { } body)
                {
                    WalkPutsIn(body, member.OriginalDefinition, constructor.ContainingType.Name, member.Name, reason, transformed, elementOf: true);
                }
            }
        }

        // The methods of the project with a body this function gives `holder` to (`Fill(list, x)`, `list.AddSummary(x)`), with
        // the parameter that takes it; with `usedAt`, only the calls that may run before that read.
        IEnumerable<(IInvocationOperation Call, IMethodSymbol Method, IParameterSymbol Parameter, IOperation Body)> GivenTo(ISymbol holder, IOperation? usedAt)
        {
            if (others is null || methodDepth >= MaxMethodDepth || !GivenIn(root).TryGetValue(holder, out var given)) yield break;
            // Text and values cannot be changed by whom they are given to, only set through `out` or `ref`.
            var settable = TypeOf(holder) is { } type && type.SpecialType != SpecialType.System_String && !type.IsValueType;
            foreach (var (call, parameter) in given)
            {
                if (!settable && parameter.RefKind is not (RefKind.Out or RefKind.Ref)) continue;
                // What the call that reads the holder does to it comes after, unless a later turn of a loop gives it the same object.
                if (usedAt is not null && (!MayRunBefore(call, usedAt) || call.Syntax.Span.Contains(usedAt.Syntax.Span) && !MemberWrites.InALoopItOutlives(call, holder))) continue;
                var method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
                if (others.BodyOf(method) is { } body) yield return (call, method, parameter.OriginalDefinition, body);
            }
        }

        // The values a member of the object `holder` keeps is set to (`holder.Member = value`), each with whether it is set in
        // this function: here, in the other members of the type when the holder is one of its fields or properties, and in
        // the methods of the project this function gives the holder to.
        List<(IOperation Value, bool Here, string? Why, bool Changed)> MemberSets(ISymbol holder, ISymbol member, bool transformed)
        {
            var sets = SetsIn(root, holder, member).Select(v => (v, true, (string?)null, false)).ToList();
            // A local's object made here with the member set in its initializer (`new State { Question = q }`).
            var assigned = holder is ILocalSymbol ? Writes(root, holder).Where(w => w.Kind == MemberWrites.WriteKind.Assign).Select(w => Unwrap(w.Value)).ToList() : [];
            foreach (var made in assigned.OfType<IObjectCreationOperation>())
            {
                foreach (var initializer in made.Initializer?.Initializers ?? [])
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment
                        && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member.OriginalDefinition))
                    {
                        sets.Add((assignment.Value, true, null, false));
                    }
                }
            }

            if (others is null || methodDepth >= MaxMethodDepth) return sets;
            // What the member is set to as its object is made, where that calls something (`public string Seed = Made();`,
            // `Notes = Collect();` in a constructor): every object of the type starts so, wherever it was made.
            foreach (var (value, setBy) in others.MadeWith(member))
            {
                if (value.Descendants().Prepend(value).Any(o => o is IInvocationOperation)) sets.Add((value, false, MadeWithIt(holder.Name, member.Name, setBy), false));
            }

            if (holder is IFieldSymbol or IPropertySymbol)
            {
                foreach (var (_, body) in others.BodiesUsing(holder))
                {
                    if (body.Syntax != root.Syntax) sets.AddRange(SetsIn(body, holder, member).Select(v => (v, false, (string?)null, false)));
                }
            }

            foreach (var (call, method, parameter, body) in GivenTo(holder, usedAt: null))
            {
                var setsThere = SetsIn(body, parameter, member).Concat(ChangesIn(body, parameter, member)).ToList();
                foreach (var set in setsThere)
                {
                    // A traced method that sets it to a value of its own making: its node stands for what it returns, and for what
                    // it sets in a member the runtime watches across its calls (WatchedMembers), where that is passed on as it is.
                    if (methodDepth == 0 && GlueLinkAnalyzer.IsTracedCallOf(call, attributes) && !IsResultAsItIs(set, attributes))
                    {
                        var watched = Watches(method, body, parameter, member);
                        if (!watched || transformed) found.Add((call, watched ? KeptInGiven(method.Name, holder.Name, member.Name) : MadeInside(method.Name, holder.Name)));
                    }

                    sets.Add((set, false, null, false));
                    // What the method sets it to from another of its parameters (`n.Text = text`) is what this call passes there.
                    if (!GlueLinkAnalyzer.IsTracedCallOf(call, attributes)) sets.AddRange(ArgumentsSetFrom(call, method, parameter, set, body, setsThere.Count > 1, holder.Name, member.Name));
                }
            }

            return sets;
        }

        // Whether the member of the object `holder` keeps is set on every path before `read`: here, by a statement of the
        // function's own body before the read's, or by an untraced method such a statement calls, in a statement of its own
        // body that every call runs.
        bool SurelySet(ISymbol holder, ISymbol member, IOperation read)
        {
            if (SetsIn(root, holder, member).Any(set => SurelyBefore(set, read) && !Reads(set, holder))) return true;
            foreach (var (call, _, parameter, body) in GivenTo(holder, usedAt: null))
            {
                if (!GlueLinkAnalyzer.IsTracedCallOf(call, attributes) && SurelyBefore(call, read) && SetsIn(body, parameter, member).Any(set => RunsOnEveryCall(set, body) && !Reads(set, parameter))) return true;
            }

            return false;

            // A value made from the holder (`n.Text = n.Text + "?"`) keeps what the object held in it.
            static bool Reads(IOperation set, ISymbol holder) => set.DescendantsAndSelf().Any(o => o switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, holder),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter.OriginalDefinition, holder.OriginalDefinition),
                IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } own => SymbolEqualityComparer.Default.Equals(own.Member.OriginalDefinition, holder.OriginalDefinition),
                _ => false,
            });
        }

        // The arguments of a call of an untraced method whose parameters the value it sets a member to is made from, each with
        // whether the method changes it on the way.
        static IEnumerable<(IOperation Value, bool Here, string? Why, bool Changed)> ArgumentsSetFrom(IInvocationOperation call, IMethodSymbol method, IParameterSymbol holderParameter,
            IOperation set, IOperation body, bool setAgain, string holder, string member)
        {
            var why = $"it is set in '{member}' of '{holder}' by '{method.Name}', which is not traced, where the compiler does not follow it; pass the value on through a local or an argument instead";
            foreach (var (parameter, asItIs) in ParametersReaching(set, body, method, 0).Where(p => !SymbolEqualityComparer.Default.Equals(p.Parameter, holderParameter)))
            {
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter?.OriginalDefinition.Ordinal != parameter.Ordinal || argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
                    // Set more than once there, the member may hold what another set made of it (`n.Text = n.Text + "?"`).
                    yield return (argument.Value, true, why, !asItIs || setAgain);
                }
            }
        }

        // The parameters of a method a value in its body may come from, directly or through its locals, each with whether the
        // value is the parameter as it is.
        static IEnumerable<(IParameterSymbol Parameter, bool AsItIs)> ParametersReaching(IOperation value, IOperation body, IMethodSymbol method, int followed)
        {
            if (followed > MaxLocals) yield break;
            var unwrapped = Unwrap(value);
            foreach (var operation in value.DescendantsAndSelf())
            {
                // A local, an `out` or `ref` parameter, or a field the method sets (`o = t; n.Text = o;`, `_last = t; n.Text = _last;`):
                // what it was set to; a `foreach` local, the elements of what it runs over.
                var kept = operation switch
                {
                    IParameterReferenceOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } byReference => byReference.Parameter,
                    ILocalReferenceOperation local => local.Local,
                    IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                    IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: var property } when GlueFlow.IsAutoProperty(property) => property,
                    _ => (ISymbol?)null,
                };
                if (operation is IParameterReferenceOperation { Parameter: var parameter } && parameter.RefKind != RefKind.Out
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method))
                {
                    yield return ((IParameterSymbol)parameter.OriginalDefinition, ReferenceEquals(operation, unwrapped));
                }

                if (kept is null || !MemberWrites.In(body).TryGetValue(kept, out var writes)) continue;
                var once = ReferenceEquals(operation, unwrapped) && writes.Count == 1;
                foreach (var write in writes.Where(w => w.Kind == MemberWrites.WriteKind.Assign || w is { Kind: MemberWrites.WriteKind.ElementOf, ThroughArguments: false }))
                {
                    var element = write.Kind == MemberWrites.WriteKind.ElementOf;
                    foreach (var (reached, asItIs) in ParametersReaching(write.Value, body, method, followed + 1)) yield return (reached, asItIs && once && !element);
                }
            }
        }

        // What a call or an assignment puts into an object (`source`, one of its arguments or the value set). Glue stored in a
        // framework collection is linked where it goes in, over the calls the compiler proves there; what it does not prove
        // says why itself, if it can.
        // `holderType`: the type of the object the call changes, when the write says which operand it is.
        void WalkPutInto(IOperation putting, IOperation source, string? reason, string? why, bool transformed, bool elementOf, ITypeSymbol? holderType)
        {
            var stored = elementOf && putting is IInvocationOperation { SemanticModel.Compilation: { } compilation } call && StoredGlue.Values(call, compilation).Any(a => ReferenceEquals(a.Value, source));
            var before = found.Count;
            // A collection whose elements become the holder's (`all.AddRange(some)`, `Array.Copy(some, all, n)`): its elements,
            // each keeping its identity.
            if (elementOf && !stored && putting is IInvocationOperation && holderType is not null && GlueFlow.ElementType(holderType) is { } element
                && source.Type is not null && (GlueFlow.ElementType(source.Type) ?? ChatResponseMessage(source.Type)) is { } added && IsOfType(added, element))
            {
                Walk(source, reason, transformed, elementOf: true);
                // Where the way to the source gave no reason, the way out of it is the reason.
                for (var i = before; i < found.Count && why is not null; i++)
                {
                    if (found[i].Item2.Length == 0) found[i] = (found[i].Item1, why);
                }

                return;
            }

            // A method of another type given the holder and a value of another type than its elements puts in something made
            // from that value (`history.AddMessages(update)`), not the value.
            var madeFrom = elementOf && putting is IInvocationOperation { Instance: null } && holderType is not null && GlueFlow.ElementType(holderType) is { } held
                && source.Type is not null && !IsOfType(source.Type, held) && !IsOfType(held, source.Type);
            Walk(source, stored ? reason : why, transformed || !elementOf || madeFrom, elementOf: madeFrom && IsCollection(source.Type));
            if (stored) ForgetStoredGlue(source, before, why);
        }

        // Of the producers found since `from`, forgets those the generator links where a call puts `source` into its collection
        // (StoredGlue), and gives the others the way they were stored as the reason where the path gave none.
        void ForgetStoredGlue(IOperation source, int from, string? stored)
        {
            if (found.Count == from) return;
            var flow = GlueFlow.Of(StoredGlue.Unconverted(source), c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes), CancellationToken.None);
            // No flow is claimed in the whole function: that is the reason.
            var why = (flow is null ? GlueFlow.UnclaimableBecause(source, CancellationToken.None) : null) ?? stored;
            for (var i = found.Count - 1; i >= from; i--)
            {
                if (flow is { IsDirect: false } && flow.AllProducers.Any(p => p.Syntax == found[i].Item1.Syntax)) found.RemoveAt(i);
                else if (found[i].Item2.Length == 0 && why is not null) found[i] = (found[i].Item1, why);
            }
        }

        // What a collection local held, found with no reason of its own, is lost because the local may have been changed where
        // the compiler does not follow it (GlueFlow.WholeChangedBecause): that is the reason.
        void ExplainUnfollowedChange(ILocalReferenceOperation read, int from)
        {
            if (found.Count > from && GlueFlow.WholeChangedBecause(read) is { } changed) Explain(from, changed);
        }

        // Gives `why` to what was found from `from` on with no reason of its own.
        void Explain(int from, string why)
        {
            for (var i = from; i < found.Count; i++)
            {
                if (found[i].Item2.Length == 0) found[i] = (found[i].Item1, why);
            }
        }

        // An element of a collection local filled in steps (GlueFlow.StoredAt): what was put at its key, else what it may be
        // (and why that is not exact). False when the element is not of such a local, and when the local may change where the
        // compiler does not follow it, with why (everything put in it is then lost for that reason).
        // `partOfElement`: a part of the element is sought, not the element itself.
        bool WalkStored(IOperation element, string? reason, bool transformed, bool partOfElement, out string? changedBecause)
        {
            if (GlueFlow.StoredAt(element, out changedBecause) is not { } stored || stored.Changed) return false;
            // Put by a call the generator intercepts, glue keeps its identity there: the collection's writes say so.
            if (!transformed && stored is { Values.Count: 1, ElementOf: null } && GlueFlow.IsPutByCall(stored.Values[0])) return false;
            foreach (var value in stored.Values) Walk(value, reason ?? changedBecause, transformed, elementOf: partOfElement);
            if (stored.ElementOf is { } collection) WalkElementsOf(collection, reason ?? changedBecause, transformed, partOfElement);
            return true;
        }

        // The item of a tuple written out where a local that is never set again, nor has an item set, was declared.
        IOperation? ItemMade(IOperation held, IFieldSymbol item) =>
            Unwrap(held) is ILocalReferenceOperation { Local: var local } && function is not null && Writes(root, local).Count == 1
                && GlueFlow.ValueSetOnce(local, function) is { } set ? TupleItem(set, item) : null;

        // The elements of a collection, as what an element read of it gives. When a part of that element is sought (the read is
        // reached for a member or an element of what it gives), what reaches the elements is not the value itself.
        void WalkElementsOf(IOperation collection, string? reason, bool transformed, bool partOfElement) =>
            InElementRead(deeper: partOfElement && pairParts == 0, pairPartsBelow: 0, () => Walk(collection, reason, transformed, elementOf: true));

        // Walks below an element read: `deeper` when it adds a level of parts of elements (see partsOfElements), with the count
        // of pair parts read on the way below it (see pairParts).
        void InElementRead(bool deeper, int pairPartsBelow, System.Action walk)
        {
            var pairPartsAbove = pairParts;
            pairParts = pairPartsBelow;
            if (deeper) partsOfElements++;
            try
            {
                walk();
            }
            finally
            {
                if (deeper) partsOfElements--;
                pairParts = pairPartsAbove;
            }
        }


        // What a builder's text is made of (TextBuilderCalls): what each call on it put in, what untraced methods of the project
        // it was given to put in, and for a local what it was made from. Where the builder is kept does not matter: its parts
        // link by their identity, so the way each went in is the reason, unless the text itself is changed on its way to the
        // call (`textChanged`, the reason then): no part is linked at all.
        void WalkBuilder(IOperation builder, string? textChanged)
        {
            var transformed = textChanged is not null;
            switch (Unwrap(builder))
            {
                case IInvocationOperation put when TextBuilderCalls.IsBuilder(put.Type) && put.Instance is { } into && TextBuilderCalls.IsBuilder(into.Type):
                    // `new StringBuilder().Append(a).Append(b)`: the builder, with what this call puts into it.
                    WalkPut(put, textChanged);
                    WalkBuilder(into, textChanged);
                    return;
                case IObjectCreationOperation creation when TextBuilderCalls.IsBuilder(creation.Type):
                    // A builder's starting text is not one of its parts: no interceptor sees a constructor.
                    foreach (var argument in creation.Arguments.Where(a => a.Value.Type?.SpecialType == SpecialType.System_String))
                    {
                        Walk(argument.Value, textChanged ?? "it is the starting text of a StringBuilder, which is not linked; append it instead", transformed: true, elementOf: false);
                    }

                    return;
            }

            if (KeptIn(builder) is not { } symbol)
            {
                Walk(builder, null, transformed, elementOf: true);
                return;
            }

            if (visitedBuilders.Count >= MaxLocals || !visitedBuilders.Add((symbol, transformed))) return;
            foreach (var call in root.Descendants().OfType<IInvocationOperation>())
            {
                if (call.Instance is not null && TextBuilderCalls.IsBuilder(call.Instance.Type) && SymbolEqualityComparer.Default.Equals(KeptIn(ChainRoot(call)), symbol)) WalkPut(call, textChanged);
                else if (!GlueLinkAnalyzer.IsTracedCallOf(call, attributes)) WalkHelperPuts(call, symbol, textChanged);
                else if (others is not null && methodDepth == 0 && (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition is var traced && others.BodyOf(traced) is { } tracedBody
                    && call.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(KeptIn(a.Value), symbol))?.Parameter is { } given
                    && PutsItsOwnMaking(tracedBody, given.OriginalDefinition, attributes, passedOnAsItIs: textChanged is null))
                {
                    found.Add((call, textChanged ?? MadeInside(traced.Name, symbol.Name)));
                }
            }

            // What it was made from or set to in this member; a field's or a property's, what other members put into it (the
            // traced calls they make; their parameters are their callers' to follow, as for any field).
            foreach (var write in Writes(root, symbol).Where(w => w.Kind == MemberWrites.WriteKind.Assign)) WalkBuilder(write.Value, textChanged);
            if (symbol is IFieldSymbol or IPropertySymbol && others is not null && methodDepth < MaxMethodDepth)
            {
                foreach (var put in others.PutsOn(symbol))
                {
                    if (ReferenceEquals(RootOf(put.Value), root)) continue;
                    foreach (var (producer, _) in PossibleProducers(put.Value, elements: false, attributes, objectChanges, changed: transformed || !put.Linkable, others, methodDepth + 1))
                    {
                        if (!transformed && put.Glued(producer)) continue;
                        found.Add((producer, textChanged ?? put.Reason));
                    }
                }
            }
        }

        // A builder given to an untraced method of the project (`AddDocs(prompt, docs)`): what it puts into it. A value it
        // changes on the way in, made from one of its parameters or from a traced call inside it, is not linked.
        void WalkHelperPuts(IInvocationOperation call, ISymbol builder, string? textChanged)
        {
            if (others is null || methodDepth >= MaxMethodDepth) return;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter || !SymbolEqualityComparer.Default.Equals(KeptIn(argument.Value), builder)) continue;
                foreach (var put in others.PutsInto(parameter))
                {
                    foreach (var (producer, _) in PossibleProducers(put.Value, elements: false, attributes, objectChanges, changed: textChanged is not null || !put.Linkable, others, methodDepth + 1))
                    {
                        if (textChanged is null && put.Glued(producer)) continue;
                        found.Add((producer, textChanged ?? put.Reason));
                    }

                    foreach (var (from, unchanged) in put.Parameters)
                    {
                        if (textChanged is null && put.Linkable && unchanged) continue;
                        foreach (var given in call.Arguments.Where(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, from)))
                        {
                            Walk(given.Value, textChanged ?? put.Reason, transformed: true, elementOf: false);
                        }
                    }
                }
            }
        }

        // What one call on a builder puts into it: the value of an intercepted put, linked by its identity when unchanged;
        // what any other member puts in (an interpolated Append, AppendFormat, AppendJoin, a substring) is new text.
        void WalkPut(IInvocationOperation call, string? textChanged)
        {
            var transformed = textChanged is not null;
            var name = KeptIn(ChainRoot(call))?.Name ?? "the StringBuilder";
            if (choices) AddDecidersOfPut(call, name);
            foreach (var put in BuilderPuts.Of(call))
            {
                // A cast to `object` or a base type keeps the value's identity, which is what links it.
                var value = put.Way == BuilderPuts.Way.Appended ? StoredGlue.Unconverted(put.Value) : put.Value;
                var why = textChanged ?? put.Way switch
                {
                    BuilderPuts.Way.Appended => $"what is put into '{name}' is not the result itself (it is changed, or read from it); only a result appended as it is links",
                    BuilderPuts.Way.Joined => $"what is joined into '{name}' is not the result itself (it is changed, or read from it); only a result joined as it is links",
                    BuilderPuts.Way.Interpolated => $"it is interpolated into '{name}', whose holes no interceptor sees; append it on its own (.Append(value))",
                    _ => $"it reaches '{name}' through {call.TargetMethod.Name}({string.Join(", ", call.TargetMethod.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)))}), which is not linked; put text or objects in with Append, AppendLine or Insert",
                };
                if (!transformed && put.Way == BuilderPuts.Way.Appended && call.SemanticModel is { } model && StoredGlue.Values(call, model.Compilation).Any(a => ReferenceEquals(a.Value, put.Value)))
                {
                    // Glue put in where the compiler proves its flow is recorded first, and the builder links it as a part.
                    var before = found.Count;
                    Walk(value, null, transformed, elementOf: put.Parts);
                    ForgetStoredGlue(put.Value, before, why);
                }
                else if (BuilderPuts.Links(put.Way)) Walk(value, why, transformed, elementOf: put.Parts);
                else Walk(value, why, transformed: true, elementOf: IsCollection(value.Type));
            }
        }

        // Why an element of a traced call's collection, or what was made from one, is not linked.
        string ElementReason(IInvocationOperation call, bool transformed) =>
            (LinkedElementTypes(call.Type) ?? IteratorElementTypes(call)) is null ? $"it is an element of the result of '{call.TargetMethod.Name}', which is linked as a whole"
            : !transformed && value.Type is { IsValueType: true } ? $"it is a value read from an element of the result of '{call.TargetMethod.Name}', which has no identity to be linked by at run time"
            : transformed ? $"it is made from an element of the result of '{call.TargetMethod.Name}'; only an element passed on unchanged is linked"
            : $"it is read from an element of the result of '{call.TargetMethod.Name}'; only an element passed on unchanged is linked";

        // An element of what the call made is what the lambda returned, or a dictionary's key or value is (`ToDictionary`).
        static bool IsPartOf(ITypeSymbol? returned, ITypeSymbol element) =>
            SymbolEqualityComparer.Default.Equals(element, returned)
            || (element is INamedTypeSymbol { Name: "KeyValuePair", TypeArguments.Length: 2 } pair && pair.TypeArguments.Any(t => SymbolEqualityComparer.Default.Equals(t, returned)));

        // What a lambda's or local function's parameter may be given: the matching argument where this member calls it (directly,
        // or through a delegate in a local), and where it is handed to other code, what that code was given besides it (the
        // collection `ForEach` or `Select` runs it over, the value `Apply(value, f)` passes it): a value of the parameter's
        // type, or a collection of them (then the parameter is one of its elements). Other arguments are not followed.
        IEnumerable<(IOperation Value, bool AsElement)> PassedTo(IParameterSymbol parameter)
        {
            var function = (IMethodSymbol)parameter.ContainingSymbol;
            foreach (var use in root.DescendantsAndSelf())
            {
                switch (use)
                {
                    case IInvocationOperation direct when SymbolEqualityComparer.Default.Equals(direct.TargetMethod.OriginalDefinition, function.OriginalDefinition):
                        foreach (var argument in direct.Arguments.Where(a => a.Parameter?.Ordinal == parameter.Ordinal)) yield return (argument.Value, false);
                        break;
                    case IAnonymousFunctionOperation lambda when SymbolEqualityComparer.Default.Equals(lambda.Symbol, function):
                    case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, function.OriginalDefinition):
                        foreach (var passed in HandedTo(use, parameter)) yield return passed;
                        break;
                }
            }
        }

        // A lambda or method group subscribed to an event or kept in a delegate-typed field or property (`Replied += s => ...`,
        // `OnReply = Handle`): what the invocations of that event or delegate in its type pass to the parameter. No edge
        // follows a value through a delegate, so only a traced call's result passed as it is keeps its link.
        void WalkRaised(IParameterSymbol parameter, IOperation? function, string? reason, bool transformed, bool elementOf)
        {
            if (function is null || others is null || methodDepth >= MaxMethodDepth) return;
            var at = function.Parent;
            while (at is IDelegateCreationOperation or IConversionOperation { IsImplicit: true } or IParenthesizedOperation) at = at.Parent;
            switch (at)
            {
                case IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Event: var raised } }:
                    WalkInvoked(raised, $"the event '{raised.Name}'");
                    return;
                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } kept }:
                    WalkInvoked(kept.Member, $"the delegate '{kept.Member.Name}'");
                    return;
                case IArgumentOperation { Parameter: { } handed, Parent: IInvocationOperation taker }
                    when others.BodyOf((taker.TargetMethod.ReducedFrom ?? taker.TargetMethod).OriginalDefinition) is { } body:
                    // A method of the project the handler is given to (`Subscribe(s => ...)`): where it invokes it, and the member
                    // it keeps it in (`_handlers.Add(handler)`, `_handler = handler`), invoked elsewhere.
                    var name = taker.TargetMethod.Name;
                    foreach (var operation in body.Descendants())
                    {
                        switch (operation)
                        {
                            case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } called } invoke when IsHanded(called):
                                WalkArguments(invoke, $"the method '{name}' it is given to");
                                break;
                            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } into, Value: var value } when IsHanded(value):
                                WalkInvoked(into.Member, $"the delegate '{into.Member.Name}' '{name}' keeps it in");
                                break;
                            case IInvocationOperation { Instance: IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } into } keeping when keeping.Arguments.Any(a => IsHanded(a.Value)):
                                WalkInvoked(into.Member, $"'{into.Member.Name}', where '{name}' keeps it");
                                break;
                        }
                    }

                    return;

                    bool IsHanded(IOperation value) => Unwrap(value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, handed.OriginalDefinition);
            }

            // The invocations, in the member's type, of a delegate read from it: directly (`Replied?.Invoke(s)`), or as an
            // element of it (`foreach (var h in _handlers) h(s)`).
            void WalkInvoked(ISymbol member, string through)
            {
                foreach (var (_, body) in others.BodiesUsing(member))
                {
                    var writes = MemberWrites.In(body);
                    foreach (var invoke in body.Descendants().OfType<IInvocationOperation>())
                    {
                        if (invoke.TargetMethod.MethodKind != MethodKind.DelegateInvoke) continue;
                        var read = SymbolEqualityComparer.Default.Equals(InvokedMember(invoke.Instance), member.OriginalDefinition)
                            || (invoke.Instance is { } instance && Unwrap(instance) is ILocalReferenceOperation element && writes.TryGetValue(element.Local, out var elementWrites)
                                && elementWrites.Any(w => w.Kind == MemberWrites.WriteKind.ElementOf && InvokedMember(w.Value) is { } collection && SymbolEqualityComparer.Default.Equals(collection, member.OriginalDefinition)));
                        if (read) WalkArguments(invoke, through);
                    }
                }
            }

            void WalkArguments(IInvocationOperation invoke, string through)
            {
                var why = reason ?? $"it reaches the handler through {through}, which no edge follows; raise it with a traced call's result as it is";
                foreach (var argument in invoke.Arguments.Where(a => a.Parameter?.Ordinal == parameter.Ordinal))
                {
                    foreach (var (producer, _) in PossibleProducers(argument.Value, elementOf, attributes, objectChanges, transformed, others, methodDepth + 1)) found.Add((producer, why));
                }
            }
        }

        // The event, field or property a delegate is invoked through: `Replied(s)`, `Replied?.Invoke(s)`, `OnReply.Invoke(s)`.
        static ISymbol? InvokedMember(IOperation? instance)
        {
            if (instance is IConditionalAccessInstanceOperation) instance = AccessPaths.ConditionalTarget(instance);

            return instance is null ? null : Unwrap(instance) is IMemberReferenceOperation { Member: IEventSymbol or IFieldSymbol or IPropertySymbol } reference ? reference.Member.OriginalDefinition : null;
        }

        IEnumerable<(IOperation Value, bool AsElement)> HandedTo(IOperation function, IParameterSymbol parameter)
        {
            var at = function.Parent;
            while (at is IDelegateCreationOperation or IConversionOperation { IsImplicit: true } or IParenthesizedOperation) at = at.Parent;
            if (at is IArgumentOperation { Parent: IInvocationOperation taker } handed)
            {
                var others = taker.Arguments.Where(a => !ReferenceEquals(a, handed)).Select(a => a.Value);
                if (taker.Instance is { } instance) others = others.Prepend(instance);
                foreach (var other in others)
                {
                    if (other.Type is not { } type) continue;
                    if (IsOfType(type, parameter.Type)) yield return (other, false);
                    else if (GlueFlow.ElementType(type) is { } element && IsOfType(element, parameter.Type)) yield return (other, true);
                }
            }
            else if (DelegateLocal(at) is { } local)
            {
                foreach (var invoke in root.Descendants().OfType<IInvocationOperation>())
                {
                    if (invoke.TargetMethod.MethodKind != MethodKind.DelegateInvoke || invoke.Instance is null) continue;
                    if (Unwrap(invoke.Instance) is not ILocalReferenceOperation called || !SymbolEqualityComparer.Default.Equals(called.Local, local)) continue;
                    foreach (var argument in invoke.Arguments.Where(a => a.Parameter?.Ordinal == parameter.Ordinal)) yield return (argument.Value, false);
                }
            }
        }

        // The traced calls a condition that decides whether a value is put into a collection, a builder or text added to in a loop
        // read (`foreach (var d in docs) if (Score(d) > 1) kept.Add(d);`): the generator links a decision of a traced call or of a
        // value a local is set to, not of a put. Not those the value put is made from (`if (s.Length > 0) notes.Add(s)`).
        void AddPutDeciders(MemberWrites.Write write, ISymbol symbol)
        {
            var put = write switch
            {
                { Kind: MemberWrites.WriteKind.AddsTo, ThroughArguments: true, Value: IInvocationOperation call } when !GlueLinkAnalyzer.IsTracedCallOf(call, attributes) => (IOperation)call,
                { Value: ICompoundAssignmentOperation compound } when MemberWrites.InALoopItOutlives(compound, symbol) => compound,
                // A local a loop sets on a condition (`if (s > bestScore) { bestScore = s; bestIndex = i; }`): the last step that held keeps it.
                { Kind: MemberWrites.WriteKind.Assign, Value: var assigned } when symbol is ILocalSymbol && assigned.Parent is ISimpleAssignmentOperation && MemberWrites.InALoopItOutlives(assigned, symbol) => assigned,
                _ => null,
            };
            if (put is not null) AddDecidersOfPut(put, symbol.Name);
        }

        void AddDecidersOfPut(IOperation put, string holder)
        {
            if (methodDepth >= MaxMethodDepth) return;
            var conditions = ControlReads.Conditions(put).Where(c => c.IsTest).Select(c => c.Value).ToList();
            // A `for` loop's step runs after each test of the body that may leave the loop said it does not: those decide where it stops.
            if (put is IIncrementOrDecrementOperation { Parent: IExpressionStatementOperation { Parent: IForLoopOperation stepped } statement } && stepped.AtLoopBottom.Contains(statement))
            {
                conditions.AddRange(ControlReads.LeavingTests(stepped));
            }

            if (conditions.Count == 0) return;
            var putValues = put switch
            {
                IInvocationOperation putting => putting.Arguments.Select(a => a.Value),
                ICompoundAssignmentOperation compound => [compound.Value],
                IIncrementOrDecrementOperation => [],
                _ => [put],
            };
            var makers = putValues.SelectMany(v => PossibleProducers(v, elements: false, attributes, objectChanges: false, changed: true, others, methodDepth + 1)).Select(p => p.Producer).ToList();
            var madeFrom = new HashSet<SyntaxNode>(makers.Select(p => p.Syntax));
            var how = put switch
            {
                IInvocationOperation { TargetMethod.Name: var name } => $"'{name}' puts a value into '{holder}'",
                ICompoundAssignmentOperation => $"a value is added to '{holder}'",
                IIncrementOrDecrementOperation => $"a loop steps '{holder}'",
                _ => $"a loop sets '{holder}'",
            };
            var why = $"it decides whether {how}, a choice no edge follows; choose the values in a [Traced] method (List<string> Relevant(string[] docs)), or test each where it is used";
            // A condition that decides the value's own use too (a guard before both) is linked there.
            decidingUse ??= ControlReads.Conditions(value);
            foreach (var condition in conditions)
            {
                if (decidingUse.Any(c => ReferenceEquals(c.Value, condition))) continue;
                // A traced call the condition decides made the value (`if (IsRelevant(d)) notes.Add(Summarize(d))`): its node has the decision.
                if (makers.Any(m => ControlReads.Conditions(m).Any(c => ReferenceEquals(c.Value, condition)))) continue;
                foreach (var (decider, _) in PossibleProducers(condition, elements: false, attributes, objectChanges: false, changed: true, others, methodDepth + 1))
                {
                    if (!madeFrom.Contains(decider.Syntax)) putDeciders.Add((decider, why));
                }
            }
        }

        // The traced calls in the lambdas a collection's read is given that choose among its elements, with why no edge follows them.
        // Only a predicate's or a key's: the lambdas of LINQ's filters, picks and sorts, and of a list's Find; not one that makes
        // the elements (SelectMany's).
        void AddChoosers(IInvocationOperation picker)
        {
            if (!ChoosesByLambda(picker.TargetMethod)) return;
            foreach (var argument in picker.Arguments)
            {
                if (Unwrap(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }) continue;
                // The code a filter decides for each element it lets through (LinqPredicates): linked there when the predicate is one expression.
                var followed = LinqPredicates.IsOneExpression(lambda);
                var region = LinqPredicates.DecidedBy(lambda);
                if (followed && region is not null && region.Syntax.SyntaxTree == value.Syntax.SyntaxTree && region.Syntax.Span.Contains(value.Syntax.Span)) continue;
                var name = picker.TargetMethod.Name;
                var why = (LinqPredicates.IsFilter(picker), region is not null, followed) switch
                {
                    _ when GroupsByKey(picker.TargetMethod) => $"it decides under which key '{name}' puts each element, and no edge follows that choice to the element read back by its key; choose the element in a [Traced] method",
                    _ when InPlaceChoices.Removes(picker) => $"it decides which elements '{name}' removes, and no edge follows that choice to what stays; filter where the elements are used (foreach (var d in docs.Where(...))), or choose them in a [Traced] method",
                    (true, true, false) => $"it decides which elements '{name}' lets through, in a predicate of more than one statement, which is not followed; write the predicate as one expression (d => IsRelevant(d))",
                    (true, true, true) => $"it decides which elements '{name}' lets through, and the element is used after the code the filter runs for it (the loop's body, the Select's selector), where its check is no longer known; make the call there",
                    (true, false, _) => $"it decides which elements '{name}' lets through, and a list or a sort made of them before they are used runs every check first, so no element's own check is known; filter where the elements are used (foreach (var d in docs.Where(...)), or .Select after the filter), or choose them in a [Traced] method",
                    _ => $"it decides which elements '{name}' picks or in which order, and no edge follows a choice between elements; choose them in a [Traced] method (string Best(string[] items) => items.MaxBy(i => Score(i)))",
                };
                // The calls it makes, and the results what it returns was made from (`x => x.Score` over pairs a Select made
                // with `Score(c)`, `kv => kv.Value` over a dictionary of scores).
                foreach (var chooser in lambda.Descendants().OfType<IInvocationOperation>())
                {
                    if (GlueLinkAnalyzer.IsTracedCallOf(chooser, attributes)) choosers.Add((chooser, why));
                }

                // Not a result that is the element itself (`d => d.Length` over drafts): the pick is that result, linked by identity.
                if (methodDepth >= MaxMethodDepth || lambda.Symbol.Parameters.FirstOrDefault() is not { } element) continue;
                foreach (var returned in ReturnsIn(lambda))
                {
                    foreach (var (chooser, _) in PossibleProducers(returned.ReturnedValue!, elements: false, attributes, objectChanges: false, changed: true, others, methodDepth + 1))
                    {
                        if (KnownTypes.Awaited(chooser.TargetMethod.ReturnType) is not { } made || !IsOfType(made, element.Type)) choosers.Add((chooser, why));
                    }
                }
            }
        }

        // The traced calls the index of an element read is computed from, or decided by (`docs[bestIndex]` after an argmax loop): the
        // generator links those its flow proves, which the report leaves out as linked.
        void AddIndexChoosers(IEnumerable<IOperation> indices)
        {
            if (methodDepth >= MaxMethodDepth) return;
            foreach (var index in indices)
            {
                if (index.ConstantValue.HasValue) continue;
                foreach (var (chooser, why) in PossibleProducers(index, elements: false, attributes, objectChanges: false, changed: true, others, methodDepth + 1, choices: true))
                {
                    choosers.Add((chooser, why.Length > 0 ? why : "it is in the index that picks the element, which the compiler cannot follow"));
                }
            }
        }

        // Whether an indexer reads a value by its key: a dictionary's or a lookup's, not a list's by its place.
        static bool IsReadByKey(INamedTypeSymbol type) => type.Name is "Dictionary" or "IDictionary" or "IReadOnlyDictionary" or "ILookup" or "Lookup" or "SortedDictionary" or "ConcurrentDictionary";

        // Whether an element reference is where a value is stored (`builder[i] = c`), not an element read.
        static bool IsAssignedTo(IOperation reference) => reference.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference);

        // Whether the lambdas a collection's read is given choose among its elements (a predicate, a key): LINQ's filters, picks and
        // sorts, a list's Find, and what removes or sorts elements in place (RemoveAll, RemoveWhere, Sort); not one that makes
        // the elements (Select's, SelectMany's).
        static bool ChoosesByLambda(IMethodSymbol method) =>
            method.Name is "DistinctBy" or "Find" or "FindLast" or "FindAll" || InPlaceChoices.Is(method) || GroupsByKey(method)
            || method.Name != "Select" && (ElementMoves.Is(method) || Pickers.Is(method));

        // LINQ's methods that put each element under the key a lambda makes (`ToDictionary(d => Classify(d))`).
        static bool GroupsByKey(IMethodSymbol method) => method.Name is "ToDictionary" or "ToLookup" or "GroupBy" && IsLinq(method);

        // The sequence `Enumerable.OfType<T>` or `Enumerable.Cast<T>` reads: its result's elements are some of that sequence's.
        static IOperation? NarrowedSource(IInvocationOperation call) =>
            call.TargetMethod is { Name: "OfType" or "Cast", IsExtensionMethod: true } method && IsLinq(method) && call.Arguments.Length == 1
                ? Unwrap(call.Arguments[0].Value)
                : null;

        static bool IsLinq(IMethodSymbol method) => method.ContainingType.Name == "Enumerable" && GlueFlow.IsFramework(method.ContainingType, "System.Linq");

        // Whether a lambda given to the call returns values of the collection's element type: it makes the elements (a
        // projection), where a predicate or a key (`Where`, `MaxBy`) only chooses among them.
        static bool Projects(IInvocationOperation call, IOperation source) =>
            GlueFlow.ElementType(source.Type!) is { } element && call.Arguments.Any(a =>
                a.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.ReturnType: var returned } } && IsOfType(returned, element));

        // The local a lambda is stored in (`Action<string> act = s => ...;`, or assigned later).
        static ILocalSymbol? DelegateLocal(IOperation? at) => at switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };

        static bool IsOfType(ITypeSymbol type, ITypeSymbol parameterType) =>
            SymbolEqualityComparer.Default.Equals(type, parameterType) || IsBaseOf(parameterType, type);


        // The values returned by the lambda or local function that `call` invokes, when this member declares it.
        List<IOperation> Bodies(IInvocationOperation call)
        {
            IOperation? body = null;
            if (call.TargetMethod.MethodKind == MethodKind.LocalFunction)
            {
                body = LocalFunctionIn(root, call.TargetMethod);
            }
            else if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && call.Instance is { } invoked)
            {
                return [.. DelegateReturns(invoked)];
            }

            return body is null ? [] : [.. ReturnsIn(body).Select(r => r.ReturnedValue!)];
        }

        // What a delegate may return when it is invoked: what the lambdas it may be return, here or in another member, or the
        // local function or the untraced method of the project it was made from.
        IEnumerable<IOperation> DelegateReturns(IOperation invoked)
        {
            if (Unwrap(invoked) is IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } })
            {
                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    return LocalFunctionIn(root, method) is { } local ? ReturnsIn(local).Select(r => r.ReturnedValue!) : [];
                }

                // A traced method's group is OPTO003's: its calls through the delegate are not traced.
                return others is null || attributes.IsTracedOrOverridesTraced(method.OriginalDefinition) ? [] : others.ReturnsOf(method);
            }

            return LambdasIn(invoked, asElement: false, 0).SelectMany(ReturnsIn).Select(r => r.ReturnedValue!);
        }

        // A value in this member is walked here; one in another member's body (a lambda kept in a field, returned by a method)
        // is followed in that member.
        void WalkReturned(IOperation returned, string why, bool transformed, bool elementOf)
        {
            if (ReferenceEquals(RootOf(returned), root)) Walk(returned, why, transformed, elementOf);
            else if (others is not null && methodDepth < MaxMethodDepth)
            {
                foreach (var (producer, _) in PossibleProducers(returned, elementOf, attributes, objectChanges, transformed, others, methodDepth + 1)) found.Add((producer, why));
            }
        }

        // The lambdas a delegate invoked here may be: what a local was set to, what is passed to a parameter of a lambda or local
        // function of this member (`fs.Select(f => f())`), and the elements of a collection of them written here.
        IEnumerable<IAnonymousFunctionOperation> LambdasIn(IOperation value, bool asElement, int followed)
        {
            if (followed > MaxLocals) yield break;
            switch (Unwrap(value))
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } when !asElement:
                    yield return lambda;
                    break;
                case IAnonymousFunctionOperation lambda when !asElement:
                    yield return lambda;
                    break;
                case ILocalReferenceOperation local:
                    // What it was set to; a loop's variable, an element of what it runs over; a collection, what was added to it.
                    foreach (var write in Writes(root, local.Local))
                    {
                        var given = write switch
                        {
                            { Kind: MemberWrites.WriteKind.Assign } => [(write.Value, asElement)],
                            { Kind: MemberWrites.WriteKind.ElementOf, ThroughArguments: false } when !asElement => [(write.Value, true)],
                            { Kind: MemberWrites.WriteKind.AddsTo, ThroughArguments: true, Value: IInvocationOperation add } when asElement => add.Arguments.Select(a => (a.Value, false)),
                            _ => Enumerable.Empty<(IOperation, bool)>(),
                        };
                        foreach (var (source, element) in given)
                        {
                            foreach (var lambda in LambdasIn(source, element, followed + 1)) yield return lambda;
                        }
                    }

                    break;
                case IConditionalOperation { WhenFalse: { } whenFalse } choice:
                    foreach (var lambda in LambdasIn(choice.WhenTrue, asElement, followed + 1).Concat(LambdasIn(whenFalse, asElement, followed + 1))) yield return lambda;
                    break;
                case ISwitchExpressionOperation switched:
                    foreach (var lambda in switched.Arms.SelectMany(a => LambdasIn(a.Value, asElement, followed + 1))) yield return lambda;
                    break;
                case IConditionalAccessInstanceOperation placeholder when AccessOf(placeholder) is { } access:
                    // `f?.Invoke()`: the delegate the access tests.
                    foreach (var lambda in LambdasIn(access.Operation, asElement, followed + 1)) yield return lambda;
                    break;
                case IArrayElementReferenceOperation element when !asElement:
                    foreach (var lambda in LambdasIn(element.ArrayReference, asElement: true, followed + 1)) yield return lambda;
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } when !asElement:
                    foreach (var lambda in LambdasIn(indexed, asElement: true, followed + 1)) yield return lambda;
                    break;
                case IInvocationOperation { Arguments.Length: > 0 } moved when ElementMoves.Is(moved.TargetMethod) || Pickers.Is(moved.TargetMethod):
                    // `fs.First()`, `fs.Where(...)`: the elements of the sequence, one or a sequence of them.
                    var picksOne = !IsCollection(moved.Type);
                    if (!asElement || !picksOne)
                    {
                        foreach (var lambda in LambdasIn(moved.Arguments[0].Value, asElement: true, followed + 1)) yield return lambda;
                    }

                    break;
                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } maker }:
                    // `make()()`: what the lambdas it may be return.
                    foreach (var lambda in LambdasIn(maker, asElement: false, followed + 1).SelectMany(ReturnsIn).SelectMany(r => LambdasIn(r.ReturnedValue!, asElement, followed + 1)))
                    {
                        yield return lambda;
                    }

                    break;
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction } } parameter } when !asElement:
                    foreach (var (passed, element) in PassedTo(parameter))
                    {
                        foreach (var lambda in LambdasIn(passed, element, followed + 1)) yield return lambda;
                    }

                    break;
                case IArrayCreationOperation { Initializer: { } initializer } when asElement:
                    foreach (var element in initializer.ElementValues)
                    {
                        foreach (var lambda in LambdasIn(element, asElement: false, followed + 1)) yield return lambda;
                    }

                    break;
                case ICollectionExpressionOperation collection when asElement:
                    foreach (var element in collection.Elements)
                    {
                        foreach (var lambda in LambdasIn(element, asElement: false, followed + 1)) yield return lambda;
                    }

                    break;
                case IFieldReferenceOperation { Field: { ContainingType.IsTupleType: true } item, Instance: ILocalReferenceOperation tupleHeld }:
                    // `t.F()` of `var t = (F: () => Write(x), N: 1)`: the item of each tuple written out that the local is set to.
                    foreach (var write in Writes(root, tupleHeld.Local).Where(w => w.Kind == MemberWrites.WriteKind.Assign))
                    {
                        if (TupleItem(write.Value, item) is not { } madeItem) continue;
                        foreach (var lambda in LambdasIn(madeItem, asElement, followed + 1)) yield return lambda;
                    }

                    break;
                case IMemberReferenceOperation { Member: var kept, Instance: null or IInstanceReferenceOperation }
                    when kept is IFieldSymbol || kept is IPropertySymbol { IsIndexer: false } property && GlueFlow.IsAutoProperty(property):
                    // A field or an auto-property: what this member and the type's others set it to (`_f = () => Write(x)`,
                    // `_maker = s => Write(s)` in the constructor).
                    var keptValues = Writes(root, kept).Where(w => w.Kind == MemberWrites.WriteKind.Assign).Select(w => w.Value)
                        .Concat(others is null ? [] : others.WritesOf(kept).Where(w => !ReferenceEquals(RootOf(w), root)));
                    foreach (var written in keptValues)
                    {
                        foreach (var lambda in LambdasIn(written, asElement, followed + 1)) yield return lambda;
                    }

                    break;
                case IMemberReferenceOperation { Member: var setMember, Instance: { } setOn } when setMember is IFieldSymbol or IPropertySymbol { IsIndexer: false } && KeptIn(setOn) is { } holder:
                    // A member of an object in a local or a parameter: what it was set to (`new Holder { F = () => Write(x) }`).
                    foreach (var (set, _, _, _) in MemberSets(holder, setMember, transformed: false))
                    {
                        foreach (var lambda in LambdasIn(set, asElement, followed + 1)) yield return lambda;
                    }

                    break;
                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.Ordinary } maker when others is not null && !GlueLinkAnalyzer.IsTracedCallOf(maker, attributes):
                    // `MakeF(x)()`: what an untraced method of the project returns.
                    foreach (var returned in others.ReturnsOf(maker.TargetMethod))
                    {
                        foreach (var lambda in LambdasIn(returned, asElement, followed + 1)) yield return lambda;
                    }

                    break;
                case IObjectCreationOperation { Initializer: { } initializer } when asElement:
                    // `new List<Func<T>> { ... }` adds them; `new Dictionary<string, Func<T>> { ["a"] = ... }` sets them.
                    var put = initializer.Initializers.SelectMany(i => i switch
                    {
                        IInvocationOperation add => add.Arguments.Select(a => a.Value),
                        ISimpleAssignmentOperation set => [set.Value],
                        _ => [],
                    });
                    foreach (var added in put)
                    {
                        foreach (var lambda in LambdasIn(added, asElement: false, followed + 1)) yield return lambda;
                    }

                    break;
            }
        }
    }

    /// <summary>The returns of a method, lambda or local function that give a value (not those of the functions inside it).</summary>
    public static IEnumerable<IReturnOperation> ReturnsIn(IOperation function) =>
        function.Descendants().OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null && ReferenceEquals(GlueFlow.EnclosingFunction(r), function));

    // The values a member of the object `holder` keeps is set to in `body` (`holder.Member = value`); a generic method's sets
    // count for every type it is called with.
    private static IEnumerable<IOperation> SetsIn(IOperation body, ISymbol holder, ISymbol member) =>
        MemberWrites.In(body).TryGetValue(holder, out var writes)
            ? writes.Where(w => !w.ThroughArguments && w.Kind == MemberWrites.WriteKind.AddsTo && w.Member is not null
                && SymbolEqualityComparer.Default.Equals(w.Member.OriginalDefinition, member.OriginalDefinition)).Select(w => w.Value)
            : [];

    // The changes in place a method makes to a member of its parameter (`n.Text += t`), each the compound assignment itself.
    private static IEnumerable<IOperation> ChangesIn(IOperation body, IParameterSymbol parameter, ISymbol member) =>
        body.Descendants().OfType<ICompoundAssignmentOperation>().Where(c => c.Target is IMemberReferenceOperation { Instance: IParameterReferenceOperation owner } target
            && SymbolEqualityComparer.Default.Equals(owner.Parameter.OriginalDefinition, parameter.OriginalDefinition)
            && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member.OriginalDefinition));

    // Whether `done` (the value of a set, or a call) is a statement of its own in the block of its function's body that runs
    // before the statement holding `read`: then every path to the read runs it first.
    private static bool SurelyBefore(IOperation done, IOperation read)
    {
        if (OwnStatement(done) is not { } own || TopStatement(own) is not { Parent: IBlockOperation block } statement || !IsFunctionBody(block)) return false;
        var readStatement = read;
        while (readStatement.Parent is { } parent && !ReferenceEquals(parent, block)) readStatement = parent;
        return ReferenceEquals(readStatement.Parent, block) && block.Operations.IndexOf(statement) < block.Operations.IndexOf(readStatement);
    }

    // Whether the set `done` runs whenever its function is called: a statement of the function's own body with no return,
    // jump or label before it.
    private static bool RunsOnEveryCall(IOperation done, IOperation body)
    {
        // A statement of the method's own body: not of a lambda or a local function in it, which may not run.
        if (OwnStatement(done) is not { } own || TopStatement(own) is not { Parent: IBlockOperation { Parent: IMethodBodyOperation or IConstructorBodyOperation } block } statement
            || !ReferenceEquals(RootOf(block), RootOf(body)) || !ReferenceEquals(GlueFlow.EnclosingFunction(done), block.Parent)) return false;
        // Nothing before it may leave the method or jump: no statement before, nor what comes before it in a block it is nested in.
        return block.Operations.TakeWhile(o => !ReferenceEquals(o, statement)).Append(statement)
            .All(o => !o.DescendantsAndSelf().Any(d => d is IReturnOperation or IBranchOperation { BranchKind: not (BranchKind.Break or BranchKind.Continue) } or ILabeledOperation
                && d.Syntax.SpanStart < own.Syntax.SpanStart
                && ReferenceEquals(GlueFlow.EnclosingFunction(d), GlueFlow.EnclosingFunction(block))));
    }

    // The statement that is only `done`: a call (`Set(n, t);`, `await SetAsync(n, t);`, `_ = Set(n, t);`) or a set (`n.Text = t;`,
    // of which `done` is the value). Null when `done` is part of something else.
    private static IOperation? OwnStatement(IOperation done)
    {
        var at = done;
        if (at.Parent is ISimpleAssignmentOperation set && ReferenceEquals(set.Value, at)) at = set;
        if (at.Parent is IConversionOperation { IsImplicit: true } conversion) at = conversion;
        if (at.Parent is IAwaitOperation awaited) at = awaited;
        if (at.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discarded) at = discarded;
        return at.Parent is IExpressionStatementOperation statement ? statement : null;
    }

    // The statement of the function's body that holds `statement` when nothing between them can skip it: a block, the body
    // of a `using` or a `lock` (whose resource or lock is taken first, and a failure there leaves the method), or a `finally`.
    // Null for one in a branch, a loop, a `try` block or a `catch`, or anything else.
    private static IOperation? TopStatement(IOperation statement)
    {
        var at = statement;
        while (at.Parent is IBlockOperation block && !IsFunctionBody(block))
        {
            at = block.Parent switch
            {
                IBlockOperation => block,
                IUsingOperation used when ReferenceEquals(used.Body, block) => used,
                ILockOperation locked when ReferenceEquals(locked.Body, block) => locked,
                ITryOperation attempt when ReferenceEquals(attempt.Finally, block) => attempt,
                _ => null!,
            };
            if (at is null) return null;
        }

        return at.Parent is IBlockOperation ? at : null;
    }

    private static bool IsFunctionBody(IBlockOperation block) =>
        block.Parent is IMethodBodyOperation or IConstructorBodyOperation or ILocalFunctionOperation or IAnonymousFunctionOperation;

    // The item of a tuple written out (`(F: () => Write(x), N: 1)`) that a read of `item` reads, or null for any other value.
    private static IOperation? TupleItem(IOperation value, IFieldSymbol item)
    {
        if (Unwrap(value) is not ITupleOperation { Type: INamedTypeSymbol tuple } made) return null;
        // By position (`Item1`): the tuple written out and the local may name their items differently, or the same in other places.
        var position = (item.CorrespondingTupleField ?? item).Name;
        for (var i = 0; i < tuple.TupleElements.Length && i < made.Elements.Length; i++)
        {
            if ((tuple.TupleElements[i].CorrespondingTupleField ?? tuple.TupleElements[i]).Name == position) return made.Elements[i];
        }

        return null;
    }

    /// <summary>The declaration of the local function <paramref name="method"/> in the member whose operation tree <paramref name="root"/> is, or null.</summary>
    public static ILocalFunctionOperation? LocalFunctionIn(IOperation root, IMethodSymbol method) =>
        root.Descendants().OfType<ILocalFunctionOperation>().FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, method.OriginalDefinition));

    /// <summary>The conditional access whose tested value a placeholder stands for (`f` of `f?.Invoke()`), or null.</summary>
    public static IConditionalAccessOperation? AccessOf(IConditionalAccessInstanceOperation placeholder)
    {
        for (var at = placeholder.Parent; at is not null; at = at.Parent)
        {
            if (at is IConditionalAccessOperation access) return access;
        }

        return null;
    }

    public static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is not null) operation = operation.Parent;
        return operation;
    }

    // The values a local or field of this member is given: its initializer and the right-hand sides of assignments.
    private static IReadOnlyList<MemberWrites.Write> Writes(IOperation root, ISymbol symbol) =>
        MemberWrites.In(root).TryGetValue(symbol, out var values) ? values : [];


    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    // Whether a function jumps with `goto`, asked for every write of its locals: kept with the function.
    private static readonly ConditionalWeakTable<IOperation, StrongBox<bool>> s_jumps = new();
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, List<(IInvocationOperation, IParameterSymbol)>>> s_given = new();

    // The calls of a member that are given one of its locals, parameters or fields, by what they are given: asked for each
    // value followed, so read once per member.
    private static Dictionary<ISymbol, List<(IInvocationOperation Call, IParameterSymbol Parameter)>> GivenIn(IOperation root) => s_given.GetValue(root, static r =>
    {
        var given = new Dictionary<ISymbol, List<(IInvocationOperation, IParameterSymbol)>>(SymbolEqualityComparer.Default);
        foreach (var call in r.Descendants().OfType<IInvocationOperation>())
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is not { } parameter || KeptIn(argument.Value) is not { } holder) continue;
                if (!given.TryGetValue(holder, out var calls)) given[holder] = calls = [];
                calls.Add((call, parameter));
            }
        }

        return given;
    });
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, ITryOperation>> s_caught = new();
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, bool>> s_onlyLinkedResults = new();

    // Whether every value a member gives the symbol, read back unchanged, adds no producer: a traced call's reference-typed
    // result (linked by its identity; under implicit conversions, parentheses and awaits, as the walk passes them), a
    // parameter of the member (its callers' to follow) or a literal.
    private static bool OnlyLinkedResults(IOperation root, ISymbol symbol, TraceAttributes attributes)
    {
        var known = s_onlyLinkedResults.GetValue(root, static _ => new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default));
        lock (known)
        {
            if (known.TryGetValue(symbol, out var only)) return only;
            var writes = Writes(root, symbol);
            only = writes.Count > 0 && writes.All(w => w is { Kind: MemberWrites.WriteKind.Assign, ThroughArguments: false } && GlueFlow.Unwrap(w.Value) switch
            {
                IInvocationOperation { Type.IsValueType: false } call => GlueLinkAnalyzer.IsTracedCallOf(call, attributes),
                IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not (MethodKind.LambdaMethod or MethodKind.LocalFunction) } } => true,
                ILiteralOperation or IDefaultValueOperation => true,
                _ => false,
            });
            known[symbol] = only;
            return only;
        }
    }

    // The exception variables of a member's catch clauses, with their try statements: asked at every local a walk meets,
    // so read once per member.
    private static Dictionary<ILocalSymbol, ITryOperation> CaughtIn(IOperation root) => s_caught.GetValue(root, static r =>
    {
        var caught = new Dictionary<ILocalSymbol, ITryOperation>(SymbolEqualityComparer.Default);
        foreach (var clause in r.Descendants().OfType<ICatchClauseOperation>())
        {
            if (clause is not { ExceptionDeclarationOrExpression: IVariableDeclaratorOperation, Parent: ITryOperation attempt }) continue;
            foreach (var local in clause.Locals) caught[local] = attempt;
        }

        return caught;
    });

    // Whether a write of a local can run before a read of it: it comes first in the code (a read inside the value written, as
    // in `t = Summarize(t) + "!"`, is made before the write), or a loop holds both, or either is in a lambda or local
    // function (which may run at any time), or the function jumps with `goto`.
    // Why a local set more than once holds a value no call is claimed for: the branch it was set in, when the compiler follows them.
    private static string AssignedMoreThanOnce(ISymbol symbol, IOperation? usedAt, TraceAttributes attributes) =>
        usedAt is ILocalReferenceOperation read && GlueFlow.UnchosenBecause(read, c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes)) is { } because
            ? because
            : AssignedMoreThanOnce(symbol.Name);

    /// <summary>The reason given for a local or member set more than once where no branch rule says more.</summary>
    public static string AssignedMoreThanOnce(string name) => $"'{name}' is assigned more than once, so which call's result it holds is decided at run time";

    private static bool MayRunBefore(IOperation write, IOperation read)
    {
        if (write.Syntax.SpanStart < read.Syntax.SpanStart && !write.Syntax.Span.Contains(read.Syntax.Span)) return true;
        var function = GlueFlow.EnclosingFunction(read);
        if (function is null || !ReferenceEquals(GlueFlow.EnclosingFunction(write), function)) return true;
        if (s_jumps.GetValue(function, f => new StrongBox<bool>(f.Descendants().Any(o => o is IBranchOperation { BranchKind: BranchKind.GoTo }))).Value) return true;
        for (var at = read.Parent; at is not null && !ReferenceEquals(at, function); at = at.Parent)
        {
            if (at is ILoopOperation loop && loop.Syntax.Span.Contains(write.Syntax.Span)) return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="method"/> is <c>StringBuilder.AppendJoin</c> over strings, whose parts the builder's text links.</summary>
    public static bool JoinsText(IMethodSymbol method) =>
        Combiners.AppendsToBuilder(method) && Combiners.Of(method) is { } join && PartType(method.Parameters[join.PartsIndex].Type)?.SpecialType == SpecialType.System_String;

    // The type of the parts of a combiner: an array's, a sequence's or a span's elements.
    private static ITypeSymbol? PartType(ITypeSymbol parts) =>
        parts is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span ? span.TypeArguments[0] : GlueFlow.ElementType(parts);

    // Why what a builder holds is lost when its text is changed on its way to the call (`prompt.ToString().Trim()`).
    private static string TextChanged(IOperation builder) =>
        $"the text of {(KeptIn(builder) is { } symbol ? $"'{symbol.Name}'" : "a StringBuilder")} is changed before it is passed on; only the text ToString() returns is linked";

    // Where a builder or a collection is kept, when it is this member's to follow: a local (also one an `out var` declares),
    // a parameter, or a field or auto-property of this object or a static one.
    // Whether a method's body puts into its parameter's object (or a member's) anything but a traced call's result as it is (`into.Text = ...`,
    // `into.Add(Prompt + doc)` into a collection of the project's own), or glue it stores where the compiler proves its flow
    // (`into.Add($"[{Summarize(t)}]")`, linked to the calls it was made from, as in any method).
    private static bool PutsItsOwnMaking(IOperation body, ISymbol holder, TraceAttributes attributes, bool passedOnAsItIs, bool membersApart = false)
    {
        if (!MemberWrites.In(body).TryGetValue(holder, out var writes)) return false;
        bool IsTraced(IInvocationOperation call) => GlueLinkAnalyzer.IsTracedCallOf(call, attributes);
        // What the method adds to a list or a builder it is given, whichever way, is linked to its call as the call completes,
        // where the object or its elements are passed on as they are; what it sets on a member of an object it is given is not.
        var filled = passedOnAsItIs && holder is IParameterSymbol { Type: var type } && FilledArguments.MayFill(type);
        // A member set on an element (`into[0].Text = s`) is not an element the runtime sees added.
        foreach (var write in writes.Where(w => w.Kind == MemberWrites.WriteKind.AddsTo && !(filled && w.Member is null && w.Value.Parent is not IAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false } })
            && !(membersApart && w.Member is not null)))
        {
            var put = write is { ThroughArguments: true, Value: IInvocationOperation call } ? call : null;
            var values = put is null ? [write.Value] : put.Arguments.Select(a => a.Value).Where(a => !ReferenceEquals(a, write.HeldBy));
            foreach (var value in values)
            {
                if (IsResultAsItIs(value, attributes)) continue;
                if (put is { SemanticModel.Compilation: { } compilation } && StoredGlue.Values(put, compilation).Any(a => ReferenceEquals(a.Value, value))
                    && GlueFlow.Of(StoredGlue.Unconverted(value), IsTraced, CancellationToken.None) is { } stored && (stored.Producers.Count > 0 || stored.Chained is { Count: > 0 }))
                {
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    // Whether a value is a traced call's result as it is (under implicit conversions, parentheses and awaits), which its
    // identity links wherever it is kept.
    private static bool IsResultAsItIs(IOperation value, TraceAttributes attributes) =>
        Unwrap(value) is IInvocationOperation made && GlueLinkAnalyzer.IsTracedCallOf(made, attributes);

    // Whether a member of a generic container of another library (not a collection: those have their own rules) hands back a
    // value of its type argument, awaited or not (`ChannelReader<T>.ReadAsync`, `TaskCompletionSource<T>.Task`), or, with
    // `carried`, an object typed by it (`Channel<T>.Reader`).
    private static bool GivesBackTypeArgument(ITypeSymbol? container, ITypeSymbol? returned, bool carried = false)
    {
        if (container is not INamedTypeSymbol { IsGenericType: true, DeclaringSyntaxReferences.Length: 0 } generic || returned is null || IsCollection(container)) return false;
        var value = KnownTypes.Awaited(returned) ?? returned;
        return generic.TypeArguments.Any(t => Same(t, value) || carried && value is INamedTypeSymbol { IsGenericType: true } holder && holder.TypeArguments.Any(h => Same(h, t)));

        static bool Same(ITypeSymbol a, ITypeSymbol b) =>
            SymbolEqualityComparer.Default.Equals(a.WithNullableAnnotation(NullableAnnotation.None), b.WithNullableAnnotation(NullableAnnotation.None));
    }

    // The traced call `value` is an argument of, as it is.
    private static IMethodSymbol? ConsumerOf(IOperation value) =>
        value.Parent is IArgumentOperation { Parent: IInvocationOperation call } ? (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition : null;

    // The members of the object passed as `value` that the traced method it is given reads in its body or the helpers it gives
    // it to (ParameterReads), with whether it reaches the object otherwise (a method of it, code it does not follow, a lambda),
    // which may read any member, and every member it reads, linked or not (not one it only sets or adds to). A parameter that
    // cannot be watched (a struct, an interface, one set in the body) reads nothing the runtime links.
    private static (HashSet<ISymbol> Members, bool Escapes, HashSet<ISymbol> Referenced)? ReadByConsumer(IOperation value, TraceAttributes attributes, OtherMembers others)
    {
        if (value.Parent is not IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation call } || !GlueLinkAnalyzer.IsTracedCallOf(call, attributes)
            || call.TargetMethod.ReducedFrom is not null || value.Type is not { IsReferenceType: true })
        {
            return null;
        }

        var method = call.TargetMethod.OriginalDefinition;
        if (others.BodyOf(method) is not { } body) return null;
        var declared = method.Parameters[parameter.Ordinal];
        if (ParameterReads.Of(method, body, others.BodyOf).FirstOrDefault(u => SymbolEqualityComparer.Default.Equals(u.Parameter, declared)) is not { Parameter: not null } usage)
        {
            return (new HashSet<ISymbol>(SymbolEqualityComparer.Default), true, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
        }

        return (new HashSet<ISymbol>(usage.Reads.Select(r => r.Member.OriginalDefinition), SymbolEqualityComparer.Default), !usage.OnlyMembers,
            new HashSet<ISymbol>(usage.Referenced, SymbolEqualityComparer.Default));
    }

    internal static ISymbol? KeptIn(IOperation? operation) => operation is null ? null : Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null or IInstanceReferenceOperation } property => property.Property,
        _ => null,
    };

    // The builder a chain of calls starts from (`sb` in `sb.Append(a).Append(b)`), also through `?.`.
    internal static IOperation? ChainRoot(IInvocationOperation call)
    {
        var instance = call.Instance;
        while (true)
        {
            switch (instance)
            {
                case IInvocationOperation { Instance: { } inner } chained when TextBuilderCalls.IsBuilder(chained.Type):
                    instance = inner;
                    continue;
                case IConditionalAccessInstanceOperation placeholder:
                    // The `?.` whose null-checked branch holds the placeholder: its receiver is the builder so far.
                    instance = AccessPaths.ConditionalTarget(placeholder);
                    continue;
                default:
                    return instance;
            }
        }
    }

    private static bool IsCollection(ISymbol? symbol) => IsCollection(TypeOf(symbol));

    // The type of what a local, a parameter, a field or a property holds.
    private static ITypeSymbol? TypeOf(ISymbol? symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => null,
    };

    private static bool IsCollection(ITypeSymbol? type) => type is not null && GlueFlow.ElementType(type) is not null;

    // A local declared by a `foreach` that takes each element apart (`foreach (var (text, score) in drafts)`): of an element
    // that is a tuple or a pair (`pairs`), whose items are linked as elements are, or of any other.
    private static bool DeconstructedFrom(ISymbol symbol, IReadOnlyList<MemberWrites.Write> writes, bool pairs) => ElementTakenApart(symbol, writes) == pairs;

    // Of such a local: true when the element is a tuple or a pair, false for any other element, null when it is no such local.
    private static bool? ElementTakenApart(ISymbol symbol, IReadOnlyList<MemberWrites.Write> writes) =>
        symbol is ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local && local.DeclaringSyntaxReferences[0] is var declared
        && declared.GetSyntax().FirstAncestorOrSelf<ForEachVariableStatementSyntax>() is { } loop && loop.Variable.Span.Contains(declared.Span)
        && writes.Where(w => w is { Kind: MemberWrites.WriteKind.ElementOf, ThroughArguments: false }).Select(w => w.Value).FirstOrDefault() is { } collection
        && Unwrap(collection).Type is { } type && GlueFlow.ElementType(type) is { } element
            ? IsPair(element)
            : null;

    private static bool IsPair(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsTupleType: true } or INamedTypeSymbol { Name: "KeyValuePair", Arity: 2, ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace.Name: "System" } } };

    // The reference types of the elements the runtime links to a traced call that returned them: those of a materialized
    // collection (an array, a list, a set: what holds its elements, not a lazy sequence, and not a collection class of the
    // program's, which tracing never enumerates), a generic dictionary's keys and values, or a tuple's items, awaited if
    // the call is async.
    // Null for anything else.
    private static IReadOnlyList<ITypeSymbol>? LinkedElementTypes(ITypeSymbol? type)
    {
        type = KnownTypes.Awaited(type);
        if (ChatResponseMessage(type) is { } message) return ChatMessageContent(message) is { } content ? [message, content] : [message];
        // A tuple of values only has no element to link by identity.
        if (type is INamedTypeSymbol { IsTupleType: true } tuple) return tuple.TupleElements.Select(e => e.Type).Where(t => !t.IsValueType).ToList() is { Count: > 0 } items ? items : null;
        if (type is null || type.SpecialType == SpecialType.System_String || StoredCollections.NeverRead(type)) return null;
        var interfaces = type.AllInterfaces.Add(type as INamedTypeSymbol ?? type.BaseType!);
        // A dictionary's keys and values are linked as a list's elements are, the framework's own dictionaries' (read at run time).
        if (interfaces.FirstOrDefault(i => i?.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>") is { } dictionary)
        {
            return dictionary.TypeArguments.Where(t => !t.IsValueType).ToList() is { Count: > 0 } parts ? parts : null;
        }

        if (interfaces.Any(i => i?.OriginalDefinition.ToDisplayString() is "System.Collections.IDictionary")) return null;
        if (GlueFlow.ElementType(type) is not { IsValueType: false } element) return null;
        var materialized = type is IArrayTypeSymbol || interfaces.Any(i => i?.OriginalDefinition.ToDisplayString() is
            "System.Collections.ICollection" or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IReadOnlyCollection<T>");
        return materialized ? [element] : null;
    }

    // The message type of a chat response (Microsoft.Extensions.AI's ChatResponse, or a type derived from it): the runtime
    // links the messages a traced call's response holds as a returned list's elements. Null for any other type.
    private static ITypeSymbol? ChatResponseMessage(ITypeSymbol? type) =>
        ChatType(type) is { Name: "ChatResponse" } response && response.GetMembers("Messages").OfType<IPropertySymbol>().FirstOrDefault() is { } messages
            ? GlueFlow.ElementType(messages.Type)
            : null;

    // The nearest of a type and its base types that is one of Microsoft.Extensions.AI's chat types (ChatResponse, ChatMessage,
    // ChatResponseUpdate), or null.
    private static INamedTypeSymbol? ChatType(ITypeSymbol? type)
    {
        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (t is { Name: "ChatResponse" or "ChatMessage" or "ChatResponseUpdate", Arity: 0, ContainingNamespace: { Name: "AI", ContainingNamespace: { Name: "Extensions", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } } } }) return t;
        }

        return null;
    }

    // A member of a chat response, message or update (Microsoft.Extensions.AI) other than the ones whose elements the runtime
    // links: a response's `Messages`, a message's or an update's `Contents`. Its elements (`AdditionalProperties.Values`) are not.
    private static bool IsUnlinkedChatPart(ITypeSymbol? owner, ISymbol member) => ChatType(owner)?.Name switch
    {
        "ChatResponse" => member.Name != "Messages",
        "ChatMessage" or "ChatResponseUpdate" => member.Name != "Contents",
        _ => false,
    };

    // The content type of a chat message (Microsoft.Extensions.AI's AIContent): the runtime links the contents of a response's
    // messages too, so that a tool call the model asked for (`FunctionCallContent`) is linked to the turn that asked for it.
    private static ITypeSymbol? ChatMessageContent(ITypeSymbol message) =>
        message.GetMembers("Contents").OfType<IPropertySymbol>().FirstOrDefault() is { } contents ? GlueFlow.ElementType(contents.Type) : null;

    // A value of a class derived from an element's (`OfType<FunctionCallContent>()`, `content is FunctionCallContent call`): the
    // element itself, since the path to it kept the element's identity. Not for elements typed `object` or by an interface,
    // whose every member would pass for one.
    private static bool IsNarrowed(ITypeSymbol element, ITypeSymbol sought) =>
        element is { TypeKind: TypeKind.Class, SpecialType: not SpecialType.System_Object } && IsBaseOf(element, sought);

    // The reference type of the elements of a traced iterator's sequence (a method with `yield return`, sync or async): the
    // runtime links each to the call as the caller reads it. Null for any other call.
    private static IReadOnlyList<ITypeSymbol>? IteratorElementTypes(IInvocationOperation call)
    {
        if (call.Type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } sequence || sequence.TypeArguments[0] is not { IsValueType: false } element
            || sequence.OriginalDefinition.ToDisplayString() is not ("System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.IAsyncEnumerable<T>"))
        {
            return null;
        }

        if (!GlueFlow.IsIterator((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition)) return null;
        // A streamed reply's update: its contents are linked too (the tool call the model asked for).
        return ChatUpdateContent(element) is { } content ? [element, content] : [element];
    }

    // The content type of Microsoft.Extensions.AI's ChatResponseUpdate (or a type derived from it); null for any other type.
    private static ITypeSymbol? ChatUpdateContent(ITypeSymbol type) => ChatType(type) is { Name: "ChatResponseUpdate" } update ? ChatMessageContent(update) : null;

    // Whether a value of one type can be an object of the other: the same type, a base and a derived one, an interface and a
    // type that is not sealed, or types the compiler cannot tell apart (type parameters, object, dynamic).
    private static bool MayBeSameObject(ITypeSymbol? one, ITypeSymbol? other) =>
        one is null || other is null || IsOpen(one) || IsOpen(other) || SymbolEqualityComparer.Default.Equals(one, other) || IsBaseOf(one, other) || IsBaseOf(other, one)
        || one.TypeKind == TypeKind.Interface && !other.IsSealed || other.TypeKind == TypeKind.Interface && !one.IsSealed;

    private static bool IsOpen(ITypeSymbol type) =>
        type is ITypeParameterSymbol or IDynamicTypeSymbol or IErrorTypeSymbol || type.SpecialType == SpecialType.System_Object;

    private static bool IsBaseOf(ITypeSymbol sought, ITypeSymbol element)
    {
        for (var t = element.BaseType; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, sought)) return true;
        }

        return element.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, sought));
    }
}
