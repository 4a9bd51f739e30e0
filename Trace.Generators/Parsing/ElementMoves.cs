using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// LINQ's methods that take, skip, order, count or hand back a sequence's elements without calling anything of theirs: no
/// <c>Equals</c>, <c>GetHashCode</c>, <c>ToString</c> or <c>CompareTo</c> of an element runs (<c>First</c>, <c>Where</c>,
/// <c>OrderBy</c>, <c>MaxBy</c>, <c>ToList</c>). What they run of the program's is only the lambdas they are given, and the
/// comparisons of the keys those lambdas return (a type parameter named <c>TKey</c>). Not <c>Contains</c>, <c>Distinct</c>,
/// <c>Max</c> or <c>GroupBy</c>, which compare or hash the elements or keys themselves.
/// </summary>
internal static class ElementMoves
{
    /// <summary>Whether <paramref name="method"/> is one of those methods of the framework's <c>System.Linq.Enumerable</c>.</summary>
    public static bool Is(IMethodSymbol method)
    {
        var declared = (method.ReducedFrom ?? method).OriginalDefinition;
        return declared.IsStatic && declared.Name is "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault" or "ElementAt"
                or "ElementAtOrDefault" or "Where" or "Select" or "Take" or "Skip" or "TakeLast" or "SkipLast" or "TakeWhile" or "SkipWhile" or "ToList"
                or "ToArray" or "Count" or "LongCount" or "Any" or "All" or "Reverse" or "Concat" or "Append" or "Prepend" or "AsEnumerable" or "OfType"
                or "DefaultIfEmpty" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "MaxBy" or "MinBy"
            && declared.ContainingType is { Name: "Enumerable" } enumerable && GlueFlow.IsFramework(enumerable, "System.Linq")
            && declared.ContainingAssembly?.Name is { } assembly && FrameworkAssemblies.Contains(assembly);
    }

    /// <summary>The type arguments of <paramref name="method"/> (as a call's operation names it, its static form) the framework compares: its keys'.</summary>
    public static IEnumerable<ITypeSymbol> ComparedTypes(IMethodSymbol method)
    {
        var parameters = method.OriginalDefinition.TypeParameters;
        for (var i = 0; i < parameters.Length && i < method.TypeArguments.Length; i++)
        {
            if (parameters[i].Name == "TKey") yield return method.TypeArguments[i];
        }
    }
}
