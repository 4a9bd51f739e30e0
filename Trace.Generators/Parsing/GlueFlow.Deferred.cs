using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    private const int MaxDeferredHops = 8;

    /// <summary>
    /// What makes <paramref name="value"/> a sequence computed only as it is enumerated, said for a message ("LINQ's
    /// 'OrderBy'", "the iterator 'Summaries'"): a call of LINQ that returns a sequence, or of an iterator method, directly or
    /// through locals set once. A traced call given one reads no element of it as it starts (none exists yet), so elements
    /// that flow into it link only where the generator links them as glue. Null for any other value: a list, an array, what
    /// a method returned, which tracing reads at run time.
    /// </summary>
    public static string? DeferredBy(IOperation value)
    {
        for (var hop = 0; hop < MaxDeferredHops; hop++)
        {
            switch (Unwrap(value))
            {
                case ILocalReferenceOperation local when EnclosingFunction(local) is { } function && SetOnceTo(local.Local, function) is { } initializer:
                    value = initializer;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "AsEnumerable", ContainingType: { Name: "Enumerable" } linq } } same when IsFramework(linq, "System.Linq") && same.Arguments.Length == 1:
                    value = same.Arguments[0].Value;
                    continue;
                case IInvocationOperation { Type.TypeKind: TypeKind.Interface } call when IsDeferredCall(call):
                    return call.TargetMethod.ContainingType.Name == "Enumerable" ? $"LINQ's '{call.TargetMethod.Name}'" : $"the iterator '{call.TargetMethod.Name}'";
                default:
                    return null;
            }
        }

        return null;
    }

    // A sequence made as it is enumerated (`var recent = history.Where(...)`) from a local changed after it is made
    // (`history.Add(Summarize(q))`): enumerated later, it reads what the local holds then, not what it held where it was
    // made, so a local set to it holds nothing the compiler can tell.
    private static bool ChangedBeforeEnumerated(IOperation value, IOperation function)
    {
        var made = Unwrap(value);
        if (made is not IInvocationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Interface } } call || !IsDeferredCall(call)) return false;
        var end = made.Syntax.Span.End;
        var uses = LocalsOf(Root(function));
        foreach (var read in made.Descendants().OfType<ILocalReferenceOperation>())
        {
            if (uses.TryGetValue(read.Local, out var use) && (use.Reassignments.Count > 0 || use.References.Any(r => r.Syntax.SpanStart >= end && !OnlyReads(r)))) return true;
        }

        return false;
    }

    private static bool IsDeferredCall(IInvocationOperation call) =>
        call.TargetMethod.ContainingType is { Name: "Enumerable" } linq && IsFramework(linq, "System.Linq") || IsIterator((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition);

    /// <summary>Whether a method is written with <c>yield return</c> in its own body (not a lambda's or a local function's), or compiled as one.</summary>
    public static bool IsIterator(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Length > 0
            ? method.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is (MethodDeclarationSyntax or LocalFunctionStatementSyntax) and var declaration && YieldsInItsOwnBody(declaration))
            : method.GetAttributes().Any(a => a.AttributeClass?.Name is "IteratorStateMachineAttribute" or "AsyncIteratorStateMachineAttribute");

    private static bool YieldsInItsOwnBody(SyntaxNode declaration) =>
        declaration.DescendantNodes(n => n == declaration || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any();
}
