using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Code.Compiling;

/// <summary>
/// The two rules that look at what a member does rather than where it lives: memory safety (no call may receive or
/// return a reference it could offset or reinterpret) and state that outlives the call (no write, in any form, to
/// static state or to process-wide or caller settings).
/// </summary>
internal static partial class PolicyChecker
{
    // Types every member of which reads or writes memory without bounds checks, or reinterprets it.
    private static readonly HashSet<string> s_unsafeTypes = new(StringComparer.Ordinal)
    {
        "System.Runtime.CompilerServices.Unsafe", "System.TypedReference", "System.ArgIterator", "System.RuntimeArgumentHandle",
    };

    // Members that take a reference to one variable and never offset it.
    private static readonly HashSet<string> s_safeReferenceTakers = new(StringComparer.Ordinal)
    {
        "System.Threading.Interlocked", "System.Threading.Volatile", "System.Threading.LazyInitializer", "System.Array.Resize",
    };

    // Types all of whose members change state of the process or of the calling thread.
    private static readonly HashSet<string> s_stateTypes = new(StringComparer.Ordinal)
    {
        "System.Threading.ExecutionContext", "System.Runtime.GCSettings", "System.Runtime.ProfileOptimization",
    };

    // Members that change state of the process or of the calling thread when called (or, for the shared pools, that hand it out).
    private static readonly HashSet<string> s_stateMembers = new(StringComparer.Ordinal)
    {
        "System.Threading.SynchronizationContext.SetSynchronizationContext", "System.Buffers.ArrayPool.Shared", "System.Buffers.MemoryPool.Shared",
        "System.Text.Encoding.RegisterProvider", "System.Globalization.CultureInfo.ClearCachedData", "System.TimeZoneInfo.ClearCachedData",
        "System.Diagnostics.Debug.SetProvider", "System.Diagnostics.Debug.Indent", "System.Diagnostics.Debug.Unindent",
    };

    /// <summary>
    /// Why a member outside the project breaks memory safety, or null: it returns a reference (other than an element of a
    /// span, which is bounds-checked), takes a pointer, or takes a <c>ref</c>/<c>in</c> argument it could offset or
    /// reinterpret (interpolated string handlers and the single-variable helpers in <see cref="s_safeReferenceTakers"/> excepted).
    /// <c>out</c> arguments are results and stay allowed.
    /// </summary>
    private static bool BreaksMemorySafety(ISymbol member, string typeName)
    {
        if (s_unsafeTypes.Contains(typeName)) return true;
        switch (member)
        {
            case IMethodSymbol method:
                if (method.ReturnsByRef || method.ReturnsByRefReadonly || IsPointer(method.ReturnType)) return true;
                if (s_safeReferenceTakers.Contains(typeName) || s_safeReferenceTakers.Contains(typeName + "." + method.Name)) return false;
                return method.Parameters.Any(p => IsPointer(p.Type) || p.RefKind is RefKind.Ref or RefKind.In or RefKind.RefReadOnlyParameter && !IsInterpolatedStringHandler(p.Type));
            case IPropertySymbol property:
                if (IsPointer(property.Type) || property.Parameters.Any(p => IsPointer(p.Type) || p.RefKind != RefKind.None)) return true;
                return (property.ReturnsByRef || property.ReturnsByRefReadonly)
                    && !(property.IsIndexer && typeName is "System.Span" or "System.ReadOnlySpan")
                    && !(property.Name == "Current" && typeName is "System.Span.Enumerator" or "System.ReadOnlySpan.Enumerator");
            case IFieldSymbol field:
                return IsPointer(field.Type);
            default:
                return false;
        }
    }

    private static bool IsPointer(ITypeSymbol type) => type is IPointerTypeSymbol or IFunctionPointerTypeSymbol;

    private static bool IsInterpolatedStringHandler(ITypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass is { Name: "InterpolatedStringHandlerAttribute", ContainingNamespace: var ns } && ns.ToDisplayString() == "System.Runtime.CompilerServices");

    /// <summary>
    /// Finds every write to state that outlives the call: assignments of every kind (simple, compound, <c>??=</c>,
    /// deconstruction, <c>foreach</c> deconstruction), increments, event subscriptions, <c>ref</c>/<c>out</c> arguments and
    /// references taken with <c>ref</c> (ref locals, ref returns, ref conditionals), whose target is static state (a static
    /// field, property or event of any type but the patch's own plumbing) or an element, field or property reached from
    /// static state: directly, through a span over it, or through a local that holds a reference to it.
    /// </summary>
    private static void CheckWrites(SyntaxNode body, SemanticModel model, Action<SyntaxNode, string, CodeCapabilities> add)
    {
        var operations = new List<IOperation>();
        var seen = new HashSet<IOperation>();
        foreach (var node in body.DescendantNodesAndSelf())
        {
            // Pre-order: the body's operation comes first, and its descendants include implicit ones (conversions) no node maps to.
            if (model.GetOperation(node) is not { } operation || seen.Contains(operation)) continue;
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (seen.Add(descendant)) operations.Add(descendant);
            }
        }

        var aliases = Aliases(operations);
        void Written(IOperation? target)
        {
            if (target is ITupleOperation tuple)
            {
                foreach (var element in tuple.Elements) Written(element);
            }
            else if (target is ILocalReferenceOperation { Local.IsRef: false })
            {
                // Assigning the local itself changes only the call's own variable, even when it held a reference to static state.
            }
            else if (target is not null && StaticRoot(target, aliases) is { } state)
            {
                add(target.Syntax, state, CodeCapabilities.Environment);
            }
        }

        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is RefExpressionSyntax reference) Written(model.GetOperation(reference.Expression));
        }

        foreach (var operation in operations)
        {
            var node = operation.Syntax;
            switch (operation)
            {
                case IForEachLoopOperation loop:
                    Written(loop.LoopControlVariable);
                    break;
                case IAssignmentOperation assignment:
                    Written(assignment.Target);
                    break;
                case IIncrementOrDecrementOperation step:
                    Written(step.Target);
                    break;
                case IEventAssignmentOperation subscription:
                    Written(subscription.EventReference);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                    Written(argument.Value);
                    break;
                case IInvocationOperation call when Accessed(call.TargetMethod) is { Static: true, Setter: true, Name: var name }:
                    add(node, name, CodeCapabilities.Environment);
                    break;
                case IInvocationOperation or IObjectCreationOperation or IConversionOperation when IsWritableView(operation.Type) && StaticRoot(operation, aliases) is { } viewed:
                    // A writable span, memory or segment over static state lets any callee write it (Fill, Clear, CopyTo, ...).
                    add(node, viewed, CodeCapabilities.Environment);
                    break;
            }
        }
    }

    /// <summary>
    /// Locals that hold a reference to static state (a reference-type object, a span or a <c>ref</c> reached from it), with
    /// the static member they reach; copies of values are not aliases. Flow-insensitive: one such assignment is enough.
    /// </summary>
    private static Dictionary<ILocalSymbol, string> Aliases(List<IOperation> operations)
    {
        var aliases = new Dictionary<ILocalSymbol, string>(SymbolEqualityComparer.Default);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var operation in operations)
            {
                if (operation is IForEachLoopOperation loop && StaticRoot(loop.Collection, aliases) is { } collection)
                {
                    // The loop variable is an element of the static collection.
                    foreach (var element in loop.Locals.Where(l => (l.IsRef || l.Type.IsReferenceType || l.Type.IsRefLikeType) && !aliases.ContainsKey(l)))
                    {
                        aliases[element] = collection;
                        changed = true;
                    }

                    continue;
                }

                var (local, value) = operation switch
                {
                    IVariableDeclaratorOperation { Symbol: var symbol, Initializer.Value: var initial } => (symbol, initial),
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var symbol }, Value: var assigned } => (symbol, assigned),
                    _ => (null, null),
                };
                if (local is null || aliases.ContainsKey(local) || !(local.IsRef || local.Type.IsReferenceType || local.Type.IsRefLikeType)) continue;
                if (StaticRoot(value, aliases) is { } state)
                {
                    aliases[local] = state;
                    changed = true;
                }
            }
        }

        return aliases;
    }

    /// <summary>The static member a written location belongs to or is reached from, described for the model; null for the call's own state.</summary>
    private static string? StaticRoot(IOperation? operation, Dictionary<ILocalSymbol, string> aliases)
    {
        while (operation is not null)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return aliases.GetValueOrDefault(local.Local);
                case IInvocationOperation call when IsView(call.Type):
                    // A span, memory or segment over its receiver or first argument (AsSpan, Slice, AsMemory, ...).
                    operation = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    break;
                case IObjectCreationOperation creation when IsView(creation.Type):
                    operation = creation.Arguments.Length > 0 ? creation.Arguments[0].Value : null;
                    break;
                case IFieldReferenceOperation field:
                    if (field.Field.IsStatic) return IsPlumbing(field.Field.ContainingType) ? null : Describe(field.Field);
                    operation = field.Instance;
                    break;
                case IPropertyReferenceOperation property:
                    if (property.Property.IsStatic) return IsPlumbing(property.Property.ContainingType) ? null : Describe(property.Property);
                    operation = property.Instance;
                    break;
                case IEventReferenceOperation @event:
                    if (@event.Event.IsStatic) return Describe(@event.Event);
                    operation = @event.Instance;
                    break;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    break;
                case IImplicitIndexerReferenceOperation indexer:
                    operation = indexer.Instance;
                    break;
                case IInlineArrayAccessOperation inline:
                    operation = inline.Instance;
                    break;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IInvocationOperation call when Accessed(call.TargetMethod) is { } accessed:
                    // A private member of the host, reached through the patch's generated accessor (first argument: the object).
                    if (accessed.Static) return accessed.Name;
                    operation = call.Arguments.Length > 0 ? call.Arguments[0].Value : null;
                    break;
                case IInvocationOperation call when call.TargetMethod.ReturnsByRef && !IsPlumbing(call.TargetMethod.ContainingType):
                    if (call.TargetMethod.IsStatic) return Describe(call.TargetMethod);
                    operation = call.Instance;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsWritableView(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && FullName(named.OriginalDefinition) is "System.Span" or "System.Memory" or "System.ArraySegment";

    private static bool IsView(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && FullName(named.OriginalDefinition) is "System.Span" or "System.ReadOnlySpan" or "System.Memory" or "System.ReadOnlyMemory" or "System.ArraySegment";

    private static bool IsPlumbing(INamedTypeSymbol? type) => type is not null && (type.Name == PatchSource.ClassName || FullName(type) == "Opto.Interception.CallBudget");

    /// <summary>What a generated <c>UnsafeAccessor</c> of the patch reaches: the host member, whether it is static, whether it sets a property.</summary>
    private static (string Name, bool Static, bool Setter)? Accessed(IMethodSymbol method)
    {
        if (method.ContainingType?.Name != PatchSource.ClassName || method.Parameters.Length == 0) return null;
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "UnsafeAccessorAttribute");
        if (attribute is null || attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not int kind) return null;
        var name = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? method.Name;
        var setter = name.StartsWith("set_", StringComparison.Ordinal);
        if (setter || name.StartsWith("get_", StringComparison.Ordinal)) name = name[4..];
        var owner = method.Parameters[0].Type is INamedTypeSymbol named ? FullName(named) + "." : "";
        // UnsafeAccessorKind: Constructor 0, Method 1, StaticMethod 2, Field 3, StaticField 4.
        return (owner + name, kind is 2 or 4, setter);
    }
}
