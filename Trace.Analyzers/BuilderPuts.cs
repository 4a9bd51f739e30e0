using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// What one call on a <c>StringBuilder</c> puts into it, and how: the rule the generator's interceptors follow (see
/// <see cref="TextBuilderCalls"/>), read the same way for the member the text is made in and for the methods that fill it.
/// </summary>
internal static class BuilderPuts
{
    /// <summary>How a value goes into the builder.</summary>
    public enum Way
    {
        /// <summary>Appended or inserted by an intercepted member: linked when it is a result unchanged.</summary>
        Appended,

        /// <summary>A part or the separator of <c>AppendJoin</c> over strings: linked when unchanged.</summary>
        Joined,

        /// <summary>A hole of an interpolated append, which the compiler's handler appends: never linked.</summary>
        Interpolated,

        /// <summary>Through any other member (<c>AppendFormat</c>, a substring, a value type): never linked.</summary>
        Other,
    }

    /// <summary>One value a call puts in; <paramref name="Parts"/> when it is a collection whose elements go in.</summary>
    public readonly record struct Put(IOperation Value, Way Way, bool Parts);

    /// <summary>What <paramref name="call"/> puts into the builder it is made on.</summary>
    public static IEnumerable<Put> Of(IInvocationOperation call)
    {
        var kind = TextBuilderCalls.Of(call.TargetMethod);
        var join = ResultPaths.JoinsText(call.TargetMethod) ? Combiners.Of(call.TargetMethod) : null;
        foreach (var argument in call.Arguments)
        {
            if (join is { } joined)
            {
                yield return new Put(argument.Value, Way.Joined, argument.Parameter?.Ordinal == joined.PartsIndex);
            }
            else if (kind is not (TextBuilderCalls.Kind.None or TextBuilderCalls.Kind.Built))
            {
                if (argument.Parameter?.Ordinal == TextBuilderCalls.ValueIndex(kind)) yield return new Put(argument.Value, Way.Appended, Parts: false);
            }
            else
            {
                var interpolated = argument.Value is IInterpolatedStringHandlerCreationOperation or IInterpolatedStringOperation;
                yield return new Put(argument.Value, interpolated ? Way.Interpolated : Way.Other, Parts: false);
            }
        }
    }

    /// <summary>Whether the builder's text links what goes in this way, when it is a result unchanged.</summary>
    public static bool Links(Way way) => way is Way.Appended or Way.Joined;
}
