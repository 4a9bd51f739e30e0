using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The collection whose elements a name stands for: a <c>foreach</c> variable (<c>foreach (var tool in _tools)</c>), or the
/// first parameter of a lambda given to a LINQ operator or a list's method (<c>_tools.Select(t =&gt; t.Description)</c>,
/// <c>_tools.Where(t =&gt; t.Enabled).Select(t =&gt; t.Description)</c>, <c>_tools.ForEach(t =&gt; ...)</c>). The name may stand
/// for any of the collection's elements, so a trainable member read on it is read on each of them.
/// </summary>
internal static class ElementSources
{
    // LINQ operators whose result's elements are some of their source's.
    private static readonly HashSet<string> Passing = new(System.StringComparer.Ordinal)
    {
        "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending", "Take", "TakeLast", "Skip",
        "SkipLast", "TakeWhile", "SkipWhile", "Distinct", "DistinctBy", "Reverse", "AsEnumerable", "ToList", "ToArray", "ToHashSet",
    };

    // LINQ operators whose lambdas' first parameter is something else than one element of the first source.
    // (`UnionBy`'s, `IntersectBy`'s and `ExceptBy`'s key selector is given the second source's elements too.)
    private static readonly HashSet<string> OtherFirstParameter = new(System.StringComparer.Ordinal)
    {
        "Aggregate", "AggregateBy", "Join", "GroupJoin", "LeftJoin", "RightJoin", "Zip", "UnionBy", "IntersectBy", "ExceptBy",
    };

    // Methods of `List<T>` and `Array` that give their lambda each element.
    private static readonly HashSet<string> ElementMethods = new(System.StringComparer.Ordinal)
    {
        "ForEach", "Find", "FindAll", "FindLast", "FindIndex", "FindLastIndex", "Exists", "TrueForAll", "ConvertAll",
    };

    /// <summary>The collection whose elements a reference to a <c>foreach</c> variable or a lambda's parameter stands for, or null.</summary>
    public static IOperation? Of(IOperation reference) => reference switch
    {
        ILocalReferenceOperation local => Of(local),
        IParameterReferenceOperation parameter => Of(parameter),
        _ => null,
    };

    // The collection a `foreach` variable takes its elements from, or null for any other local.
    private static IOperation? Of(ILocalReferenceOperation reference)
    {
        if (reference.Local.DeclaringSyntaxReferences.Length != 1) return null;
        if (reference.Local.DeclaringSyntaxReferences[0].GetSyntax() is not ForEachStatementSyntax { AwaitKeyword.RawKind: 0 } statement) return null;
        // `foreach (Book b in wrappers)` converting each element with an operator of the program's: the element is not the book.
        if (reference.SemanticModel is not { } model || model.GetForEachStatementInfo(statement).ElementConversion.IsUserDefined) return null;
        return model.GetOperation(statement) is IForEachLoopOperation loop ? Passed(loop.Collection) : null;
    }

    // The collection whose elements a lambda's first parameter takes, or null for any other parameter.
    private static IOperation? Of(IParameterReferenceOperation reference)
    {
        if (reference.Parameter is not { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda }) return null;
        var function = reference.Parent;
        while (function is not null && !(function is IAnonymousFunctionOperation anonymous && SymbolEqualityComparer.Default.Equals(anonymous.Symbol, lambda))) function = function.Parent;
        if (function?.Parent is not IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation call } argument }) return null;
        var method = call.TargetMethod;
        var type = method.ContainingType.OriginalDefinition.ToDisplayString();
        if (type == "System.Linq.Enumerable")
        {
            // The lambda is given TSource, the first source's element type, as the operator declares it (`LeftJoin`'s inner key
            // selector is given TInner, even where both are one type).
            if (OtherFirstParameter.Contains(method.Name) || method.OriginalDefinition.TypeParameters.Length == 0) return null;
            if (argument.Parameter?.OriginalDefinition.Type is not INamedTypeSymbol { DelegateInvokeMethod.Parameters: { Length: > 0 } parameters }
                || !SymbolEqualityComparer.Default.Equals(parameters[0].Type, method.OriginalDefinition.TypeParameters[0]))
            {
                return null;
            }

            var source = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
            return source is null || ReferenceEquals(source, argument) ? null : Passed(source.Value);
        }

        if (!ElementMethods.Contains(method.Name)) return null;
        if (type == "System.Collections.Generic.List<T>") return call.Instance is { } list ? Passed(list) : null;
        if (type == "System.Array" && call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) is { } array && !ReferenceEquals(array, argument)) return Passed(array.Value);
        return null;
    }

    // The collection an operator chain starts from: `_tools.Where(...).OrderBy(...)` is some of `_tools`'s elements.
    private static IOperation Passed(IOperation source)
    {
        while (true)
        {
            while (source is IConversionOperation { IsImplicit: true } conversion) source = conversion.Operand;
            if (source is not IInvocationOperation { TargetMethod: var method } call || !Passing.Contains(method.Name)
                || method.ContainingType.OriginalDefinition.ToDisplayString() != "System.Linq.Enumerable"
                || call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) is not { } inner)
            {
                return source;
            }

            source = inner.Value;
        }
    }

    /// <summary>The <c>Values</c> of a dictionary of the framework's, which the runtime reads from the dictionary.</summary>
    public static bool IsDictionaryValues(IPropertySymbol property) =>
        property is { Name: "Values", IsStatic: false, Parameters.Length: 0 } && property.ContainingType is { } type && FrameworkAssemblies.Contains(type.ContainingAssembly?.Name ?? "")
        && new[] { type }.Concat(type.AllInterfaces).Any(i => i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>");

    /// <summary>
    /// Whether the runtime can read a member of this type's elements without running code of the program's: an array, or a
    /// collection type of the framework's (a list, a set, an immutable collection, or an interface such as
    /// <c>IEnumerable&lt;T&gt;</c>, whose object is checked when the call completes).
    /// </summary>
    public static bool IsReadable(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { Rank: 1, ElementType.IsReferenceType: true } => true,
        INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface, SpecialType: not SpecialType.System_String } named =>
            FrameworkAssemblies.Contains(named.ContainingAssembly?.Name ?? "")
            && new[] { named }.Concat(named.AllInterfaces).Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T),
        _ => false,
    };
}
