using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The filters of LINQ that decide, element by element, whether code after them runs: the predicates of <c>Where</c> and
/// <c>TakeWhile</c> on the sequence a <c>Select</c> maps or a <c>foreach</c> runs over
/// (<c>docs.Where(d =&gt; IsRelevant(d)).Select(d =&gt; Summarize(d))</c>). The framework runs an element's predicate just
/// before it hands that element on, so the latest result a predicate's call left is the one that let the element through.
/// A sequence buffered in between (<c>OrderBy</c>, <c>ToList</c>) runs every predicate first, and is not followed; one held in
/// a local set once and used once (<c>var relevant = docs.Where(...); foreach (var d in relevant)</c>) is.
/// </summary>
internal static class LinqPredicates
{
    /// <summary>The predicates' returned values that decide <paramref name="source"/>'s elements, innermost filter last.</summary>
    public static IEnumerable<IOperation> Of(IOperation source)
    {
        for (var filter = Held(source); Filter(filter) is { } found; filter = Held(found.Source))
        {
            if (Returned(found.Predicate) is { } value) yield return value;
        }
    }

    // A sequence, or what the local it is read from was set to when that is its only value and this its only use.
    private static IOperation Held(IOperation sequence)
    {
        var value = GlueFlow.Unwrap(sequence);
        return value is ILocalReferenceOperation read && GlueFlow.HeldOnlyFor(read) is { } held ? GlueFlow.Unwrap(held) : value;
    }

    /// <summary>
    /// The code that runs for each element a predicate lets through: the selector of the <c>Select</c>, or the body of the
    /// <c>foreach</c>, its filter's sequence is given to; null for a lambda that is no such predicate.
    /// </summary>
    public static IOperation? DecidedBy(IAnonymousFunctionOperation predicate)
    {
        if (predicate.Parent is not IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation filter } }
            || Filter(filter) is not { } found || !ReferenceEquals(found.Predicate, predicate))
        {
            return null;
        }

        IOperation sequence = filter;
        while (true)
        {
            var user = sequence.Parent;
            while (user is IConversionOperation or IParenthesizedOperation) user = user.Parent;
            switch (user)
            {
                // Held in a local for its only use (`var relevant = docs.Where(...); foreach (var d in relevant)`): that use.
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declared } when GlueFlow.OnlyUseOf(declared) is { } use:
                    sequence = use;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation outer } when Filter(outer) is { } next && ReferenceEquals(GlueFlow.Unwrap(next.Source), sequence):
                    sequence = outer;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation select } when Selecting(select) is { } selecting && ReferenceEquals(GlueFlow.Unwrap(selecting.Source), sequence):
                    return selecting.Selector;
                case IForEachLoopOperation loop when !loop.IsAsynchronous && ReferenceEquals(GlueFlow.Unwrap(loop.Collection), sequence):
                    return loop.Body;
                default:
                    return null;
            }
        }
    }

    /// <summary>The sequence and the selector lambda of <c>Enumerable.Select</c>, whose elements <see cref="Of"/> the source decides; null for another call.</summary>
    public static (IOperation Source, IAnonymousFunctionOperation Selector)? Selecting(IInvocationOperation select) =>
        select is { TargetMethod.Name: "Select", Arguments.Length: 2 } && ElementMoves.Is(select.TargetMethod) && Lambda(select.Arguments[1].Value) is { } selector
            ? (select.Arguments[0].Value, selector)
            : null;

    /// <summary>Whether <paramref name="predicate"/>, a filter's, is written as one expression (or a block that only returns it), as one this follows must be.</summary>
    public static bool IsOneExpression(IAnonymousFunctionOperation predicate) => Returned(predicate) is not null;

    /// <summary>Whether <paramref name="call"/> is a filter whose predicate this follows where its elements are used (<c>Where</c>, <c>TakeWhile</c>).</summary>
    public static bool IsFilter(IInvocationOperation call) => Filter(call) is not null;

    private static (IOperation Source, IAnonymousFunctionOperation Predicate)? Filter(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod.Name: "Where" or "TakeWhile", Arguments.Length: 2 } call && ElementMoves.Is(call.TargetMethod)
            && Lambda(call.Arguments[1].Value) is { } predicate
            ? (call.Arguments[0].Value, predicate)
            : null;

    private static IAnonymousFunctionOperation? Lambda(IOperation value) =>
        GlueFlow.Unwrap(value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;

    // What a predicate written as one expression (`d => IsRelevant(d)`, or a block that only returns it) returns.
    private static IOperation? Returned(IAnonymousFunctionOperation predicate) =>
        predicate.Body.Operations.Length == 1 && predicate.Body.Operations[0] is IReturnOperation { ReturnedValue: { } value } ? value : null;
}
