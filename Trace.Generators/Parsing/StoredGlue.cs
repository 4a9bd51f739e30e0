using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// Calls that put a value into a collection of the framework (<c>messages.Add(summary + "!")</c>, <c>queue.Enqueue(...)</c>,
/// <c>map.TryAdd(key, ...)</c>). When the value is glue over traced calls whose flow the compiler proves exact, the generator
/// intercepts the call to record that glue as the value's producer, so the value links to those calls by its identity
/// wherever the collection goes next. The same holds for glue put into a <c>StringBuilder</c> (<c>prompt.AppendLine("- " +
/// doc)</c>), whose text then links to it as a part. The analyzer reads the same rule, so what the generator links it does
/// not report.
/// </summary>
internal static class StoredGlue
{
    private static readonly string[] s_names = ["Add", "TryAdd", "Insert", "Enqueue", "Push", "AddFirst", "AddLast"];

    // Collections whose adding members run no code of the program's; an immutable collection's Add returns a new one.
    private static readonly string[] s_namespaces = ["System.Collections.Generic", "System.Collections.Concurrent", "System.Collections.ObjectModel"];

    /// <summary>Whether a call of this name may be one, by its syntax alone.</summary>
    public static bool MayBe(string name) => Array.IndexOf(s_names, name) >= 0 || name is "Append" or "AppendLine";

    /// <summary>
    /// The arguments <paramref name="call"/> puts into the collection it is made on as elements (of a parameter typed by one
    /// of the collection's type parameters: the item, a dictionary's key or value), each with an identity to be linked by;
    /// empty for any other call, and for one generated code cannot intercept (a type it cannot name, an expression tree).
    /// </summary>
    public static IEnumerable<IArgumentOperation> Values(IInvocationOperation call, Compilation compilation)
    {
        var method = call.TargetMethod;
        if (method.IsStatic || call.Instance is null || !MayBe(method.Name)) return [];
        if (TextBuilderCalls.Of(method) is var put && put != TextBuilderCalls.Kind.None) return BuilderValue(call, put);
        if (!IsFrameworkCollection(method.ContainingType)) return [];
        var values = call.Arguments.Where(a => a.ArgumentKind == ArgumentKind.Explicit
            && a.Parameter?.OriginalDefinition.Type is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type }
            && GlueFlow.Unwrap(a.Value).Type is { IsReferenceType: true }).ToList();
        return values.Count == 0 || !Interceptable(method, compilation) || call.IsInExpressionTree() ? [] : values;
    }

    // What a StringBuilder put (TextBuilderCalls) appends or inserts, when it has an identity: a value the interceptor records
    // as glue before the builder records it as a part, so the builder's text links to the calls the value was made of.
    private static IEnumerable<IArgumentOperation> BuilderValue(IInvocationOperation call, TextBuilderCalls.Kind put)
    {
        if (put == TextBuilderCalls.Kind.Built || call.IsInExpressionTree()) return [];
        var index = TextBuilderCalls.ValueIndex(put);
        return call.Arguments.Where(a => a.Parameter?.Ordinal == index && !a.Value.ConstantValue.HasValue && GlueFlow.Unwrap(a.Value).Type is { IsReferenceType: true }).ToList();
    }

    /// <summary>
    /// The value as it keeps its identity: under casts to a base type or an interface (<c>(object)Find(q)</c>), which the
    /// flow is judged on, so a result put in unchanged is linked by its identity rather than as glue.
    /// </summary>
    public static IOperation Unconverted(IOperation value)
    {
        while (value is IConversionOperation { Conversion.IsReference: true } or IConversionOperation { Conversion.IsIdentity: true } or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        return value;
    }

    /// <summary>The <c>TextBuilders</c> method a StringBuilder put's interceptor hands the call to after recording its glue; null for a collection's.</summary>
    public static string? BuilderMethod(IMethodSymbol method) => TextBuilderCalls.Of(method) switch
    {
        TextBuilderCalls.Kind.AppendText or TextBuilderCalls.Kind.AppendObject => "Append",
        TextBuilderCalls.Kind.AppendLine => "AppendLine",
        TextBuilderCalls.Kind.InsertText or TextBuilderCalls.Kind.InsertObject => "Insert",
        _ => null,
    };

    // Its interceptor names the collection's type and the method's signature.
    private static bool Interceptable(IMethodSymbol method, Compilation compilation) =>
        method.ContainingType.IsNameableFrom(compilation) && method.ReturnType.IsNameableFrom(compilation)
        && method.Parameters.All(p => p.RefKind == RefKind.None && p.Type.IsNameableFrom(compilation));

    private static bool IsFrameworkCollection(INamedTypeSymbol type) =>
        type.IsGenericType && Array.IndexOf(s_namespaces, type.ContainingNamespace?.ToDisplayString()) >= 0;
}
