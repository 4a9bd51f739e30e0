using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Reads of <c>[Trainable]</c> members of other objects inside the helpers a traced method calls (untraced methods of
/// the project, static or of the same object, which the generator reads as part of the traced body): each read is
/// followed through the helper's parameters to what the traced call passed, as the generator does, and the reads that
/// cannot be followed are returned with the reason.
/// </summary>
internal static class HelperReads
{
    private const int MaxDepth = 8;

    /// <summary>A read that cannot be followed: the member, the expression it was read on, the helper, and why.</summary>
    public sealed record Unfollowed(ISymbol Member, string Instance, IMethodSymbol Helper, string Reason);

    public static List<Unfollowed> Of(IInvocationOperation call, IMethodSymbol traced, TraceAttributes attributes, Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<Unfollowed>();
        Walk(call, traced, attributes, compilation, null, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), found, 0, cancellationToken);
        return found;
    }

    /// <summary>Whether the generator reads <paramref name="helper"/> as part of <paramref name="traced"/>'s body.</summary>
    public static bool IsWalkedHelper(IMethodSymbol helper, IMethodSymbol traced, TraceAttributes attributes) =>
        helper.DeclaringSyntaxReferences.Length > 0 && !attributes.IsTraced(helper) && helper.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
        && (helper.IsStatic || AccessPaths.IsSameOrBase(traced.ContainingType, helper.ContainingType));

    private static void Walk(
        IInvocationOperation call, IMethodSymbol traced, TraceAttributes attributes, Compilation compilation, HelperArguments? callerArguments,
        HashSet<IMethodSymbol> active, List<Unfollowed> found, int depth, CancellationToken cancellationToken)
    {
        var helper = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
        if (helper.MethodKind == MethodKind.LocalFunction || depth > MaxDepth || !active.Add(helper)) return;
        try
        {
            var arguments = HelperArguments.Of(call, callerArguments);
            foreach (var body in Bodies(helper, compilation, cancellationToken))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IMemberReferenceOperation { Instance: { } instance and not IInstanceReferenceOperation } reference
                            when AccessPaths.IsTrainableInstanceMember(reference.Member) && !IsWrite(reference):
                            if (AccessPaths.Resolve(instance, traced, compilation, out var reason, arguments) is null && reason is not null)
                            {
                                found.Add(new Unfollowed(reference.Member, instance.Syntax.ToString(), helper, reason));
                            }

                            break;
                        case IInvocationOperation nested when IsWalkedHelper(nested.TargetMethod.ReducedFrom ?? nested.TargetMethod, traced, attributes):
                            Walk(nested, traced, attributes, compilation, arguments, active, found, depth + 1, cancellationToken);
                            break;
                    }
                }
            }
        }
        finally
        {
            active.Remove(helper);
        }
    }

    private static IEnumerable<IOperation> Bodies(IMethodSymbol helper, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var reference in (helper.PartialImplementationPart ?? helper).DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is { } body) yield return body;
        }
    }

    // `other.Prompt = ...` changes the value; it is not something the result was computed from.
    internal static bool IsWrite(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;
}
