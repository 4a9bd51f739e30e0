using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// Whether a member read of an object held in this function (`best.Text`, `all[1].Text`, `d.Text` of `var d = Write(x)`)
    /// may read something other than what the call that made the object put there: a member of the object, or of one it was
    /// picked or read from, is set in the function (`best.Text = Other(x)`, `all[1].Text = t`), or the object is given to code
    /// that may set one (a helper, a method of its own, a lambda that uses it). Traced calls given it are judged by what
    /// they keep (the analyzer's). Then no flow is claimed for the read, which is reported. A value held in a local (a
    /// tuple, a dictionary's pair, a struct) is judged the same in a lambda as outside: reading its items or fields changes
    /// nothing; used whole (copied, handed on, taken apart, a method called on it) it may change the objects it holds.
    /// The elements of a collection held are judged through the other names code gives them: a `foreach` variable, the
    /// parameter of a lambda given with the collection.
    /// </summary>
    public static bool MemberMayBeChanged(IOperation owner, IOperation function)
    {
        var held = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        HeldIn(owner, held, 0);
        if (held.Count == 0) return false;
        var locals = LocalsOf(Root(function));
        // Read of a value's own field (`token.Kind`), what the value holds is its own; read of an object it holds
        // (`pair.Item1.Text`), what may change that object counts too.
        var intoObjects = Unwrap(owner) is not ILocalReferenceOperation { Local.Type.IsValueType: true };
        foreach (var local in held)
        {
            if (!locals.TryGetValue(local, out var use)) continue;
            foreach (var reference in use.References)
            {
                if (MayChangeThrough(reference, local.Type.IsValueType, function, intoObjects)) return true;
            }
        }

        return ElementMayBeChanged(held, function);
    }

    private static bool IsTraced(IInvocationOperation call) => (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition.IsTracedMethod();
    private static bool ReadsOnly(IInvocationOperation call) => ElementMoves.Is(call.TargetMethod) || Pickers.Is(call.TargetMethod);

    // Whether a reference to a local (of an object, or of a value when `value`) may change a member of what it holds. An object
    // used in a lambda or local function may be changed there whenever it runs; a value is judged the same everywhere.
    private static bool MayChangeThrough(IOperation reference, bool value, IOperation function, bool intoObjects = true)
    {
        if (!value && EnclosingFunction(reference) is { } user && !ReferenceEquals(user, function)) return true;
        var used = OutermostPart(reference);
        if (used is IMemberReferenceOperation && IsWriteTarget(used)) return true;
        if (value && UsedWhole(reference, used))
        {
            // Given by `ref`, or to a method of its own that is not read-only, a value's own fields may change; set as a whole,
            // it is a new value, which the local's own flow follows.
            if (used.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }) return true;
            if (reference.Parent is IInvocationOperation { TargetMethod: { IsReadOnly: false, IsStatic: false } } mutator && ReferenceEquals(mutator.Instance, reference)
                && reference.Type is INamedTypeSymbol { IsReadOnly: false })
            {
                return true;
            }

            if (!intoObjects || !HoldsObjects(reference.Type, 0) || used.Parent is ISimpleAssignmentOperation { Target: var target } && ReferenceEquals(target, used)) return false;
            // Otherwise it shares the objects it holds with what gets it, as an object would be shared: in a lambda, handed on,
            // copied or taken apart; any method of it (read-only too) may set what those objects hold.
            if (EnclosingFunction(reference) is { } inLambda && !ReferenceEquals(inLambda, function)) return true;
            if (used.Parent is IInvocationOperation { Instance: var on } own && ReferenceEquals(on, used)) return !IsTraced(own);
            return used.Parent is IDeconstructionAssignmentOperation { Value: var split } && ReferenceEquals(split, used) || SharedOn(used);
        }

        // Text and values handed on are copies or cannot change: only an object can be changed by what it is given to (a
        // text given as an `object` is still text; a delegate is never changed).
        var given = used;
        while (given is IConversionOperation { IsImplicit: true, Operand: var operand }) given = operand;
        if (given.Type is not { IsReferenceType: true, TypeKind: not TypeKind.Delegate } || given.Type.SpecialType == SpecialType.System_String) return false;
        // An object a value's part holds, used in a lambda, may reach code that changes it whenever the lambda runs.
        if (value && EnclosingFunction(reference) is { } inner && !ReferenceEquals(inner, function)) return true;
        // A collection's own calls (`held.Add(...)`, `best.Messages.Add(...)`) change what it holds, which the element rules follow.
        return used.Parent is IInvocationOperation receiving && ReferenceEquals(receiving.Instance, used)
            ? ElementType(used.Type!) is null && !IsTraced(receiving) && !ReadsOnly(receiving)
            : SharedOn(used);
    }

    // Whether what is used is given to code that may change what it holds, or kept under another name: an untraced method
    // of the program's or a library's that does more than read elements, a constructor of the program's (`new Setter(note,
    // text)`), a local, a field, an element, a tuple's item (what a lambda returns is judged with the lambda).
    private static bool SharedOn(IOperation used) => used.Parent switch
    {
        IArgumentOperation { Parent: IInvocationOperation call } => !IsTraced(call) && !ReadsOnly(call),
        IArgumentOperation { Parent: IObjectCreationOperation { Constructor: { } constructor } } => !IsFrameworkAssembly(constructor),
        ISimpleAssignmentOperation assignment => ReferenceEquals(assignment.Value, used),
        IVariableInitializerOperation or IArrayInitializerOperation or ITupleOperation => true,
        _ => false,
    };

    // Whether the reference is used as it is, not a member or an element of it (`pair` given, not `pair.Item1` read).
    private static bool UsedWhole(IOperation reference, IOperation used)
    {
        var at = reference;
        while (at.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation) at = at.Parent;
        return ReferenceEquals(at, used);
    }

    // Whether a value of this type holds objects (not text) that code it is given to may change: a tuple or a struct with such
    // an item, field or property, at any depth; an open type may.
    private static bool HoldsObjects(ITypeSymbol? type, int depth)
    {
        if (type is null || depth > MaxTypeNesting || type is ITypeParameterSymbol) return true;
        if (type.IsReferenceType) return type.SpecialType != SpecialType.System_String;
        if (type is not INamedTypeSymbol named) return true;
        if (named.IsTupleType) return named.TupleElements.Any(e => HoldsObjects(e.Type, depth + 1));
        if (named.SpecialType != SpecialType.None || named.TypeKind == TypeKind.Enum) return false;
        return named.GetMembers().Any(m => !m.IsStatic && m switch
        {
            IFieldSymbol field => HoldsObjects(field.Type, depth + 1),
            IPropertySymbol { IsIndexer: false } property => HoldsObjects(property.Type, depth + 1),
            _ => false,
        });
    }

    // The depth of items, fields and properties HoldsObjects looks into before it takes a value to hold objects.
    private const int MaxTypeNesting = 32;

    // Whether code of the function may change an element of a collection held in one of the locals under another name for it:
    // a `foreach` variable over it (`foreach (var d in all) d.Text = ...`), or a lambda's parameter where the lambda is given
    // to a call made on it or given it (`all.Select(d => { d.Text = ...; return d; })`, `all.ToList().ForEach(d => Touch(d))`).
    private static bool ElementMayBeChanged(HashSet<ILocalSymbol> held, IOperation function) =>
        CollectionsWithElementsChanged(function).Any(collection => IsHeld(collection, held));

    // The collections whose elements the function's code may change under another name, found once per function: every
    // member read in it asks.
    private static IReadOnlyList<IOperation> CollectionsWithElementsChanged(IOperation function) =>
        s_elementsChanged.GetValue(function, f => FindCollectionsWithElementsChanged(f, LocalsOf(Root(f))));

    private static readonly ConditionalWeakTable<IOperation, IReadOnlyList<IOperation>> s_elementsChanged = new();

    private static IReadOnlyList<IOperation> FindCollectionsWithElementsChanged(IOperation function, IReadOnlyDictionary<ILocalSymbol, LocalUse> locals)
    {
        var changed = new List<IOperation>();
        foreach (var operation in Root(function).Descendants())
        {
            switch (operation)
            {
                case IForEachLoopOperation loop:
                    if (loop.Locals.Any(element => element.Type.IsReferenceType && locals.TryGetValue(element, out var use) && use.References.Any(r => MayChangeThrough(r, value: false, function))))
                    {
                        changed.Add(loop.Collection);
                    }

                    break;
                case IAnonymousFunctionOperation lambda when GivenWith(lambda) is { } call:
                    var changes = lambda.Body.Descendants().OfType<IParameterReferenceOperation>().Any(reference => reference.Parameter.Type.IsReferenceType
                        && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, lambda.Symbol) && MayChangeThrough(reference, value: false, lambda));
                    if (changes)
                    {
                        if (call.Instance is { } on) changed.Add(on);
                        changed.AddRange(call.Arguments.Select(a => a.Value));
                    }

                    break;
            }
        }

        return changed;

        // The call a lambda is an argument of.
        static IInvocationOperation? GivenWith(IAnonymousFunctionOperation lambda)
        {
            var at = lambda.Parent;
            while (at is IDelegateCreationOperation or IConversionOperation { IsImplicit: true }) at = at.Parent;
            return at is IArgumentOperation { Parent: IInvocationOperation call } ? call : null;
        }
    }

    private static bool IsHeld(IOperation collection, HashSet<ILocalSymbol> held)
    {
        var reached = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        HeldIn(collection, reached, 0);
        return reached.Overlaps(held);
    }

    // The locals an object is held in or read from: `best` of `best.Inner`, `all` of `all[1]` and of `all.MaxBy(...)`, and
    // for a local set once, what it was set from.
    private static void HeldIn(IOperation operation, HashSet<ILocalSymbol> held, int depth)
    {
        if (depth > MaxLocals) return;
        switch (Unwrap(operation))
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed }:
                HeldIn(indexed, held, depth + 1);
                break;
            case IMemberReferenceOperation { Instance: { } instance }:
                HeldIn(instance, held, depth + 1);
                break;
            case IArrayElementReferenceOperation element:
                HeldIn(element.ArrayReference, held, depth + 1);
                break;
            case IInvocationOperation read when (ElementMoves.Is(read.TargetMethod) || Pickers.Is(read.TargetMethod)) && read.Arguments.Length > 0:
                HeldIn(read.Arguments[0].Value, held, depth + 1);
                break;
            case ILocalReferenceOperation local when held.Add(local.Local):
                if (EnclosingFunction(local) is { } function && SetOnceTo(local.Local, function) is { } set) HeldIn(set, held, depth + 1);
                break;
        }
    }

    // The member, element or pick chain a local's reference is the root of (`best.Inner.Text` for `best`).
    private static IOperation OutermostPart(IOperation reference)
    {
        var part = reference;
        while (part.Parent is IMemberReferenceOperation { Instance: var instance } member && ReferenceEquals(instance, part)
            || part.Parent is IArrayElementReferenceOperation { ArrayReference: var array } && ReferenceEquals(array, part)
            || part.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            part = part.Parent!;
        }

        return part;
    }
}
