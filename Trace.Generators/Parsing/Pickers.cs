using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// LINQ's methods that return one of a sequence's elements as it is (<c>First</c>, <c>Last</c>, <c>Single</c>,
/// <c>ElementAt</c>, their <c>OrDefault</c> forms, <c>MaxBy</c>, <c>MinBy</c>, <c>Max</c>, <c>Min</c>), which the generator
/// intercepts where they pick a text or an object a traced method returns. The interceptor leaves the picked value's own node
/// (found by its identity) in the slot of its location, as a traced call leaves its result's: glue made from it
/// (<c>best + "!"</c> after <c>summaries.MaxBy(s => s.Length)</c>, <c>best.Text</c> after <c>drafts.MaxBy(d => d.Score)</c>)
/// links to whichever result was picked.
/// </summary>
internal static class Pickers
{
    /// <summary>Whether a call's name may be a picker's, by its syntax alone.</summary>
    public static bool MayBe(string name) => name is "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault"
        or "ElementAt" or "ElementAtOrDefault" or "MaxBy" or "MinBy" or "Max" or "Min";

    /// <summary>
    /// Whether <paramref name="call"/> is a picker written in a function that calls a traced method (only there can glue made
    /// from the pick be claimed), whose element is a text or an object of a type such a call returns (a member of it read,
    /// <c>best.Text</c>, is glue over it): a producer of glue whose slot, like a combiner's, never keeps the running call.
    /// Elsewhere no pick is intercepted, so code that never traces pays nothing for it.
    /// </summary>
    public static bool IsGlueProducer(IInvocationOperation call) =>
        call.Syntax is InvocationExpressionSyntax && call.Type is { IsReferenceType: true } picked && Is(call.TargetMethod)
        && !call.IsInExpressionTree() && GlueFlow.EnclosingFunction(call) is { } function
        && function.Descendants().Any(o => o is IInvocationOperation { TargetMethod: var target } && target.IsTracedMethod()
            && (picked.SpecialType == SpecialType.System_String || MayReturn(target, picked)));

    // Whether a traced method's result (awaited, for an async one) may be an object of the picked type.
    private static bool MayReturn(IMethodSymbol traced, ITypeSymbol picked)
    {
        var returned = KnownTypes.Awaited(traced.ReturnType)!;
        if (picked.SpecialType == SpecialType.System_Object || picked.TypeKind == TypeKind.TypeParameter) return false;
        for (var type = returned; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, picked)) return true;
        }

        return returned.AllInterfaces.Contains(picked, SymbolEqualityComparer.Default);
    }

    /// <summary>Whether <paramref name="method"/> is one of LINQ's methods that returns an element of its source as it is.</summary>
    public static bool Is(IMethodSymbol method)
    {
        if (!method.IsStatic && method.ReducedFrom is null || !MayBe(method.Name)) return false;
        var declared = (method.ReducedFrom ?? method).OriginalDefinition;
        if (declared.ContainingType is not { Name: "Enumerable" } enumerable || !GlueFlow.IsFramework(enumerable, "System.Linq")
            || declared.ContainingAssembly?.Name is not { } assembly || !FrameworkAssemblies.Contains(assembly)) return false;
        // Of the source's own type (`Max<TSource>(source)`), not what a selector makes of it (`Max<TSource, TResult>(source, selector)`).
        return declared.TypeParameters.Length > 0 && declared.Parameters.Length > 0
            && SymbolEqualityComparer.Default.Equals(declared.ReturnType.WithNullableAnnotation(NullableAnnotation.None), declared.TypeParameters[0])
            && declared.Parameters[0].Type is INamedTypeSymbol { TypeArguments.Length: 1 } source && KnownTypes.IsEnumerableOfT(source)
            && SymbolEqualityComparer.Default.Equals(source.TypeArguments[0], declared.TypeParameters[0]);
    }
}
