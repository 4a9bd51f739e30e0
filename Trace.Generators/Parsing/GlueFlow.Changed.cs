using System.Collections.Generic;
using System.Linq;
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
    /// pair of a dictionary, a tuple) is changed only where it is set or a mutating method of it is called, in a lambda
    /// or not: what it is given to gets a copy.
    /// </summary>
    public static bool MemberMayBeChanged(IOperation owner, IOperation function)
    {
        var held = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        HeldIn(owner, held, 0);
        if (held.Count == 0) return false;
        var locals = LocalsOf(Root(function));
        foreach (var local in held)
        {
            if (!locals.TryGetValue(local, out var use)) continue;
            foreach (var reference in use.References)
            {
                if (MayChangeThrough(reference, local.Type.IsValueType, function)) return true;
            }
        }

        return false;

        static bool IsTraced(IInvocationOperation call) => (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition.IsTracedMethod();
        static bool ReadsOnly(IInvocationOperation call) => ElementMoves.Is(call.TargetMethod) || Pickers.Is(call.TargetMethod);

        static bool MayChangeThrough(IOperation reference, bool value, IOperation function)
        {
            if (!value && EnclosingFunction(reference) is { } user && !ReferenceEquals(user, function)) return true;
            var used = OutermostPart(reference);
            if (used is IMemberReferenceOperation && IsWriteTarget(used)) return true;
            // `pair.Reset()` on a struct that is not read-only changes the value the local holds.
            if (value && reference.Parent is IInvocationOperation { TargetMethod: { IsReadOnly: false, IsStatic: false } } mutator && ReferenceEquals(mutator.Instance, reference)
                && reference.Type is INamedTypeSymbol { IsReadOnly: false })
            {
                return true;
            }

            // Text and values handed on are copies or cannot change: only an object can be changed by what it is given to.
            if (used.Type is not { IsReferenceType: true } || used.Type.SpecialType == SpecialType.System_String) return false;
            switch (used.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation call } when !IsTraced(call) && !ReadsOnly(call):
                // A collection's own calls (`held.Add(...)`, `best.Messages.Add(...)`) change what it holds, which the element rules follow.
                case IInvocationOperation receiving when ReferenceEquals(receiving.Instance, used)
                    && ElementType(used.Type!) is null && !IsTraced(receiving) && !ReadsOnly(receiving):
                    return true;
            }

            return false;
        }
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
