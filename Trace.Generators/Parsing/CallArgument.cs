using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// What a call passes for one parameter of the method its interceptor calls. That method's parameters are the call's own,
/// except for a member of an extension block, whose implementation takes the receiver first (<c>text.Shout(2)</c> calls
/// <c>Shout(text, 2)</c>): the receiver is then an argument like the others.
/// </summary>
internal sealed record CallArgument(ArgumentKind Kind, IOperation Value)
{
    /// <summary>The argument <paramref name="call"/> gives for <paramref name="parameter"/> of the method its interceptor calls, or null.</summary>
    public static CallArgument? For(IInvocationOperation call, IParameterSymbol parameter)
    {
        var member = call.TargetMethod;
        var ordinal = parameter.Ordinal;
        if (ExtensionMembers.IsExtensionMember(member))
        {
            if (!member.IsStatic)
            {
                if (ordinal == 0) return call.Instance is { } receiver ? new CallArgument(ArgumentKind.Explicit, receiver) : null;
                ordinal--;
            }

            return ordinal < member.Parameters.Length ? Of(Find(call, member.Parameters[ordinal])) : null;
        }

        return Of(Find(call, parameter));
    }

    /// <summary>Every argument of <paramref name="call"/>, an extension block member's receiver first.</summary>
    public static IEnumerable<CallArgument> All(IInvocationOperation call)
    {
        if (ExtensionMembers.Receiver(call.TargetMethod) is not null && call.Instance is { } receiver) yield return new CallArgument(ArgumentKind.Explicit, receiver);
        foreach (var argument in call.Arguments) yield return new CallArgument(argument.ArgumentKind, argument.Value);
    }

    private static IArgumentOperation? Find(IInvocationOperation call, IParameterSymbol parameter)
    {
        foreach (var argument in call.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition)) return argument;
        }

        return null;
    }

    private static CallArgument? Of(IArgumentOperation? argument) => argument is null ? null : new CallArgument(argument.ArgumentKind, argument.Value);
}
