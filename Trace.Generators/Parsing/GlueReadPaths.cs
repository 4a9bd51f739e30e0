using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// How the object whose <c>[Trainable]</c> member glue code reads (<c>Answer(_options.Prompt + question)</c>) is found
/// again when the traced call is recorded: through fields and auto-properties (<see cref="AccessPaths"/>) from <c>this</c> of
/// the method the glue is written in, or from a static member. A read the glue makes through a local
/// (<c>var p = _options.Prompt + q; ...; Answer(p)</c>) is followed only through members that cannot change in between:
/// readonly fields, properties without a setter or with <c>init</c>, and primary-constructor parameters never assigned.
/// </summary>
/// <remarks>Shared by the generator, which records the path, and the analyzer, which reports the reads it cannot link.</remarks>
internal static class GlueReadPaths
{
    /// <summary>Two reads of the same member on the same path (<c>Prompt</c> and <c>this.Prompt</c> are one).</summary>
    public static IEqualityComparer<IMemberReferenceOperation> SameRead { get; } = new ReadComparer();

    /// <summary>
    /// The path to the object a read of a trainable member on another object than <c>this</c> is made on, when the runtime can
    /// follow it from the glue's <c>this</c> or from a static member; otherwise null. <paramref name="argument"/> is the traced
    /// call's argument the glue makes.
    /// </summary>
    public static AccessPaths.Path? Of(IMemberReferenceOperation read, IOperation argument) => Of(read, argument, out _);

    /// <inheritdoc cref="Of(IMemberReferenceOperation, IOperation)"/>
    /// <param name="reason">Why the path cannot be followed, when it cannot.</param>
    public static AccessPaths.Path? Of(IMemberReferenceOperation read, IOperation argument, out string? reason)
    {
        reason = null;
        if (read.Member.IsStatic || read.Instance is null or IInstanceReferenceOperation) return null;
        if (read.SemanticModel is not { } model || model.GetEnclosingSymbol(read.Syntax.SpanStart) is not IMethodSymbol method)
        {
            reason = "it is read outside a method";
            return null;
        }

        var path = AccessPaths.Resolve(read.Instance, method, model.Compilation, out reason);
        if (path is null) return null;
        if (path is not { Argument: null, Steps.Count: > 0 })
        {
            reason = path.Argument is { } parameter ? $"it is reached through the parameter '{parameter.Name}', which the call does not see" : "it is reached through an expression the compiler cannot follow";
            return null;
        }

        var inArgument = read.Syntax.SyntaxTree == argument.Syntax.SyntaxTree && argument.Syntax.Span.Contains(read.Syntax.Span);
        if (path.Steps.FirstOrDefault(s => !CannotChange(s.Member)) is { } changing)
        {
            if (!inArgument)
            {
                reason = $"it is read before the call through '{changing.Member.Name}', which may hold another object by then (make it readonly, or read the value in the argument itself)";
                return null;
            }

            if (ProgramCodeAfter(read, argument) is { } code)
            {
                reason = $"it is read through '{changing.Member.Name}', which may hold another object once '{code.Syntax}' has run, before the call (make it readonly)";
                return null;
            }
        }

        return path;
    }

    // Code of the program's that runs after the read and before the call (later in the argument, or in a later argument of
    // the call) could put another object on the path.
    private static IOperation? ProgramCodeAfter(IOperation read, IOperation argument)
    {
        var arguments = argument.Parent is IArgumentOperation { Parent: IInvocationOperation call } ? call.Arguments.Cast<IOperation>() : [argument];
        var end = read.Syntax.Span.End;
        foreach (var operation in arguments.SelectMany(a => a.DescendantsAndSelf()))
        {
            if (operation.Syntax.SpanStart < end) continue;
            var runs = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke || IsProgramCode(invocation.TargetMethod),
                IObjectCreationOperation { Constructor: { } constructor } => IsProgramCode(constructor),
                IPropertyReferenceOperation { Property: var property } => !GlueFlow.IsAutoProperty(property) && property.GetMethod is { } getter && IsProgramCode(getter),
                ISimpleAssignmentOperation or ICompoundAssignmentOperation or ICoalesceAssignmentOperation or IIncrementOrDecrementOperation => true,
                _ => false,
            };
            if (runs) return operation;
        }

        return null;
    }

    private static bool IsProgramCode(IMethodSymbol method) => !method.DeclaringSyntaxReferences.IsDefaultOrEmpty;

    /// <summary>Whether the path starts at a static member: then the glue's <c>this</c> is not needed to follow it.</summary>
    public static bool StartsStatic(AccessPaths.Path path) => path.Steps[0].IsStatic;

    private static bool CannotChange(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.IsConst,
        IPropertySymbol property => property.SetMethod is null or { IsInitOnly: true },
        IParameterSymbol parameter => !AccessPaths.IsReassigned(parameter),
        _ => false,
    };

    private sealed class ReadComparer : IEqualityComparer<IMemberReferenceOperation>
    {
        public bool Equals(IMemberReferenceOperation? x, IMemberReferenceOperation? y) =>
            ReferenceEquals(x, y) || x is not null && y is not null && SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && PathText(x.Instance) == PathText(y.Instance);

        public int GetHashCode(IMemberReferenceOperation obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Member);

        private static string PathText(IOperation? instance) => instance switch
        {
            null or IInstanceReferenceOperation => "",
            IConversionOperation { IsImplicit: true } conversion => PathText(conversion.Operand),
            IParenthesizedOperation parenthesized => PathText(parenthesized.Operand),
            IMemberReferenceOperation member => PathText(member.Instance) + "." + member.Member.Name,
            _ => instance.Syntax.ToString(),
        };
    }
}
