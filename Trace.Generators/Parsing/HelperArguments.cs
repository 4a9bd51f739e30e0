using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The arguments a helper (an untraced method the generator walks from a traced body) was called with: inside the
/// helper, a read through one of its parameters is a read through the expression the caller passed, itself resolved
/// in the caller's scope (<see cref="Caller"/>). <c>Helpers.PromptOf(this)</c> reading <c>agent.Prompt</c> reads the
/// traced call's own <c>Prompt</c>.
/// </summary>
internal sealed class HelperArguments
{
    private readonly IMethodSymbol _helper;
    private readonly Dictionary<int, IOperation> _values = new();

    private HelperArguments(IMethodSymbol helper, HelperArguments? caller)
    {
        _helper = Declaration(helper);
        Caller = caller;
    }

    /// <summary>The arguments of the call that reached the caller, when the caller is a helper too.</summary>
    public HelperArguments? Caller { get; }

    /// <summary>The arguments of <paramref name="invocation"/> (a call of a helper), resolved later in <paramref name="caller"/>'s scope.</summary>
    public static HelperArguments Of(IInvocationOperation invocation, HelperArguments? caller)
    {
        var arguments = new HelperArguments(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod, caller);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit) arguments._values[parameter.Ordinal] = argument.Value;
        }

        return arguments;
    }

    /// <summary>The expression passed for <paramref name="parameter"/>, if it is a parameter of this helper.</summary>
    public IOperation? ValueOf(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol method && SymbolEqualityComparer.Default.Equals(Declaration(method), _helper)
            && _values.TryGetValue(parameter.Ordinal, out var value) ? value : null;

    // A partial method's parameters are read in its implementation part and bound at the call to its definition part.
    private static IMethodSymbol Declaration(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).OriginalDefinition;
}
