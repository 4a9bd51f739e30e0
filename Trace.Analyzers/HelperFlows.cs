using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Untraced methods of the project (helpers) that pass what they are given on to a traced call where the runtime cannot
/// link it: changed on the way (<c>Complete($"Docs: {docs}")</c>), or a value type, which has no identity. A traced result
/// given to such a helper reaches that call with no edge: the helper's parameter is not a traced call's result inside it,
/// and no slot crosses a method boundary. Found per helper, once per compilation, through the helpers it calls in turn.
/// </summary>
internal sealed class HelperFlows(Compilation compilation, Func<SyntaxTree, SemanticModel> modelOf, Func<IInvocationOperation, bool> isTracedCall, CancellationToken cancellationToken)
{
    private const int MaxDepth = 4;
    // Read under a lock: a helper's entry is a placeholder while it is read (for recursion), which no other thread may see.
    private readonly Dictionary<IMethodSymbol, ImmutableArray<Loss>> _losses = new(SymbolEqualityComparer.Default);
    private readonly Lazy<HashSet<string>> _candidates = new(() => Candidates(compilation, cancellationToken));

    /// <summary>
    /// A parameter of a helper whose value reaches a traced call unlinked: the call, and the helpers on the way. When
    /// <paramref name="Unchanged"/>, a sequence passed on as it is, which loses only the elements of a sequence computed as
    /// it is enumerated (an iterator's, a LINQ query's): the caller's argument decides.
    /// </summary>
    public readonly record struct Loss(int Ordinal, string Consumer, string Through, bool ValueType, bool Unchanged = false)
    {
        /// <summary>How the helpers on the way are said to pass the value on, after their names.</summary>
        public string Which => Through.Contains("', then '") ? "which are not traced and pass it" : "which is not traced and passes it";
    }

    /// <summary>Whether a method of this name may be such a helper, by syntax alone (no binding): the check to make first.</summary>
    public bool MayBeHelper(string name) => _candidates.Value.Contains(name);

    /// <summary>The parameters of <paramref name="helper"/> whose values reach a traced call unlinked; empty for any other method.</summary>
    public ImmutableArray<Loss> Of(IMethodSymbol helper)
    {
        if (!_candidates.Value.Contains(helper.Name)) return [];
        lock (_losses) return Of(helper, 0);
    }

    private ImmutableArray<Loss> Of(IMethodSymbol helper, int depth)
    {
        helper = (helper.ReducedFrom ?? helper).OriginalDefinition;
        if (helper.MethodKind != MethodKind.Ordinary || helper.IsAbstract || helper.IsExtern || helper.Parameters.Length == 0) return [];
        if (!_candidates.Value.Contains(helper.Name)) return [];
        if (_losses.TryGetValue(helper, out var known)) return known;
        // A helper reached again while it is read (recursion) loses nothing more than what is found without it.
        if (depth > MaxDepth) return [];
        _losses[helper] = [];
        return _losses[helper] = Find(helper, depth);
    }

    private ImmutableArray<Loss> Find(IMethodSymbol helper, int depth)
    {
        if (helper.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration) return [];
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null || modelOf(declaration.SyntaxTree).GetOperation(declaration, cancellationToken) is not { } operation) return [];

        var losses = new List<Loss>();
        foreach (var call in operation.Descendants().OfType<IInvocationOperation>())
        {
            var traced = isTracedCall(call);
            var inner = traced ? [] : Of(call.TargetMethod, depth + 1);
            if (!traced && inner.IsEmpty) continue;
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.ParamArray)) continue;
                foreach (var parameter in ParametersIn(argument.Value, helper))
                {
                    var direct = ReferenceEquals(ResultPaths.Unwrap(argument.Value) is IParameterReferenceOperation p ? p.Parameter.OriginalDefinition : null, parameter);
                    if (traced)
                    {
                        // Passed on unchanged, a reference keeps its identity, which links a traced call's result; what the
                        // caller made of one (glue, a member of it) is linked only at a traced call's own argument, so the
                        // caller's argument decides (and for a sequence, whether it is computed as it is enumerated).
                        if (direct && !parameter.Type.IsValueType)
                        {
                            losses.Add(new Loss(parameter.Ordinal, call.TargetMethod.Name, helper.Name, ValueType: false, Unchanged: true));
                            continue;
                        }

                        losses.Add(new Loss(parameter.Ordinal, call.TargetMethod.Name, helper.Name, direct));
                    }
                    else
                    {
                        foreach (var loss in inner.Where(l => l.Ordinal == argument.Parameter?.Ordinal))
                        {
                            // What the next helper passes on as it is loses elements only of a sequence computed as it is
                            // enumerated: the caller's, given straight through, or one made here (a list made here holds them).
                            // Any other value made here from the parameter is new, which nothing links.
                            var sequence = argument.Parameter is { } next && GlueFlow.ElementType(next.Type) is not null;
                            if (loss.Unchanged && !direct && sequence && GlueFlow.DeferredBy(argument.Value) is null) continue;
                            losses.Add(new Loss(parameter.Ordinal, loss.Consumer, helper.Name + "', then '" + loss.Through, loss.ValueType, loss.Unchanged && direct));
                        }
                    }
                }
            }

            // The object a traced call is made on, changed from a parameter (`docs.Trim().Summarize()`), is lost the same way.
            if (traced && call.Instance is { } instance && ResultPaths.Unwrap(instance) is not IParameterReferenceOperation and not IInstanceReferenceOperation)
            {
                foreach (var parameter in ParametersIn(instance, helper)) losses.Add(new Loss(parameter.Ordinal, call.TargetMethod.Name, helper.Name, false));
            }
        }

        return [.. losses.Distinct()];
    }

    // The helper's parameters a value is made from; not those given, inside it, to a traced call as its argument or object
    // (`Relay(Summarize(s))`), which links them there: the value is that call's result.
    private IEnumerable<IParameterSymbol> ParametersIn(IOperation value, IMethodSymbol helper) =>
        value.DescendantsAndSelf().OfType<IParameterReferenceOperation>()
            .Where(p => !GivenToTracedCallInside(p, value))
            .Select(p => p.Parameter.OriginalDefinition)
            .Where(p => SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, helper) && p.RefKind == RefKind.None)
            .Distinct<IParameterSymbol>(SymbolEqualityComparer.Default);

    private bool GivenToTracedCallInside(IOperation reference, IOperation value)
    {
        var at = reference;
        while (at.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation) at = at.Parent;
        if (ReferenceEquals(at, value) || ReferenceEquals(ResultPaths.Unwrap(value), reference)) return false;
        return at.Parent is IArgumentOperation { Parent: IInvocationOperation call } && isTracedCall(call)
            || at.Parent is IInvocationOperation { Instance: var instance } receiving && ReferenceEquals(instance, at) && isTracedCall(receiving);
    }

    // The names of the project's methods that may be such helpers, from syntax alone: a method that calls a traced
    // method's name, or another candidate's, with one of its parameters among the arguments (to a fixed point). Only
    // those are bound, so a project's other methods cost nothing more.
    private static HashSet<string> Candidates(Compilation compilation, CancellationToken cancellationToken)
    {
        var tracedNames = TracedNames.Of(compilation, cancellationToken);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        if (tracedNames is null)
        {
            // Aliases may name the attributes: every method may be one.
            foreach (var method in Methods(compilation, cancellationToken)) candidates.Add(method.Identifier.ValueText);
            return candidates;
        }

        var methods = Methods(compilation, cancellationToken).Where(m => m.ParameterList.Parameters.Count > 0).ToList();
        for (var round = 0; round <= MaxDepth; round++)
        {
            var added = false;
            foreach (var method in methods)
            {
                if (candidates.Contains(method.Identifier.ValueText)) continue;
                var parameters = new HashSet<string>(method.ParameterList.Parameters.Select(p => p.Identifier.ValueText), StringComparer.Ordinal);
                var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                if (body is null) continue;
                var passes = body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                    (tracedNames.All.Contains(TracedNames.InvokedName(i)) || candidates.Contains(TracedNames.InvokedName(i)))
                    && i.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => parameters.Contains(n.Identifier.ValueText)));
                if (passes) added |= candidates.Add(method.Identifier.ValueText);
            }

            if (!added) break;
        }

        return candidates;
    }

    private static IEnumerable<MethodDeclarationSyntax> Methods(Compilation compilation, CancellationToken cancellationToken) =>
        compilation.SyntaxTrees.Where(t => !OwnOutput.Is(t)).SelectMany(t => t.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<MethodDeclarationSyntax>());

}
