using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Code.Compiling;

/// <summary>
/// Work that outlives the call: when the call returns, nothing it started may still run or throw later on the thread
/// pool. Refused: <c>async void</c> functions, awaiters used by hand, async method builders, <c>Progress&lt;T&gt;</c>
/// (its handler runs later, elsewhere), and every task the code
/// starts (a value of a type with <c>GetAwaiter</c>, an <c>IAsyncEnumerable&lt;T&gt;</c>, or a collection, tuple or
/// delegate of them) that does not flow into an <c>await</c> (or <c>await foreach</c>, or the function's <c>return</c>)
/// of the function that starts it.
/// </summary>
internal static partial class PolicyChecker
{
    // LINQ operators that keep every element, so a collection of tasks passed through them is still all awaited.
    private static readonly HashSet<string> s_keepingOperators = new(StringComparer.Ordinal)
    {
        "Select", "SelectMany", "ToList", "ToArray", "AsEnumerable", "Concat", "Append", "Prepend", "Cast", "Reverse",
    };

    // Methods that add their argument to the collection they are called on.
    private static readonly HashSet<string> s_adders = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Insert", "InsertRange", "Push", "Enqueue", "TryAdd",
    };

    /// <summary>Where a value that carries tasks goes: awaited (or returned), into a local, or nowhere that awaits it.</summary>
    private readonly record struct Fate(bool Awaited, ILocalSymbol? Local, string? Why);

    private static void CheckOutliving(SyntaxNode body, SemanticModel model, Action<SyntaxNode, string, CodeCapabilities> add)
    {
        const CodeCapabilities Area = CodeCapabilities.Background;
        var operations = new List<IOperation>();
        var seen = new HashSet<IOperation>();
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (model.GetOperation(node) is not { } operation || seen.Contains(operation)) continue;
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (seen.Add(descendant)) operations.Add(descendant);
            }
        }

        var method = body.Parent is MethodDeclarationSyntax declaration ? model.GetDeclaredSymbol(declaration) as IMethodSymbol : null;
        if (method is { IsAsync: true, ReturnsVoid: true }) add(body, "an async void method", Area);

        var carries = new Dictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        bool Carries(ITypeSymbol? type) => type is not null && CarriesTasks(type, carries, 0);

        var pending = new List<(IOperation Producer, ILocalSymbol Local)>();
        var reads = new List<(ILocalSymbol Local, Fate Fate)>();
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } }:
                    add(operation.Syntax, operation.Syntax is AnonymousMethodExpressionSyntax ? "an async void anonymous method" : "an async void lambda", Area);
                    break;
                case ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } local }:
                    add(operation.Syntax, $"the async void local function {local.Name}", Area);
                    break;
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } }:
                    // t.GetAwaiter().GetResult() blocks until the task is done (refused as a thread unless threads are allowed).
                    break;
                case IInvocationOperation { TargetMethod: var target } when target.Name is "GetAwaiter" or "OnCompleted" or "UnsafeOnCompleted" || IsMethodBuilder(target.ContainingType)
                    || target.Name == "Post" && target.ContainingType is { } context && FullName(context) == "System.Threading.SynchronizationContext":
                    // Post queues its callback to run later on the caller's context, also when threads are allowed.
                    add(operation.Syntax, Describe(target), Area);
                    break;
                case IObjectCreationOperation { Type: INamedTypeSymbol created } when IsMethodBuilder(created) || FullName(created.OriginalDefinition) == "System.Progress":
                    // A Progress<T> runs its handler later, on the thread pool or the captured context.
                    add(operation.Syntax, Describe(created), Area);
                    break;
            }

            if (operation is ILocalReferenceOperation read && !IsWrittenTarget(read))
            {
                reads.Add((read.Local, SameFunction(read, read.Local, method) ? FateOf(read, Carries) : new Fate(false, null, null)));
                continue;
            }

            // Producers: calls (not the generated accessors that reach a field by reference), creations and awaits of a task of tasks.
            if (operation is not (IInvocationOperation { TargetMethod.ReturnsByRef: false } or IObjectCreationOperation or IAwaitOperation) || !Carries(operation.Type)) continue;
            var fate = FateOf(operation, Carries);
            if (fate.Local is { } kept) pending.Add((operation, kept));
            else if (!fate.Awaited) add(operation.Syntax, $"the task from {Started(operation)} ({fate.Why ?? "not awaited"})", Area);
        }

        // A local is awaited when one of its reads in its own function reaches an await, directly or through other locals.
        var awaited = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (local, fate) in reads)
            {
                if (awaited.Contains(local) || !(fate.Awaited || fate.Local is { } next && awaited.Contains(next))) continue;
                awaited.Add(local);
                changed = true;
            }
        }

        foreach (var (producer, local) in pending)
        {
            if (!awaited.Contains(local)) add(producer.Syntax, $"the task from {Started(producer)} (kept in `{local.Name}` and never awaited)", Area);
        }
    }

    /// <summary>Follows a value that carries tasks up the tree to where it ends.</summary>
    private static Fate FateOf(IOperation operation, Func<ITypeSymbol?, bool> carries)
    {
        var current = operation;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IAwaitOperation:
                case IReturnOperation:
                    // Returned: the caller (or the delegate's caller, whose call is checked in turn) gets the task.
                    return new Fate(true, null, null);
                case IForEachLoopOperation loop when loop.Collection == current:
                    if (loop.IsAsynchronous) return new Fate(true, null, null);
                    return loop.LoopControlVariable is IVariableDeclaratorOperation { Symbol: var element } ? new Fate(false, element, null)
                        : new Fate(false, null, "enumerated by a foreach that does not await it");
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current:
                case IInvocationOperation { TargetMethod.Name: "Wait" or "GetResult" } wait when wait.Instance == current:
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WaitAll" } }:
                    // A blocking wait (refused as a thread unless threads are allowed) completes the task before the call returns.
                    return new Fate(true, null, null);
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } } awaiter when awaiter.Instance == current:
                    current = awaiter;
                    continue;
                case IPropertyReferenceOperation member when member.Instance == current && carries(member.Type):
                case IFieldReferenceOperation field when field.Instance == current && carries(field.Type):
                case IArrayElementReferenceOperation slot when slot.ArrayReference == current && carries(slot.Type):
                    // An element or member that holds the tasks (tasks[0], map.Values, pair.Item1, lazy.Value).
                    current = parent;
                    continue;
                case IConversionOperation { Parent: IForEachLoopOperation over } when over.Collection == parent:
                    // The collection of a foreach, converted to the enumerable it is walked as.
                    current = parent;
                    continue;
                case IConversionOperation or IParenthesizedOperation or ICollectionExpressionOperation or IArrayCreationOperation or ITupleOperation
                    or ICoalesceOperation or ISwitchExpressionOperation or IConditionalAccessOperation when carries(parent.Type):
                case IConditionalOperation { WhenTrue: not null } when carries(parent.Type) && current != ((IConditionalOperation)parent).Condition:
                case IArrayInitializerOperation or ISpreadOperation or ISwitchExpressionArmOperation:
                    current = parent;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return new Fate(false, declarator.Symbol, null);
                case IAssignmentOperation assignment when assignment.Value == current:
                    return Root(assignment.Target) is { } local ? new Fate(false, local, null)
                        : new Fate(false, null, assignment.Target is IDiscardOperation ? "discarded" : "stored outside the call");
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    if (PassesThrough(call.TargetMethod) && carries(call.Type))
                    {
                        current = call;
                        continue;
                    }

                    if (s_adders.Contains(call.TargetMethod.Name) && call.Instance is { } collection)
                    {
                        if (Root(collection) is { } list) return new Fate(false, list, null);
                        if (collection is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                            && call.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation created } && carries(created.Type))
                        {
                            current = created;
                            continue;
                        }
                    }

                    return new Fate(false, null, $"passed to {Callee(call.TargetMethod)}, which does not await it");
                case IArgumentOperation { Parent: IObjectCreationOperation created }:
                    if (carries(created.Type) && created.Type?.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
                    {
                        current = created;
                        continue;
                    }

                    return new Fate(false, null, created.Constructor is { } constructor ? $"passed to {Describe(constructor)}, which does not await it" : null);
                case IInvocationOperation call when call.Instance == current && carries(call.Type)
                    && (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke || PassesThrough(call.TargetMethod) || call.TargetMethod.Name == "ToArray"):
                    current = call;
                    continue;
                default:
                    return new Fate(false, null, null);
            }
        }
    }

    /// <summary>Calls whose result carries every task passed to them: <c>Task.WhenAll</c>, <c>ConfigureAwait</c>, LINQ operators that keep every element.</summary>
    private static bool PassesThrough(IMethodSymbol method)
    {
        var type = method.ContainingType is { } containing ? FullName(containing.OriginalDefinition) : "";
        return type switch
        {
            "System.Threading.Tasks.Task" => method.Name is "WhenAll" or "ConfigureAwait",
            "System.Linq.Enumerable" => s_keepingOperators.Contains(method.Name),
            _ => method.Name is "ConfigureAwait" or "WithCancellation" or "AsTask" && type.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal),
        };
    }

    /// <summary>The local a target is, or is an element or member of.</summary>
    private static ILocalSymbol? Root(IOperation? target)
    {
        while (true)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IArrayElementReferenceOperation element:
                    target = element.ArrayReference;
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    target = indexer.Instance;
                    break;
                case IImplicitIndexerReferenceOperation indexer:
                    target = indexer.Instance;
                    break;
                case IConversionOperation conversion:
                    target = conversion.Operand;
                    break;
                default:
                    return null;
            }
        }
    }

    private static bool IsWrittenTarget(ILocalReferenceOperation read) =>
        read.Parent is IAssignmentOperation assignment && assignment.Target == read || read.IsDeclaration;

    /// <summary>Whether a read of a local is in the function that declares it (an await in a lambda runs only if the lambda is called).</summary>
    private static bool SameFunction(IOperation read, ILocalSymbol local, IMethodSymbol? method)
    {
        for (var operation = read.Parent; operation is not null; operation = operation.Parent)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation function:
                    return SymbolEqualityComparer.Default.Equals(function.Symbol, local.ContainingSymbol);
                case ILocalFunctionOperation function:
                    return SymbolEqualityComparer.Default.Equals(function.Symbol, local.ContainingSymbol);
            }
        }

        return method is null || SymbolEqualityComparer.Default.Equals(method, local.ContainingSymbol);
    }

    /// <summary>
    /// Whether a value of the type is, or holds, work that may be running: an awaitable (an instance <c>GetAwaiter()</c>),
    /// an async sequence, or an array, generic type (collections, tuples, <c>Lazy&lt;T&gt;</c>) or delegate of them.
    /// </summary>
    private static bool CarriesTasks(ITypeSymbol type, Dictionary<ITypeSymbol, bool> known, int depth)
    {
        if (depth > 6) return false;
        if (known.TryGetValue(type, out var carries)) return carries;
        carries = type switch
        {
            IArrayTypeSymbol array => CarriesTasks(array.ElementType, known, depth + 1),
            INamedTypeSymbol named => IsAwaitable(named)
                || named.OriginalDefinition.SpecialType == SpecialType.None && IsAsyncSequence(named)
                || named.DelegateInvokeMethod is { ReturnsVoid: false } invoke && CarriesTasks(invoke.ReturnType, known, depth + 1)
                || named.TypeArguments.Any(argument => CarriesTasks(argument, known, depth + 1))
                || named.ContainingType is { } outer && CarriesTasks(outer, known, depth + 1), // Dictionary<K, Task>.ValueCollection
            _ => false,
        };
        known[type] = carries;
        return carries;
    }

    private static bool IsAwaitable(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers("GetAwaiter").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 0)) return true;
        }

        return false;
    }

    private static bool IsAsyncSequence(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IAsyncEnumerable<T>"
        || type.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IAsyncEnumerable<T>")
        || type.GetMembers("GetAsyncEnumerator").Any();

    private static bool IsMethodBuilder(INamedTypeSymbol? type) =>
        type is not null && type.Name.EndsWith("MethodBuilder", StringComparison.Ordinal) && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices";

    /// <summary>A called method, named for the model: a local function by its name, a delegate by its type.</summary>
    private static string Callee(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.LocalFunction => "the local function " + method.Name,
        MethodKind.DelegateInvoke => "a call of a " + Describe(method.ContainingType),
        _ => Describe(method.ReducedFrom ?? method),
    };

    /// <summary>What started a task, named like other policy messages: the method, the constructor, or the awaited value.</summary>
    private static string Started(IOperation producer) => producer switch
    {
        IInvocationOperation { TargetMethod: var method } => Callee(method),
        IObjectCreationOperation { Constructor: { } constructor } => Describe(constructor),
        IAwaitOperation => "an await of a task of tasks",
        _ => producer.Kind.ToString(),
    };
}
