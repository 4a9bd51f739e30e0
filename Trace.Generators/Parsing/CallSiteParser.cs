using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Finds calls of traced methods and describes each as plain data. A call of a shape the generator cannot
/// intercept safely yields nothing (the call then simply runs untraced), so generated code always compiles.
/// </summary>
/// <remarks>
/// One parser reads every call of a compilation: what it learns about a call (is it intercepted, where) and about a
/// function (which calls' results flow into others) is asked again by the calls around it, so it is kept for the run.
/// Without that, each call asked the same of every other call of its function: quadratic in a function's calls.
/// </remarks>
internal sealed class CallSiteParser
{
    private readonly Compilation _compilation;
    private readonly SemanticModels _models;
    private readonly CancellationToken _cancellationToken;
    private readonly TracedNames? _tracedNames;
    private readonly Dictionary<SyntaxNode, SemanticModel> _memberModels = new();
    private readonly Dictionary<SyntaxNode, Target?> _targets = new();
    private readonly Dictionary<IOperation, HashSet<SyntaxNode>> _glueProducers = new();
    private readonly Dictionary<IOperation, HashSet<SyntaxNode>> _chainedProducers = new();
    private readonly Dictionary<IOperation, GlueFlow.Flow?> _flows = new();
    private readonly Dictionary<IOperation, IReadOnlyList<(IOperation Condition, GlueFlow.Flow Flow)>> _decidingFlows = new();
    private readonly Dictionary<SyntaxNode, bool> _membersCallingTraced = new();
    private readonly ConcurrentDictionary<ISymbol, EquatableArray<WatchedMemberSpec>?> _watched;

    private CallSiteParser(Compilation compilation, TracedNames? tracedNames, ConcurrentDictionary<ISymbol, EquatableArray<WatchedMemberSpec>?> watched, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _watched = watched;
        _models = SemanticModels.ForCalls(compilation);
        _cancellationToken = cancellationToken;
        _tracedNames = tracedNames;
    }

    /// <summary>Whether a node may be a call the generator intercepts, by its syntax alone.</summary>
    private static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax };

    /// <summary>
    /// The intercepted calls of the compilation, one list per file (empty when a file has none), ordered by file and
    /// position: an edit in one file leaves the other files' lists equal to what they were.
    /// </summary>
    /// <remarks>
    /// Files are read in parallel when the compilation allows a concurrent build (the compiler's default): what one
    /// call's reading reuses from another's is always within its own function, so each file has a parser of its own.
    /// </remarks>
    public static FileCallSites[] Parse(Compilation compilation, CancellationToken cancellationToken)
    {
        var tracedNames = TracedNames.Of(compilation, cancellationToken);
        UninterceptedEntries.BindWith(compilation, tree => SemanticModels.SharedModel(compilation, tree));
        var trees = compilation.SyntaxTrees.OrderBy(t => t.FilePath, System.StringComparer.Ordinal).ToArray();
        var files = new FileCallSites[trees.Length];
        // What a traced method's body adds to or sets is read once, for the calls of every file.
        var watched = new ConcurrentDictionary<ISymbol, EquatableArray<WatchedMemberSpec>?>(SymbolEqualityComparer.Default);
        Concurrently.For(compilation, trees.Length, i => files[i] = new CallSiteParser(compilation, tracedNames, watched, cancellationToken).ParseTree(trees[i]), cancellationToken);
        return files;
    }

    private FileCallSites ParseTree(SyntaxTree tree)
    {
        var sites = new List<CallSiteSpec>();
        List<StoreSiteSpec>? stores = null;
        foreach (var node in tree.GetRoot(_cancellationToken).DescendantNodes())
        {
            if (!IsCandidate(node)) continue;
            var invocation = (InvocationExpressionSyntax)node;
            if (Describe(invocation) is { } site) sites.Add(site);
            else if (StoredGlue.MayBe(TracedNames.InvokedName(invocation)) && DescribeStore(invocation) is { } store) (stores ??= []).Add(store);
        }

        return sites.Count == 0 && stores is null
            ? FileCallSites.Empty
            : new FileCallSites(sites.ToEquatableArray(), stores?.ToEquatableArray() ?? EquatableArray<StoreSiteSpec>.Empty);
    }

    // A call that puts glue over traced calls into a framework collection or a StringBuilder (StoredGlue). Only a member that
    // makes a traced call can hold one: others are not bound for it.
    private StoreSiteSpec? DescribeStore(InvocationExpressionSyntax invocation)
    {
        if (!MemberCallsTracedNames(invocation)) return null;
        var model = ModelFor(invocation);
        if (model.GetOperation(invocation, _cancellationToken) is not IInvocationOperation call) return null;
        var values = new List<StoredValueSpec>();
        foreach (var argument in StoredGlue.Values(call, _compilation))
        {
            if (StoredFlowOf(argument) is not { } flow) continue;
            var sources = flow.Sources(ProducerTag).ToEquatableArray();
            if (sources.Count > 0) values.Add(new StoredValueSpec(argument.Parameter!.Ordinal, flow.Expression, sources));
        }

        var method = call.TargetMethod;
        if (values.Count == 0 || GlueCallSiteParser.InterceptableLocation(invocation, model, _cancellationToken) is not { } location) return null;
        return new StoreSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            location.Version,
            location.Data,
            CallPlace.InFile(location.GetDisplayLocation()),
            method.ContainingType.Qualified(),
            method.Name,
            method.Parameters.Select(p => new StoreParameterSpec(p.Type.Qualified(), p.Name)).ToEquatableArray(),
            method.ReturnsVoid ? "void" : method.ReturnType.Qualified(),
            GlueCallSiteParser.ReceiverName(invocation, "item"),
            values.ToEquatableArray(),
            StoredGlue.BuilderMethod(method) ?? "");
    }

    // The glue a value put into a collection or a builder is, judged as the value itself under casts; null when it is not glue.
    private GlueFlow.Flow? StoredFlowOf(IArgumentOperation stored) => FlowOf(StoredGlue.Unconverted(stored.Value)) is { IsDirect: false } flow ? flow : null;

    // Whether the member an invocation is written in calls a method by the name of a traced one (a producer must be there).
    private bool MemberCallsTracedNames(InvocationExpressionSyntax invocation)
    {
        if (_tracedNames is null) return true;
        var member = (SyntaxNode?)invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? invocation.SyntaxTree.GetRoot(_cancellationToken);
        if (!_membersCallingTraced.TryGetValue(member, out var calls))
        {
            _membersCallingTraced[member] = calls = member.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => _tracedNames.All.Contains(TracedNames.InvokedName(i)));
        }

        return calls;
    }

    /// <summary>An intercepted call as the calls around it need it: its symbols, its operation and its location.</summary>
    private sealed record Target(
        IMethodSymbol Called,
        IMethodSymbol CalledDefinition,
        IMethodSymbol Definition,
        IMethodSymbol Method,
        IInvocationOperation Operation,
        SemanticModel Model,
        string LocationData,
        int LocationVersion,
        string LocationDisplay,
        ReturnKind ReturnKind,
        string ResultType,
        bool Generic);

    /// <summary>The call, when the generator intercepts it; null otherwise. Asked once per call and run.</summary>
    private Target? TargetOf(InvocationExpressionSyntax invocation)
    {
        if (!_targets.TryGetValue(invocation, out var target)) _targets[invocation] = target = FindTarget(invocation);
        return target;
    }

    private Target? FindTarget(InvocationExpressionSyntax invocation)
    {
        // Most calls of a project are not of traced methods: their names say so without binding them.
        if (_tracedNames is not null && !_tracedNames.All.Contains(TracedNames.InvokedName(invocation))) return null;
        var model = ModelFor(invocation);
        if (model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol called) return null;

        var calledDefinition = (called.ReducedFrom ?? called).OriginalDefinition;
        var definition = InterceptionRule.TracedDefinition(calledDefinition, Symbols.IsTracedMethod);
        if (definition is null) return null;
        if (model.GetOperation(invocation, _cancellationToken) is not IInvocationOperation operation) return null;
        var verdict = InterceptionRule.Judge(operation, _compilation, Symbols.IsTracedMethod);
        if (!verdict.IsIntercepted) return null;

#pragma warning disable RSEXPERIMENTAL002 // Interceptable locations are stable in Roslyn 4.14.
        var location = model.GetInterceptableLocation(invocation, _cancellationToken);
#pragma warning restore RSEXPERIMENTAL002
        if (location is null) return null;

        if (ExtensionMembers.InterceptedForm(called) is not { } method) return null;
        var (returnKind, resultType) = ClassifyReturn(method.ReturnType, method.ReturnsVoid);
        return new Target(called, calledDefinition, definition, method, operation, model, location.Data, location.Version, location.GetDisplayLocation(), returnKind, resultType, verdict.IsGeneric);
    }

    // One model per member, so that its body is bound once: with nullable analysis only when one of its calls may reach a
    // traced method whose type arguments the compiler can infer (a generic method, or a method of a generic type).
    private SemanticModel ModelFor(InvocationExpressionSyntax invocation)
    {
        var member = invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (member is null) return _models.WithFlowNullability(invocation.SyntaxTree);
        if (_memberModels.TryGetValue(member, out var model)) return model;
        var inferred = _tracedNames is null || member.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => _tracedNames.Generic.Contains(TracedNames.InvokedName(i)));
        model = inferred ? _models.WithFlowNullability(invocation.SyntaxTree) : _models.For(invocation.SyntaxTree);
        _models.NoteBinding(member, model);
        return _memberModels[member] = model;
    }

    private static string PassedBy(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.Ref => "ref",
        RefKind.In => "in",
        _ => "ref readonly",
    };

    private CallSiteSpec? Describe(InvocationExpressionSyntax invocation)
    {
        if (TargetOf(invocation) is not { } target) return null;
        var (called, calledDefinition, definition, method, operation, model) = (target.Called, target.CalledDefinition, target.Definition, target.Method, target.Operation, target.Model);
        var compilation = _compilation;
        var conditionalSymbols = CallPlace.DefinedConditionalSymbols(method, invocation.SyntaxTree);
        // An extension block's instance member is intercepted as the extension method that implements it.
        var invocationKind = called.ReducedFrom is not null || ExtensionMembers.Receiver(called) is not null ? InvocationKind.ReducedExtension
            : method.IsStatic ? InvocationKind.Static : InvocationKind.Instance;
        var viaUnsafeAccessor = !ProjectAccess.Allows(calledDefinition, compilation);
        // A generic interceptor is written from the method's declaration; the compiler passes it the call's type arguments.
        var generic = target.Generic;
        var typeParameters = generic ? GenericInterception.TypeParameters(method) : [];
        var signature = generic ? method.OriginalDefinition : method;
        var receiverType = invocationKind == InvocationKind.Instance ? signature.ContainingType : null;
        var (returnKind, resultType) = generic ? ClassifyReturn(signature.ReturnType, signature.ReturnsVoid) : (target.ReturnKind, target.ResultType);

        var handOffs = AllowsHandOffs(invocation);
        var named = new List<ISymbol>();
        var parameters = signature.Parameters.Select(p =>
        {
            // What the call sets in an `out` parameter is its output, not an input: it has no value before the call.
            if (KnownTypes.IsCancellationToken(p.Type) || p.RefKind == RefKind.Out)
            {
                return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.NotRecorded, null, ContextCollector.DynamicallyAccessedMembers(p.GetAttributes()));
            }

            var argument = CallArgument.For(operation, p);
            if (argument is not null && (argument.Kind == ArgumentKind.DefaultValue || argument.Value.ConstantValue.HasValue))
            {
                return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.Constant, null, ContextCollector.DynamicallyAccessedMembers(p.GetAttributes()));
            }

            // An extension's receiver too (`Count(x).Doubled()`): it is evaluated first, as the first parameter would be.
            var feederTag = handOffs && argument is { Kind: ArgumentKind.Explicit, Value: IInvocationOperation { Syntax: InvocationExpressionSyntax inner } }
                ? HandOffTag(inner, model)
                : null;
            var attributes = ContextCollector.DynamicallyAccessedMembers(p.GetAttributes());
            // A params array's elements are the arguments written after the others: glue over them is glue over the array.
            var glue = feederTag is null && argument is { Kind: ArgumentKind.Explicit or ArgumentKind.ParamArray } && FlowOf(argument.Value) is { } flow
                ? new GlueSpec(flow.IsDirect, ParamsText(argument) ?? flow.Expression, flow.Sources(ProducerTag).ToEquatableArray(),
                    GlueReads(flow, argument.Value, operation, model, compilation, named, out var callerKey), callerKey)
                : null;
            if (glue is { IsDirect: false, Sources.Count: 0, Reads.Count: 0 }) glue = null;
            // Whether elements are linked one by one depends on the call's own types, whichever types the interceptor writes.
            if (feederTag is null && CollectionShapes.Of(method.Parameters[p.Ordinal].Type, compilation) is { } shape
                && (generic ? CollectionShapes.AsWritten(shape.Kind, p.Type, compilation) : (shape.Kind, shape.ElementTypes, false)) is var (kind, elementTypes, viewed))
            {
                return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.Value, null, attributes, kind, elementTypes, glue, viewed, Filled: !viewed && FilledArguments.MayFill(p.Type));
            }

            var filled = feederTag is null && FilledArguments.MayFill(p.Type);
            if (glue is not null) return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.Value, null, attributes, Glue: glue, Filled: filled);

            return new ParameterSpec(p.Name, p.Type.Qualified(), feederTag is null ? ArgumentSource.Value : ArgumentSource.TracedCall, feederTag, attributes, Filled: filled);
        }).Zip(signature.Parameters, (spec, p) => p.RefKind == RefKind.None ? spec : spec with { PassedBy = PassedBy(p.RefKind) }).ToEquatableArray();

        var controls = ControlsOf(operation, compilation, named);
        var feedTag = returnKind == ReturnKind.Value && method.ReturnType.IsValueType && FeedsTracedCall(invocation, model)
            ? target.LocationData
            : null;
        var span = CallPlace.InFile(target.LocationDisplay);
        // The interceptor names the method, its type, and the types of its signature: what the user's call compiled with, it needs too.
        var context = new ContextCollector().Add(signature).Add(signature.ReturnType);
        foreach (var parameter in signature.Parameters) context.Add(parameter.Type);
        foreach (var symbol in named) context.Add(symbol);
        // A generic interceptor repeats the constraints, and the types they name.
        foreach (var constraint in typeParameters.SelectMany(p => p.ConstraintTypes)) context.Add(constraint);

        var memorySafetyRules = CallPlace.UsesMemorySafetyRules(invocation.SyntaxTree);
        return new CallSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            target.LocationVersion,
            target.LocationData,
            span,
            definition.GetDocumentationCommentId() ?? definition.Name,
            method.Name,
            method.IsGenericMethod ? "<" + string.Join(", ", signature.TypeArguments.Select(t => t.Qualified())) + ">" : "",
            signature.ContainingType.Qualified(),
            invocationKind,
            receiverType?.Qualified(),
            receiverType?.IsValueType ?? false,
            receiverType is { IsValueType: true } && InterceptionRule.TakesReceiverByIn(method),
            viaUnsafeAccessor,
            parameters,
            signature.ReturnsVoid ? "void" : signature.ReturnType.Qualified(),
            returnKind,
            resultType,
            feedTag,
            // A call of a trainable method whose code may be replaced dispatches to the current implementation.
            SymbolEqualityComparer.Default.Equals(definition, calledDefinition) && CodeShape.IsSwappable(calledDefinition, compilation) && !viaUnsafeAccessor
                ? CodeShape.DelegateType(calledDefinition)
                : null,
            context.Requirements(method).ToSpec(),
            method.ReturnsVoid ? null : ContextCollector.DynamicallyAccessedMembers(method.GetReturnTypeAttributes(), "return: "),
            (conditionalSymbols ?? []).ToEquatableArray(),
            // Under the updated memory safety rules a method may require an unsafe context, which the user's call had.
            memorySafetyRules && ((CSharpCompilationOptions)compilation.Options).AllowUnsafe,
            memorySafetyRules,
            FeedsGlue(operation) ? ProducerTag(operation) : null,
            generic ? GenericInterception.TypeParameterList(typeParameters) : "",
            GenericInterception.ConstraintClauses(typeParameters),
            generic && viaUnsafeAccessor ? AccessorSpec(method, typeParameters) : null,
            viaUnsafeAccessor && method.IsStatic && method.ContainingType.IsStatic ? RuntimeTypeName(method.ContainingType.OriginalDefinition) : null,
            ReceiverOf(operation, invocationKind, receiverType),
            generic ? TypeParameterDeclarations(typeParameters) : "",
            WatchedBy(definition),
            controls,
            DecisionOf(operation));
    }

    /// <summary>
    /// The conditions that decide whether the call runs (<see cref="ControlReads.Conditions"/>) over traced results the flow
    /// proves exact (<see cref="GlueFlow"/>): the latest result of each producer in the current async flow is the one the
    /// condition read. Null when there are none.
    /// </summary>
    private DecisionSpec? DecisionOf(IInvocationOperation call)
    {
        var expressions = new List<string>();
        var sources = new List<string>();
        foreach (var (condition, flow) in DecidingFlows(call))
        {
            var before = sources.Count;
            foreach (var source in flow.Sources(ProducerTag))
            {
                if (!sources.Contains(source)) sources.Add(source);
            }

            // Outermost first, as they are written; a condition whose two operands each read a result, once.
            if (sources.Count > before && !expressions.Contains(condition.Syntax.ToString())) expressions.Insert(0, condition.Syntax.ToString());
        }

        // A catch runs because its try's traced call threw: the exception node that call left, when its latest call threw.
        foreach (var (clause, thrower) in CatchThrowers(call))
        {
            if (ProducerTag(thrower) is not { } tag || sources.Contains(GlueFlow.FailureMark + tag)) continue;
            sources.Add(GlueFlow.FailureMark + tag);
            expressions.Insert(0, GlueFlow.CatchHeader(clause));
        }

        return sources.Count == 0 ? null : new DecisionSpec(string.Join("; ", expressions), sources.ToEquatableArray());
    }

    // The flows of traced results into what decides whether the call runs, each condition with its own. A collection a loop runs
    // over counts only when it is a result itself: glue over results (`new[] { reply }`, `items.Select(...)`) may decide nothing
    // of how often the call runs. A tested value (ControlReads.Condition.IsTest) counts through glue too.
    // Found once per call: both the call's own site and the function's producers ask.
    private IReadOnlyList<(IOperation Condition, GlueFlow.Flow Flow)> DecidingFlows(IInvocationOperation call)
    {
        if (_decidingFlows.TryGetValue(call, out var found)) return found;
        var flows = new List<(IOperation Condition, GlueFlow.Flow Flow)>();
        foreach (var condition in ControlReads.Conditions(call))
        {
            if (condition.RerunBefore(call, _cancellationToken)) continue;
            foreach (var part in condition.Evaluated)
            {
                if (FlowOf(part) is { } flow && (flow.IsDirect || condition.IsTest)) flows.Add((condition.Value, flow));
            }
        }

        return _decidingFlows[call] = flows;
    }

    /// <summary>
    /// The [Trainable] members read where glue code decides whether the call runs (<see cref="ControlReads"/>) that the runtime
    /// can find again as the call starts: static ones, and those of <c>this</c> or of an object a path of fields that cannot
    /// change leads to from it (<see cref="GlueReadPaths"/>) when the call is made on <c>this</c>. Null in a traced method,
    /// whose call depends on all its body reads, and when there are none.
    /// </summary>
    private static EquatableArray<DependencySpec>? ControlsOf(IInvocationOperation call, Compilation compilation, List<ISymbol> named)
    {
        var reads = ControlReads.Of(ControlReads.Deciding(call), member => member.HasAttribute(Symbols.TrainableAttribute));
        if (reads.Count == 0 || call.OutermostMember() is IMethodSymbol caller && caller.IsTracedMethod()) return null;
        var onThis = call.Instance is IInstanceReferenceOperation;
        var controls = new List<DependencySpec>();
        foreach (var read in reads)
        {
            if (!read.Member.ContainingType.IsNameableFrom(compilation)) continue;
            if (read.Member.IsStatic || GlueReadPaths.OnThis(read) && onThis) controls.Add(Dependency(read.Member, null, named));
            else if (!GlueReadPaths.OnThis(read) && read.Instance is not null && GlueReadPaths.Of(read, call) is { } path && (onThis || GlueReadPaths.StartsStatic(path)))
            {
                controls.Add(Dependency(read.Member, path, named));
            }
        }

        return controls.Count == 0 ? null : controls.Distinct().ToEquatableArray();
    }

    // The members of its object, of the objects it is given, or static ones, the traced method adds to or sets (WatchedMembers),
    // and those of the objects it is given that it reads (ParameterReads), as the interceptor reads them.
    private EquatableArray<WatchedMemberSpec>? WatchedBy(IMethodSymbol definition) => _watched.GetOrAdd(definition, _ =>
    {
        if (DeclarationOf(definition) is not { } declaration || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body) return null;
        var changes = WatchedMembers.MayWatch(body, [.. declaration.ParameterList.Parameters.Select(p => p.Identifier.ValueText)]);
        var reads = ParameterReads.MayRead(declaration);
        if (!changes && !reads || BodyOf(declaration) is not { } operation) return null;
        IOperation? HelperBody(IMethodSymbol helper) => DeclarationOf(helper) is { } helperDeclaration ? BodyOf(helperDeclaration) : null;
        var watched = changes ? WatchedMembers.In(definition, operation, _compilation, HelperBody).Where(w => w.IsWatched).Select(Spec).ToList() : [];
        if (reads) watched.AddRange(ParameterReads.In(definition, operation, _compilation, HelperBody).SelectMany(u => u.Reads).Select(Spec));
        return watched.Count == 0 ? null : watched.ToEquatableArray();
    });

    // A method's declaration with its body (a partial method's implementation).
    private MethodDeclarationSyntax? DeclarationOf(IMethodSymbol method) =>
        (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();

    private IOperation? BodyOf(MethodDeclarationSyntax declaration) => _models.For(declaration.SyntaxTree).GetOperation(declaration, _cancellationToken);

    private static WatchedMemberSpec Spec(WatchedMembers.Watched watched) =>
        Spec(watched.Member, watched.Direct, watched.Kind == WatchedMembers.Kind.Filled, watched.Holder, isRead: false);

    private static WatchedMemberSpec Spec(ParameterReads.Read read) => Spec(read.Member, read.Direct, filled: false, read.Parameter, isRead: true);

    private static WatchedMemberSpec Spec(ISymbol member, bool direct, bool filled, IParameterSymbol? holder, bool isRead)
    {
        var (type, metadataName) = member is IPropertySymbol property
            ? (property.Type, property.GetMethod?.MetadataName ?? "get_" + property.MetadataName)
            : (((IFieldSymbol)member).Type, member.MetadataName);
        var accessor = direct ? null : member is IFieldSymbol ? "Field" : "Method";
        return new WatchedMemberSpec(member.Name, filled, member.IsStatic, member.ContainingType.Qualified(), type.Qualified(), accessor, metadataName, holder?.Name, isRead);
    }

    // A generic interceptor's type parameters as it declares them: each with the [DynamicallyAccessedMembers] of the parameter
    // it stands for, which the trimming analysis requires of any type argument passed on to that parameter.
    private static string TypeParameterDeclarations(IEnumerable<ITypeParameterSymbol> parameters) =>
        "<" + string.Join(", ", parameters.Select(p => ContextCollector.DynamicallyAccessedMembers(p.GetAttributes()) is { } members ? members + " " + p.Qualified() : p.Qualified())) + ">";

    // A method called on another object than `this` may be called on a traced call's result, which is then a parent: the
    // runtime finds its node by identity, as it does an argument's, or by the flow the compiler proved (a value type, or
    // an object reached from a result: `Load(path).Pages[0]`). Calls on `this` are the enclosing object's own work.
    private ReceiverSpec? ReceiverOf(IInvocationOperation operation, InvocationKind kind, ITypeSymbol? receiverType)
    {
        if (kind != InvocationKind.Instance || receiverType is null || LinkableReceiver(operation) is not { } instance) return null;
        var flow = FlowOf(instance);
        var sources = flow is null ? EquatableArray<string>.Empty : flow.Sources(ProducerTag).ToEquatableArray();
        var name = char.ToLowerInvariant(receiverType.Name[0]) + receiverType.Name.Substring(1);
        if (flow is not null && sources.Count > 0 && (!flow.IsDirect || receiverType.IsValueType))
        {
            return new ReceiverSpec(flow.IsDirect, name, flow.Expression, sources);
        }

        return receiverType.IsValueType ? null : new ReceiverSpec(false, name, "", EquatableArray<string>.Empty);
    }

    // An extension block member's receiver is an argument of the method the interceptor calls, linked as one.
    private static IOperation? LinkableReceiver(IInvocationOperation operation) =>
        operation.Instance is { } instance && !ExtensionMembers.IsExtensionMember(operation.TargetMethod) && GlueFlow.Unwrap(instance) is not IInstanceReferenceOperation ? instance : null;

    // The name UnsafeAccessorType resolves in the accessor's assembly: `N.Outer+Inner`1`, and for a generic type the
    // accessor class's type parameters as its arguments (`[[!0],[!1]]`), outermost first.
    private static string RuntimeTypeName(INamedTypeSymbol type)
    {
        var names = new List<string>();
        var arity = 0;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            names.Insert(0, current.MetadataName);
            arity += current.Arity;
        }

        var name = string.Join("+", names);
        if (!type.ContainingNamespace.IsGlobalNamespace) name = type.ContainingNamespace.ToDisplayString() + "." + name;
        return arity == 0 ? name : name + "[" + string.Join(",", Enumerable.Range(0, arity).Select(i => $"[!{i}]")) + "]";
    }

    private static string? ParamsText(CallArgument argument) =>
        argument is { Kind: ArgumentKind.ParamArray, Value: IArrayCreationOperation { Initializer: { } elements } }
            ? string.Join(", ", elements.ElementValues.Select(e => e.Syntax.ToString()))
            : null;

    // The runtime matches a generic accessor's class to the reached type's type parameters, and its method to the method's.
    private static GenericAccessorSpec AccessorSpec(IMethodSymbol method, IReadOnlyList<ITypeParameterSymbol> typeParameters)
    {
        var own = method.OriginalDefinition.TypeParameters;
        var types = typeParameters.Take(typeParameters.Count - own.Length).ToList();
        return new GenericAccessorSpec(
            types.Count == 0 ? "" : GenericInterception.TypeParameterList(types), GenericInterception.ConstraintClauses(types),
            own.IsEmpty ? "" : GenericInterception.TypeParameterList(own), GenericInterception.ConstraintClauses(own));
    }

    // The catches the call runs in whose try's body starts with its only traced call, with that call (GlueFlow.Thrower), where
    // the call's function keeps its activations apart (a re-entry's call could leave its exception in the slot otherwise).
    private IEnumerable<(ICatchClauseOperation Clause, IInvocationOperation Thrower)> CatchThrowers(IInvocationOperation call)
    {
        var isolated = (bool?)null;
        foreach (var clause in GlueFlow.CatchesAround(call))
        {
            if (GlueFlow.Thrower((ITryOperation)clause.Parent!, IsTracedCall) is not { } thrower) continue;
            if (!(isolated ??= GlueFlow.UnclaimableBecause(call, _cancellationToken) is null)) yield break;
            yield return (clause, thrower);
        }
    }

    private bool IsTracedCall(IInvocationOperation call) => call.Syntax is InvocationExpressionSyntax syntax && TargetOf(syntax)?.LocationData is not null;

    // A traced call, or a framework call whose interceptor leaves a node in a slot (FrameworkProducers).
    private bool IsProducer(IInvocationOperation call) => IsTracedCall(call) || FrameworkProducers.Is(call);

    // The slot a producer leaves its node in: its call's location, marked when a glue keeps all its results of a running call.
    // A combiner's or a picker's is never marked: no flow counts on its slot keeping the running call (FrameworkProducers).
    private string? ProducerTag(IInvocationOperation call) =>
        call.Syntax is not InvocationExpressionSyntax syntax ? null
        : TargetOf(syntax)?.LocationData is { } location ? (IsChained(call) ? GlueFlow.ChainMark + location : location)
        : FrameworkProducers.Is(call) ? GlueCallSiteParser.InterceptableLocation(syntax, call.SemanticModel!, _cancellationToken)?.Data
        : null;

    private bool IsChained(IInvocationOperation producer) =>
        GlueFlow.EnclosingFunction(producer) is { } function && GlueProducersOf(function) is not null && _chainedProducers[function].Contains(producer.Syntax);

    private GlueFlow.Flow? FlowOf(IOperation argumentValue)
    {
        if (!_flows.TryGetValue(argumentValue, out var flow)) _flows[argumentValue] = flow = GlueFlow.Of(argumentValue, IsProducer, _cancellationToken);
        return flow;
    }

    // Value types have no identity, but when a traced call's value-typed result is passed straight to another
    // traced call, the compiler knows the flow: the producer hands its node over on the same thread. That holds
    // only if nothing between them can switch threads (no await among the arguments) and the arguments are
    // evaluated in parameter order (no named arguments), so the hand-offs pair up like a stack.
    private static bool AllowsHandOffs(InvocationExpressionSyntax invocation) =>
        !invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null) &&
        !invocation.ArgumentList.DescendantNodes().Any(n => n is AwaitExpressionSyntax);

    /// <summary>The tag of <paramref name="inner"/> when it is an intercepted traced call that hands its value-typed result over.</summary>
    private string? HandOffTag(InvocationExpressionSyntax inner, SemanticModel model) =>
        TargetOf(inner) is { ReturnKind: ReturnKind.Value } producer && model.GetTypeInfo(inner, _cancellationToken).Type is { IsValueType: true }
            ? producer.LocationData
            : null;

    private bool FeedsTracedCall(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        // An argument, or the receiver of an extension (`Count(x).Doubled()`), whose interceptor takes it as its first argument.
        var consumer = invocation.Parent switch
        {
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } => call,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax call } access when access.Expression == invocation => call,
            _ => null,
        };
        if (consumer is null || !AllowsHandOffs(consumer) || TargetOf(consumer) is null) return false;
        return model.GetOperation(consumer, _cancellationToken) is IInvocationOperation operation &&
            CallArgument.All(operation).Any(a => a.Kind == ArgumentKind.Explicit && a.Value is IInvocationOperation { Syntax: var syntax } && syntax == invocation);
    }

    /// <summary>
    /// The [Trainable] members a glue expression reads that the runtime can find again: static ones, those of an object a
    /// static member leads to, and those of the glue's <c>this</c> or an object it leads to (<see cref="GlueReadPaths"/>) when
    /// the call is made on <c>this</c> (its receiver is the object) or from a traced method (whose running call knows it).
    /// </summary>
    /// <param name="named">The types and members the interceptor names to follow the paths.</param>
    private static EquatableArray<DependencySpec> GlueReads(GlueFlow.Flow flow, IOperation argument, IInvocationOperation consumer, SemanticModel model, Compilation compilation,
        List<ISymbol> named, out string? callerKey)
    {
        callerKey = null;
        var readable = new List<(IMemberReferenceOperation Read, AccessPaths.Path? Path)>();
        foreach (var read in flow.TrainableReads)
        {
            if (!read.Member.ContainingType.IsNameableFrom(compilation)) continue;
            if (read.Member.IsStatic || GlueReadPaths.OnThis(read)) readable.Add((read, null));
            else if (GlueReadPaths.Of(read, argument) is { } path) readable.Add((read, path));
        }

        if (readable.Any(NeedsThis) && consumer.Instance is not IInstanceReferenceOperation)
        {
            callerKey = consumer.OutermostMember() is IMethodSymbol { IsStatic: false } method && method.IsTracedMethod() && RunsInItsCall(consumer) ? method.GetDocumentationCommentId() : null;
            if (callerKey is null) readable.RemoveAll(NeedsThis); // the object cannot be found again
        }

        if (!readable.Any(NeedsThis)) callerKey = null;
        return readable.Select(r => Dependency(r.Read.Member, r.Path, named)).Distinct().ToEquatableArray();

        static bool NeedsThis((IMemberReferenceOperation Read, AccessPaths.Path? Path) read) =>
            read.Path is { } path ? !GlueReadPaths.StartsStatic(path) : !read.Read.Member.IsStatic;
    }

    /// <summary>
    /// Whether the call runs only within the running call of the method it is written in, whose object the runtime takes for
    /// the glue's: not in a lambda or local function that may be kept and run in another call of that method, on another object. A lambda
    /// handed straight to a method of the framework's (<c>items.Select(i => ...)</c>) is taken to run there.
    /// </summary>
    private static bool RunsInItsCall(IOperation call)
    {
        for (var operation = call.Parent; operation is not null; operation = operation.Parent)
        {
            // A local function may be kept as a delegate too.
            if (operation is ILocalFunctionOperation) return false;
            if (operation is not IAnonymousFunctionOperation lambda) continue;
            var handedTo = lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } } ? invocation.TargetMethod : null;
            if (handedTo is null || !FrameworkAssemblies.Contains(handedTo.ContainingAssembly?.Name ?? "")) return false;
        }

        return true;
    }

    private static DependencySpec Dependency(ISymbol member, AccessPaths.Path? path, List<ISymbol> named)
    {
        named.Add(member.ContainingType);
        return path is null
            ? new DependencySpec(member.ContainingType.Qualified(), member.Name)
            : new DependencySpec(member.ContainingType.Qualified(), member.Name, Path: AccessPathSpecs.Of(path, named.Add));
    }

    /// <summary>Whether the call's result flows, through untraced code of the same function, into another traced call's argument.</summary>
    private bool FeedsGlue(IInvocationOperation producer) =>
        GlueFlow.EnclosingFunction(producer) is { } function && GlueProducersOf(function).Contains(producer.Syntax);

    /// <summary>The calls whose results flow into an argument of another traced call of <paramref name="function"/>: found once per function.</summary>
    private HashSet<SyntaxNode> GlueProducersOf(IOperation function)
    {
        if (_glueProducers.TryGetValue(function, out var producers)) return producers;
        producers = new HashSet<SyntaxNode>();
        var chained = new HashSet<SyntaxNode>();
        // A LINQ filter's predicate decides the calls of the code that runs for the elements it lets through.
        var decided = function is IAnonymousFunctionOperation predicate && LinqPredicates.DecidedBy(predicate) is { } region ? region.DescendantsAndSelf() : [];
        foreach (var consumer in function.Descendants().Concat(decided).OfType<IInvocationOperation>())
        {
            // Glue stored into a collection or a builder is recorded where it goes in, over the calls it is made of.
            foreach (var stored in StoredGlue.Values(consumer, _compilation))
            {
                if (StoredFlowOf(stored) is not { } storedFlow) continue;
                foreach (var source in storedFlow.AllProducers) producers.Add(source.Syntax);
                foreach (var source in storedFlow.Kept) chained.Add(source.Syntax);
            }

            if (!IsTracedCall(consumer)) continue;
            // A result a condition that decides whether the call runs read.
            foreach (var (_, decidingFlow) in DecidingFlows(consumer))
            {
                foreach (var source in decidingFlow.AllProducers) producers.Add(source.Syntax);
                foreach (var source in decidingFlow.Kept) chained.Add(source.Syntax);
            }

            // The call whose throw runs a catch the call is in.
            foreach (var (_, thrower) in CatchThrowers(consumer)) producers.Add(thrower.Syntax);

            foreach (var argument in CallArgument.All(consumer))
            {
                if (argument.Kind == ArgumentKind.Explicit && FlowOf(argument.Value) is { } flow)
                {
                    // The consumer itself, when a loop carries its earlier result into its argument, leaves its node too.
                    foreach (var source in flow.AllProducers) producers.Add(source.Syntax);

                    foreach (var source in flow.Kept) chained.Add(source.Syntax);
                }
            }

            // A reference-typed result the method is called on unchanged is found by identity: no slot for it.
            if (LinkableReceiver(consumer) is { } instance && FlowOf(instance) is { } receiverFlow && (!receiverFlow.IsDirect || instance.Type is { IsValueType: true }))
            {
                foreach (var source in receiverFlow.AllProducers) producers.Add(source.Syntax);
                foreach (var source in receiverFlow.Kept) chained.Add(source.Syntax);
            }
        }

        _glueProducers[function] = producers;
        _chainedProducers[function] = chained;
        return producers;
    }

    private static (ReturnKind Kind, string ResultType) ClassifyReturn(ITypeSymbol returnType, bool returnsVoid)
    {
        if (returnsVoid) return (ReturnKind.Void, "void");
        if (returnType is INamedTypeSymbol named)
        {
            if (KnownTypes.IsTask(named)) return (ReturnKind.Task, "void");
            if (KnownTypes.IsValueTask(named)) return (ReturnKind.ValueTask, "void");
            if (KnownTypes.IsTaskOfT(named)) return (ReturnKind.TaskOfT, Result(named.TypeArguments[0]));
            if (KnownTypes.IsValueTaskOfT(named)) return (ReturnKind.ValueTaskOfT, Result(named.TypeArguments[0]));
        }

        return (ReturnKind.Value, Result(returnType));
    }

    // typeof() takes neither a nullable reference type annotation nor `dynamic` (which is `object` at run time).
    private static string Result(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Dynamic ? "object" : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
