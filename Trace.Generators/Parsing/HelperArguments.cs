using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The arguments a helper (an untraced method the generator walks from a traced body) was called with: inside the
/// helper, a read through one of its parameters is a read through the expression the caller passed, resolved in the
/// caller's scope. <c>Helpers.PromptOf(this)</c> reading <c>agent.Prompt</c> reads the traced call's own <c>Prompt</c>.
/// </summary>
/// <remarks>
/// A parameter passed on unchanged (<c>Inner(book)</c> inside <c>Outer(PromptBook book)</c>) takes the value its caller
/// passed, so two calls that pass the same objects are equal whatever path led to them: a helper is read once per
/// distinct set of objects, not once per path (helpers calling helpers several times would make paths exponential).
/// </remarks>
internal sealed class HelperArguments : System.IEquatable<HelperArguments>
{
    private readonly IMethodSymbol _helper;
    private readonly SortedDictionary<int, Passed> _values = new();

    private HelperArguments(IMethodSymbol helper) => _helper = Declaration(helper);

    /// <summary>An expression passed for a parameter, and the arguments of the helper it is written in (null: the traced body).</summary>
    public readonly record struct Passed(IOperation Value, HelperArguments? Scope);

    /// <summary>The arguments of <paramref name="invocation"/> (a call of a helper written in <paramref name="caller"/>'s scope).</summary>
    public static HelperArguments Of(IInvocationOperation invocation, HelperArguments? caller)
    {
        var arguments = new HelperArguments(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod);
        // An extension block member's receiver is its block's parameter, kept before the member's own.
        if (ExtensionMembers.Receiver(invocation.TargetMethod) is not null && invocation.Instance is { } receiver) arguments._values[ReceiverKey] = arguments.Value(receiver, caller);
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.ArgumentKind != ArgumentKind.Explicit) continue;
            arguments._values[parameter.Ordinal] = arguments.Value(argument.Value, caller);
        }

        return arguments;
    }

    private const int ReceiverKey = -1;

    private Passed Value(IOperation value, HelperArguments? caller) =>
        Unwrap(value) is IParameterReferenceOperation reference && caller?.ValueOf(reference.Parameter) is { } passedOn && !AccessPaths.IsReassigned(reference.Parameter)
            ? passedOn
            : new Passed(value, ReadsParameterOf(value, caller) ? caller : null);

    /// <summary>The expression passed for <paramref name="parameter"/>, if it is a parameter of this helper.</summary>
    public Passed? ValueOf(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is IMethodSymbol method)
        {
            return SymbolEqualityComparer.Default.Equals(Declaration(method), _helper) && _values.TryGetValue(parameter.Ordinal, out var value) ? value : null;
        }

        return ExtensionMembers.Receiver(_helper) is { } receiver && SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition, receiver.OriginalDefinition)
            && _values.TryGetValue(ReceiverKey, out var passed) ? passed : null;
    }

    public bool Equals(HelperArguments? other) =>
        other is not null && (ReferenceEquals(this, other) || (SymbolEqualityComparer.Default.Equals(_helper, other._helper) && _values.Count == other._values.Count
            && _values.All(p => other._values.TryGetValue(p.Key, out var o) && ReferenceEquals(p.Value.Value, o.Value) && Equals(p.Value.Scope, o.Scope))));

    public override bool Equals(object? obj) => Equals(obj as HelperArguments);

    public override int GetHashCode()
    {
        var hash = SymbolEqualityComparer.Default.GetHashCode(_helper);
        foreach (var pair in _values) hash = (hash * 31) + (pair.Key * 7) + RuntimeHelpers.GetHashCode(pair.Value.Value) + ((pair.Value.Scope?.GetHashCode() ?? 0) * 17);
        return hash;
    }

    // Whether an expression reads a parameter its caller's arguments give a value to: only then does it need that scope
    // (a literal or a field passed from any path is the same argument).
    private static bool ReadsParameterOf(IOperation value, HelperArguments? caller) =>
        caller is not null && value.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => caller.ValueOf(p.Parameter) is not null);

    private static IOperation Unwrap(IOperation operation) => operation switch
    {
        IConversionOperation { IsImplicit: true } conversion => Unwrap(conversion.Operand),
        IParenthesizedOperation parenthesized => Unwrap(parenthesized.Operand),
        _ => operation,
    };

    // A partial method's parameters are read in its implementation part and bound at the call to its definition part.
    private static IMethodSymbol Declaration(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).OriginalDefinition;
}
