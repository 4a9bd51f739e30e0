using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// Code of the project the compiler or the framework runs without a call written in source: a user-defined conversion or
/// operator, and a <c>ToString()</c> override an interpolation or a framework method given the object as <c>object</c> runs
/// (<c>$"{_persona}"</c>, <c>string.Format("{0}", _persona)</c>). The generator reads only what a traced body names, so a
/// trainable value such code reads is never a dependency.
/// </summary>
internal static class ImplicitUserCode
{
    /// <summary>One such run: the method, how it runs (for the message), and the object it runs on, if it has one.</summary>
    public readonly record struct Run(IMethodSymbol Method, string How, IOperation? On);

    /// <summary>The code of the project <paramref name="operation"/> runs implicitly, or null.</summary>
    public static Run? Of(IOperation operation)
    {
        switch (operation)
        {
            case IConversionOperation { OperatorMethod: { } conversion } converted when InSource(conversion):
                return new Run(conversion, "a conversion the compiler calls here", converted.Operand);
            case IBinaryOperation { OperatorMethod: { } binary } operands when InSource(binary):
                var left = Unboxed(operands.LeftOperand);
                return new Run(binary, "an operator the compiler calls here",
                    SymbolEqualityComparer.Default.Equals(left.Type, binary.ContainingType) ? left : Unboxed(operands.RightOperand));
            case IUnaryOperation { OperatorMethod: { } unary } operand when InSource(unary):
                return new Run(unary, "an operator the compiler calls here", Unboxed(operand.Operand));
            case IInterpolationOperation { Expression: var interpolated } when ToStringOf(Unboxed(interpolated).Type) is { } shown:
                return new Run(shown, "the interpolation calls it here", Unboxed(interpolated));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null, Type.SpecialType: SpecialType.System_String } concatenation
                when ToStringOfOperand(concatenation) is { } operand:
                // `_persona + q`: the compiler concatenates the object's ToString().
                return new Run(operand.Shown, "the string concatenation calls it here", operand.Value);
            case IArgumentOperation { Parameter: { } parameter, Value: var given } when parameter.ContainingSymbol is IMethodSymbol { DeclaringSyntaxReferences.Length: 0 } framework
                && GivesElements(parameter) && ElementsOf(given).Select(Unboxed).FirstOrDefault(e => ToStringOf(e.Type) is not null) is { } element:
                // `string.Join(",", _persona, q)`, `string.Join(",", new object[] { _persona, q })`.
                return new Run(ToStringOf(element.Type)!, $"'{framework.ContainingType.Name}.{framework.Name}' may call it on the elements it is given", element);
            case IArgumentOperation { Parameter: { } parameter, Value: var value } when (parameter.Type.SpecialType == SpecialType.System_Object || parameter.OriginalDefinition.Type is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method })
                && parameter.ContainingSymbol is IMethodSymbol { DeclaringSyntaxReferences.Length: 0 } framework && ToStringOf(Unboxed(value).Type) is { } shown:
                return new Run(shown, $"'{framework.ContainingType.Name}.{framework.Name}' may call it on the object it is given", Unboxed(value));
            case IArgumentOperation { Parameter: { } parameter, Value: var value } when parameter.ContainingSymbol is IMethodSymbol { DeclaringSyntaxReferences.Length: 0 } framework
                && GivesElements(parameter) && ToStringOf(ElementType(Unboxed(value).Type)) is { } shown:
                // `string.Join(", ", _personas)`: the framework prints each element.
                return new Run(shown, $"'{framework.ContainingType.Name}.{framework.Name}' may call it on the elements it is given", Unboxed(value));
            case IRecursivePatternOperation { DeconstructSymbol: IMethodSymbol { IsStatic: false } deconstruct } positional
                when InSource(deconstruct) || deconstruct.IsImplicitlyDeclared && deconstruct.ContainingType.IsRecord:
                // `_pair is (var system, _)`: a positional pattern deconstructs the value.
                return new Run(deconstruct, "a positional pattern calls it here", positional.Parent is IIsPatternOperation matched ? matched.Value : null);
            case IDeconstructionAssignmentOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax syntax, SemanticModel: { } model } deconstruction
                when Microsoft.CodeAnalysis.CSharp.CSharpExtensions.GetDeconstructionInfo(model, syntax).Method is { IsStatic: false } deconstruct
                && (InSource(deconstruct) || deconstruct.IsImplicitlyDeclared && deconstruct.ContainingType.IsRecord):
                return new Run(deconstruct, "a deconstruction calls it here", deconstruction.Value);
            default:
                return null;
        }
    }

    // The project's ToString() the object's class runs, when it is not object's or a framework type's: an override with a
    // body, or the one the compiler writes for a record.
    private static IMethodSymbol? ToStringOf(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.GetMembers("ToString").OfType<IMethodSymbol>().FirstOrDefault(m => m is { Parameters.Length: 0, IsStatic: false, IsOverride: true }) is { } found)
            {
                return found.Locations.Any(l => l.IsInSource) ? found : null;
            }
        }

        return null;
    }

    // A parameter of a collection of the method's own type parameter, or of objects (`IEnumerable<T> values`, `object[] args`).
    private static bool GivesElements(IParameterSymbol parameter) => parameter.OriginalDefinition.Type switch
    {
        IArrayTypeSymbol { ElementType: var element } => element.SpecialType == SpecialType.System_Object || IsMethodTypeParameter(element),
        INamedTypeSymbol { Name: "IEnumerable", TypeArguments.Length: 1 } enumerable => IsMethodTypeParameter(enumerable.TypeArguments[0]),
        INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments.Length: 1 } span => IsMethodTypeParameter(span.TypeArguments[0]) || span.TypeArguments[0].SpecialType == SpecialType.System_Object,
        _ => false,
    };

    // A method's own type parameter (`Join<T>(string, IEnumerable<T>)`): what it is given is formatted, not stored as a
    // collection's `T` is (`List<T>.Add(T)`).
    private static bool IsMethodTypeParameter(ITypeSymbol type) => type is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method };

    // The elements written where a collection is given: an array or a collection expression, also the one `params` makes.
    private static IEnumerable<IOperation> ElementsOf(IOperation given)
    {
        while (given is IConversionOperation { OperatorMethod: null } conversion) given = conversion.Operand;
        return given switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            _ => [],
        };
    }

    private static ITypeSymbol? ElementType(ITypeSymbol? collection) => collection switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol named => named.AllInterfaces.Add(named).FirstOrDefault(i => i is { Name: "IEnumerable", TypeArguments.Length: 1 })?.TypeArguments[0],
        _ => null,
    };

    /// <summary>
    /// The members a method the compiler writes for a record reads, when they are <c>[Trainable]</c>: its <c>ToString()</c>
    /// prints the public ones, its <c>Deconstruct</c> reads the positional ones.
    /// </summary>
    public static IEnumerable<ISymbol> WrittenByCompilerReads(IMethodSymbol method, TraceAttributes attributes)
    {
        var members = method.ContainingType.GetMembers().Where(m => m is IPropertySymbol or IFieldSymbol && !m.IsStatic && attributes.Trainable(m) is not null);
        return method.Name == "Deconstruct"
            ? members.Where(m => method.Parameters.Any(p => p.Name == m.Name))
            : members.Where(m => m.DeclaredAccessibility == Accessibility.Public);
    }

    // The operand of a string concatenation whose ToString() the compiler calls: an object, not a string.
    private static (IMethodSymbol Shown, IOperation Value)? ToStringOfOperand(IBinaryOperation concatenation)
    {
        foreach (var operand in new[] { concatenation.LeftOperand, concatenation.RightOperand })
        {
            var value = Unboxed(operand);
            if (value.Type?.SpecialType != SpecialType.System_String && ToStringOf(value.Type) is { } shown) return (shown, value);
        }

        return null;
    }

    // The value under conversions that keep the object (to `object`, a base type, an interface; written or not).
    private static IOperation Unboxed(IOperation value)
    {
        while (value is IConversionOperation { OperatorMethod: null } conversion)
        {
            var boxing = conversion.Operand.Type is { IsValueType: true } && conversion.Type is { IsReferenceType: true };
            if (!boxing && !conversion.Conversion.IsReference && !conversion.Conversion.IsIdentity) break;
            value = conversion.Operand;
        }

        return value;
    }

    private static bool InSource(IMethodSymbol method) => method.DeclaringSyntaxReferences.Length > 0;
}
