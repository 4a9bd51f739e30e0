using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The values each local and field of a member is given: initializers, the right-hand sides of assignments, and the
/// ways a value reaches a local without a plain assignment (a compound assignment, a deconstruction, a pattern, an
/// <c>out</c> or <c>ref</c> argument, a <c>foreach</c> variable, and a change of the object the local holds: a call on it
/// with arguments, a member or element set on it, also under another name for it (an alias, a span, a <c>ref</c> local),
/// or a framework method it is given with other values). Asked for each local of each argument of each traced call, so a
/// member is walked once for all of them, and the answer lives as long as the member's operations.
/// </summary>
internal static class MemberWrites
{
    /// <summary>How a value reaches a local or field.</summary>
    public enum WriteKind
    {
        /// <summary>The symbol gets the value itself (an initializer, an assignment, a tuple's element).</summary>
        Assign,

        /// <summary>The symbol gets something computed from the value (a compound assignment, a deconstructed result, an
        /// <c>out</c> argument, from the call's arguments).</summary>
        Transform,

        /// <summary>The symbol is one of the value's elements or members (a <c>foreach</c> variable over it, a part of it
        /// deconstructed or matched by a pattern, an <c>out</c> result of a call on it).</summary>
        ElementOf,

        /// <summary>The value's arguments, or the value, become part of the symbol's object (<c>list.Add(s)</c>,
        /// <c>sb.Append(s)</c>, <c>d[k] = s</c>, <c>req.Summary = s</c>).</summary>
        AddsTo,
    }

    /// <summary>One value given to a local or field.</summary>
    /// <param name="Value">The operation whose value reaches the symbol; for a call that changes the symbol's object or sets
    /// an <c>out</c> argument, the call, whose arguments are what flows.</param>
    /// <param name="Reason">Why the compiler cannot prove the flow, when the way itself says it; null for an assignment.</param>
    /// <param name="ThroughArguments">The value is a call whose arguments are what flows (<c>sb.Append(s)</c>, an
    /// <c>out</c> argument).</param>
    /// <param name="Member">For a member set on the symbol's object (<c>req.Summary = s</c>), or a member a call is made on
    /// (<c>chat.Messages.Add(s)</c>), that member.</param>
    /// <param name="HeldBy">For a call that changes the symbol's object, the operand that is that object: the call's receiver
    /// (<c>list.Add(s)</c>) or the argument it is given as (<c>Array.Fill(array, s)</c>); what flows is the call's other operands.</param>
    public readonly record struct Write(IOperation Value, string? Reason, WriteKind Kind, bool ThroughArguments = false, ISymbol? Member = null, IOperation? HeldBy = null);

    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, List<Write>>> s_writes = new();

    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, List<IIncrementOrDecrementOperation>>> s_steps = new();

    /// <summary>
    /// The increments and decrements of a local (or field of this object) in <paramref name="root"/> (<c>n++</c>, <c>--i</c>): not writes of a
    /// value from elsewhere, but each one a choice of what the symbol holds where a condition decides it.
    /// </summary>
    public static IReadOnlyList<IIncrementOrDecrementOperation> StepsOf(IOperation root, ISymbol symbol) =>
        s_steps.GetValue(root, static r =>
        {
            var steps = new Dictionary<ISymbol, List<IIncrementOrDecrementOperation>>(SymbolEqualityComparer.Default);
            foreach (var step in r.Descendants().OfType<IIncrementOrDecrementOperation>())
            {
                if (Target(step.Target) is not { } target) continue;
                if (!steps.TryGetValue(target, out var found)) steps[target] = found = [];
                found.Add(step);
            }

            return steps;
        }).TryGetValue(symbol, out var of) ? of : [];

    public static Dictionary<ISymbol, List<Write>> In(IOperation root) => s_writes.GetValue(root, static r =>
    {
        var writes = new Dictionary<ISymbol, List<Write>>(SymbolEqualityComparer.Default);
        var views = ViewsIn(r);
        void Add(ISymbol symbol, Write write)
        {
            if (!writes.TryGetValue(symbol, out var values)) writes[symbol] = values = [];
            values.Add(write);
        }

        // A change of an object through another name for it (`alias.Add(s)`, `span[0] = s`, `slot = s` for `ref var slot =
        // ref array[0]`) is a change of the object the name views too.
        void AddChange(ISymbol symbol, Write write)
        {
            Add(symbol, write);
            var through = symbol;
            for (var hops = 0; hops < MaxViewHops && through is ILocalSymbol local && views.TryGetValue(local, out var viewed); hops++)
            {
                Add(viewed.Holder, write with { Reason = $"it reaches '{viewed.Holder.Name}' through '{local.Name}', which shares its object; the compiler does not follow it there", Member = viewed.Member ?? write.Member });
                through = viewed.Holder;
            }
        }

        foreach (var operation in r.Descendants())
        {
            if (operation is IInvocationOperation { Arguments.Length: > 0 } filling && FillsArguments(filling))
            {
                // A framework method that fills an object it is given with what else it is given (`Array.Fill(array, s)`,
                // `Array.Copy(from, to, n)`, `list.CopyTo(array)`). The project's own methods are followed in their bodies.
                foreach (var argument in filling.Arguments)
                {
                    if (argument.Parameter?.RefKind is RefKind.Out || argument.Value.Type is not { } type || !CanHold(type) || HolderOf(argument.Value) is not { } given) continue;
                    AddChange(given, new(filling, $"it reaches '{given.Name}' through {filling.TargetMethod.Name}, which changes the object where the compiler does not follow it", WriteKind.AddsTo, ThroughArguments: true,
                        Member: MemberOf(argument.Value), HeldBy: argument.Value));
                }
            }

            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer) Add(declarator.Symbol, new(initializer.Value, null, WriteKind.Assign));
                    break;
                case ISimpleAssignmentOperation assignment:
                    if (Target(assignment.Target) is { } assigned)
                    {
                        Add(assigned, new(assignment.Value, null, WriteKind.Assign));
                        // A `ref` local is another name for what it refers to: setting it sets that.
                        if (assigned is ILocalSymbol { IsRef: true } slot && views.TryGetValue(slot, out var referred))
                        {
                            AddChange(referred.Holder, new(assignment.Value, $"it is stored in '{referred.Holder.Name}' through the ref local '{slot.Name}', where the compiler does not follow it", WriteKind.AddsTo, Member: referred.Member));
                        }
                    }

                    if (Target(assignment.Target) is null && assignment.Target is IMemberReferenceOperation or IArrayElementReferenceOperation or IImplicitIndexerReferenceOperation && HolderOf(assignment.Target) is { } holder)
                    {
                        var member = MemberOf(assignment.Target);
                        AddChange(holder, new(assignment.Value, $"it is stored in '{holder.Name}', where the compiler does not follow it", WriteKind.AddsTo, Member: member));
                    }

                    break;
                case ICompoundAssignmentOperation compound when Target(compound.Target) is { } target:
                    Add(target, new(compound, AccumulatesInALoop(compound, target)
                        ? AddedInALoop(compound, target)
                        : $"'{target.Name}' is assigned more than once, so which call's result it holds is decided at run time", WriteKind.Transform));
                    break;
                case ICoalesceAssignmentOperation coalesced when Target(coalesced.Target) is { } target:
                    // `_maker ??= s => Write(s)`: set to the value when it held null.
                    Add(target, new(coalesced.Value, null, WriteKind.Assign));
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    AddDeconstructed(deconstruction.Target, deconstruction.Value);
                    break;
                // `x is string s`, `x is { Length: > 0 } s`, `x is [var first, ..]`, `x is [..] all`.
                case IPatternOperation pattern when DeclaredBy(pattern) is ILocalSymbol declared && PatternInput(pattern) is { } input:
                    Add(declared, new(input, $"'{declared.Name}' is declared by a pattern", MatchesAPart(pattern) ? WriteKind.ElementOf : WriteKind.Assign));
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when Declared(argument.Value) is { } local && argument.Parent is { } call:
                    Add(local, new(call, $"'{local.Name}' is set through an out or ref argument", WriteKind.ElementOf, ThroughArguments: true));
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals.Where(l => !l.IsImplicitlyDeclared || loop.Locals.Length == 1))
                    {
                        Add(local, new(loop.Collection, $"'{local.Name}' is assigned at each iteration of a loop", WriteKind.ElementOf));
                    }

                    break;
                case IInvocationOperation { Arguments.Length: > 0 } call when Changes(call) && HolderOf(call.Instance) is { } receiver:
                    AddChange(receiver, new(call, $"it reaches '{receiver.Name}' through {call.TargetMethod.Name}, which changes the object where the compiler does not follow it", WriteKind.AddsTo, ThroughArguments: true,
                        Member: MemberOf(call.Instance), HeldBy: call.Instance));
                    break;
            }
        }

        return writes;

        void AddDeconstructed(IOperation target, IOperation value)
        {
            if (target is IDeclarationExpressionOperation declaration) target = declaration.Expression;
            if (target is not ITupleOperation tuple) return;
            var values = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
            for (var i = 0; i < tuple.Elements.Length; i++)
            {
                var element = tuple.Elements[i];
                if (values is ITupleOperation valueTuple && valueTuple.Elements.Length == tuple.Elements.Length)
                {
                    if (element is ITupleOperation or IDeclarationExpressionOperation) AddDeconstructed(element, valueTuple.Elements[i]);
                    else if (Declared(element) is { } local) Add(local, new(valueTuple.Elements[i], $"'{local.Name}' is set by a deconstruction", WriteKind.Assign));
                }
                else if (Declared(element) is { } local)
                {
                    Add(local, new(value, $"'{local.Name}' is set by a deconstruction", WriteKind.ElementOf));
                }
            }
        }
    });

    // Whether a call on an object may put its arguments into it: a method of a reference type that returns nothing or
    // the object itself (`list.Add(s)`, `builder.Append(s)`), or one named as adding (`set.Add(s)`, `map.TryAdd(k, s)`).
    // A method that answers something (`source.Equals(other)`, `list.Contains(s)`) does not.
    private static bool Changes(IInvocationOperation call)
    {
        // A delegate's invocation runs it: the delegate holds nothing it is given.
        if (call.Instance?.Type is not { IsReferenceType: true } receiverType || call.TargetMethod.IsStatic || call.TargetMethod.MethodKind == MethodKind.DelegateInvoke) return false;
        var method = call.TargetMethod;
        return method.ReturnsVoid || SymbolEqualityComparer.Default.Equals(method.ReturnType, receiverType)
            || s_adding.Any(prefix => method.Name.StartsWith(prefix, System.StringComparison.Ordinal));
    }

    private static readonly string[] s_adding = ["Add", "TryAdd", "Append", "Insert", "Push", "Enqueue", "Set", "Write", "Put"];

    // A method without source that returns nothing and is given an object besides other values may put them into it.
    private static bool FillsArguments(IInvocationOperation call) =>
        call.TargetMethod is { ReturnsVoid: true, MethodKind: not MethodKind.DelegateInvoke, DeclaringSyntaxReferences.Length: 0 } && call.Arguments.Length + (call.Instance is null ? 0 : 1) > 1;

    // Whether a value of this type can hold other values a method puts into it: not text, not a plain value.
    private static bool CanHold(ITypeSymbol type) =>
        type.SpecialType != SpecialType.System_String && (type.IsReferenceType || IsView(type));

    private const int MaxViewHops = 8;

    /// <summary>A local that is another name for (part of) the object of a holder: what it views, and which member.</summary>
    private readonly record struct View(ISymbol Holder, ISymbol? Member);

    // The locals of a member that view another's object: `var alias = list`, `IList<string> view = list`, `var span =
    // array.AsSpan()`, `new ArraySegment<string>(array)`, `CollectionsMarshal.AsSpan(list)`, `ref var slot = ref array[0]`.
    private static Dictionary<ILocalSymbol, View> ViewsIn(IOperation root)
    {
        var views = new Dictionary<ILocalSymbol, View>(SymbolEqualityComparer.Default);
        foreach (var operation in root.Descendants())
        {
            var (local, value) = operation switch
            {
                IVariableDeclaratorOperation declarator => (declarator.Symbol, (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value),
                // A `ref` local refers elsewhere only by a ref assignment (`slot = ref other[0]`); `slot = s` sets what it refers to.
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when target.Local.IsRef == assignment.IsRef => (target.Local, assignment.Value),
                _ => (null, null),
            };
            if (local is null || value is null) continue;
            var viewed = local.IsRef ? HolderOf(value) is { } referred ? new View(referred, MemberOf(value)) : (View?)null : Viewed(value);
            if (viewed is { } found && !SymbolEqualityComparer.Default.Equals(found.Holder, local)) views[local] = found;
        }

        return views;
    }

    // The holder whose object a value is, or a view of: the holder itself (under any conversion), a member of it
    // (`chat.Messages`), or a span, memory or segment over it.
    private static View? Viewed(IOperation value)
    {
        while (value is IConversionOperation conversion) value = conversion.Operand;
        if (value.Type is not { } type || !CanHold(type)) return null;
        switch (value)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation or IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false } }:
                return HolderOf(value) is { } holder ? new View(holder, MemberOf(value)) : null;
            case IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory" } call when IsView(call.Type!):
                return (call.Instance ?? call.Arguments.FirstOrDefault()?.Value) is { } over ? Viewed(over) : null;
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when IsView(creation.Type!):
                return Viewed(creation.Arguments[0].Value);
            default:
                return null;
        }
    }

    // A span, memory or segment: a window onto another object's elements.
    private static bool IsView(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory" or "ArraySegment", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static ISymbol? Target(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        // Members of this object or static ones: a member of another object is that object's (see HolderOf).
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null or IInstanceReferenceOperation } property => property.Property,
        _ => null,
    };

    // A local, or a field of this object or a static one, that an out or ref argument sets.
    private static ISymbol? Declared(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IConversionOperation { IsImplicit: true } conversion => Declared(conversion.Operand),
        _ => null,
    };

    // The local, parameter or member of this object whose object a member set or a call changes: `req.Summary = s`,
    // `d[k] = s`, `sb.Append(s).Append(t)`, `into.Add(s)`, `_log.Add(s)`, `_request.Text = s`.
    internal static ISymbol? HolderOf(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: null or IInstanceReferenceOperation } own:
                    return Holds(own.Member, own.Type);
                case IMemberReferenceOperation member when !member.Member.IsStatic:
                    operation = member.Instance;
                    continue;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    continue;
                case IImplicitIndexerReferenceOperation element:
                    operation = element.Instance;
                    continue;
                case IInvocationOperation { Instance: not null } chained:
                    operation = chained.Instance;
                    continue;
                case IInvocationOperation { Instance: null, Arguments.Length: > 0 } view when view.Type is { } viewType && IsView(viewType):
                    // `CollectionsMarshal.AsSpan(list)`, `array.AsSpan()`: a window onto the object given.
                    operation = view.Arguments[0].Value;
                    continue;
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    continue;
                case ILocalReferenceOperation local:
                    return Holds(local.Local, local.Type);
                case IParameterReferenceOperation parameter:
                    return Holds(parameter.Parameter, parameter.Type);
                default:
                    return null;
            }
        }

        // Text has no parts to change.
        static ISymbol? Holds(ISymbol symbol, ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String ? null : symbol;
    }

    // The member of a holder (a local, a parameter, a member of this object or a static one) that is set or called on:
    // `Summary` in `req.Summary = s` or `_state.Summary = s`, `Messages` in `chat.Messages.Add(s)`.
    private static ISymbol? MemberOf(IOperation? reference)
    {
        while (reference is IConversionOperation { IsImplicit: true } conversion) reference = conversion.Operand;
        return reference is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false } } member
            && member.Instance is ILocalReferenceOperation or IParameterReferenceOperation or IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation }
            ? member.Member : null;
    }

    // Whether a compound assignment of text adds to a value kept across the turns of a loop around it (`context += ...` in a
    // `foreach`, with `context` declared before the loop).
    // Why text added to in a loop does not link. A local of a traced method links to every result added where it is made
    // (GlueFlow.AccumulatedInLoop): elsewhere, the method's runs cannot be told apart, or a result may be made and not added.
    private static string AddedInALoop(ICompoundAssignmentOperation compound, ISymbol target)
    {
        if (target is ILocalSymbol && GlueFlow.EnclosingFunction(compound) is IMethodBodyOperation function
            && function.SemanticModel?.GetDeclaredSymbol(function.Syntax) is IMethodSymbol method)
        {
            return method.IsTracedMethod()
                ? $"'{target.Name}' is added to at each turn of a loop, where a result may be made and not added (a jump, a try, or a read of '{target.Name}' in between); add each result in the statement that makes it or one declared just before it, or put each result into a list and join it (string.Join)"
                : $"'{target.Name}' is added to at each turn of a loop of '{method.Name}', which is not traced, so its runs cannot be told apart; mark '{method.Name}' [Traced], put each result into a list and join it (string.Join), or append it to a StringBuilder";
        }

        return $"'{target.Name}' is added to at each turn of a loop, and a value made from several calls' results links to the last one only; put each result into a list and join it (string.Join), or append it to a StringBuilder";
    }

    private static bool AccumulatesInALoop(ICompoundAssignmentOperation compound, ISymbol target) =>
        compound.Type?.SpecialType == SpecialType.System_String && InALoopItOutlives(compound, target);

    /// <summary>Whether <paramref name="operation"/> runs in a loop of its function that <paramref name="symbol"/> outlives: the
    /// symbol is not a local declared inside that loop, so a turn sees what the turns before did to it.</summary>
    public static bool InALoopItOutlives(IOperation operation, ISymbol symbol)
    {
        var declared = symbol is ILocalSymbol local ? local.DeclaringSyntaxReferences.FirstOrDefault()?.Span : null;
        for (var current = operation.Parent; current is not null and not (IAnonymousFunctionOperation or ILocalFunctionOperation); current = current.Parent)
        {
            if (current is ILoopOperation loop && (declared is not { } span || !loop.Syntax.Span.Contains(span))) return true;
        }

        return false;
    }

    private static ISymbol? DeclaredBy(IPatternOperation pattern) => pattern switch
    {
        IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
        IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
        IListPatternOperation list => list.DeclaredSymbol,
        _ => null,
    };

    // Whether a pattern matches a part of the input (a property, an element, a slice) rather than the input itself.
    private static bool MatchesAPart(IOperation pattern)
    {
        for (var current = pattern.Parent; current is IPatternOperation or IPropertySubpatternOperation; current = current.Parent)
        {
            if (current is IRecursivePatternOperation or IPropertySubpatternOperation or IListPatternOperation or ISlicePatternOperation) return true;
        }

        return false;
    }

    private static IOperation? PatternInput(IOperation pattern)
    {
        for (var current = pattern.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IIsPatternOperation isPattern: return isPattern.Value;
                case ISwitchExpressionOperation switchExpression: return switchExpression.Value;
                case ISwitchOperation switchStatement: return switchStatement.Value;
                case IPatternOperation or ISwitchExpressionArmOperation or IPatternCaseClauseOperation or ISwitchCaseOperation or IPropertySubpatternOperation: continue;
                default: return null;
            }
        }

        return null;
    }
}
