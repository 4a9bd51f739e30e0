using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The framework's guard methods that throw when what they are given fails their test (<c>ArgumentNullException.ThrowIfNull</c>,
/// <c>ArgumentException.ThrowIfNullOrWhiteSpace</c>, <c>ArgumentOutOfRangeException.ThrowIfNegative</c>,
/// <c>ObjectDisposedException.ThrowIf</c>): a statement calling one is a guard, as <c>if (...) throw ...;</c> is, and what it
/// tests decides whether the code after it runs.
/// </summary>
internal static class ThrowHelpers
{
    /// <summary>Whether <paramref name="operation"/> calls such a method.</summary>
    public static bool Is(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType: { } thrown } method }
        && method.Name.StartsWith("ThrowIf", System.StringComparison.Ordinal) && GlueFlow.IsFramework(thrown, "System")
        && thrown.ContainingAssembly?.Name is { } assembly && FrameworkAssemblies.Contains(assembly)
        && IsException(thrown);

    /// <summary>
    /// Whether the helper runs nothing of what it is given: it tests a value for null or emptiness, or a condition, and names
    /// an object by its type (<c>ThrowIfNull</c>, <c>ThrowIfNullOrEmpty</c>, <c>ThrowIfNullOrWhiteSpace</c>, <c>ThrowIf</c>), where
    /// the comparing ones (<c>ThrowIfEqual</c>, <c>ThrowIfGreaterThan</c>) call the values' own comparisons.
    /// </summary>
    public static bool RunsNothingGiven(IInvocationOperation helper) =>
        Is(helper) && helper.TargetMethod.Name is "ThrowIfNull" or "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace" or "ThrowIf";

    /// <summary>
    /// The exception types the method throws: the type that declares it, and <c>ArgumentNullException</c> for the null-or-empty
    /// tests of <c>ArgumentException</c>.
    /// </summary>
    public static IReadOnlyList<ITypeSymbol> Thrown(IInvocationOperation helper)
    {
        var declaring = helper.TargetMethod.ContainingType;
        return helper.TargetMethod.Name is "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace" && declaring.Name == "ArgumentException"
            && helper.SemanticModel?.Compilation.GetTypeByMetadataName("System.ArgumentNullException") is { } nullArgument
            ? [declaring, nullArgument]
            : [declaring];
    }

    private static bool IsException(ITypeSymbol type)
    {
        for (var at = type; at is not null; at = at.BaseType)
        {
            if (at is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }) return true;
        }

        return false;
    }
}
