using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// What makes a traced method untraceable whatever the call: the reasons the declaration diagnostics give (OPTO001,
/// OPTO002), which the generator also reads to leave every call of such a method alone, and the analyzer to report the
/// calls of one declared in another assembly. Compiled into the generator and the analyzers.
/// </summary>
internal static class DeclarationRule
{
    /// <summary>Why no call of <paramref name="method"/> can be intercepted (OPTO001), or null.</summary>
    public static string? NotInterceptable(IMethodSymbol method)
    {
        switch (method.MethodKind)
        {
            case MethodKind.Constructor or MethodKind.StaticConstructor:
                return "object creation cannot be intercepted; trace a factory method instead";
            case MethodKind.Destructor:
                return "the runtime calls finalizers, not your code";
            case MethodKind.UserDefinedOperator or MethodKind.Conversion:
                return "operators cannot be intercepted; trace a named method and call it from the operator";
            case MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove:
                return "accessors cannot be intercepted; trace a method, or make the property [Trainable] if it is a value to optimize";
            case MethodKind.Ordinary:
                break;
            case MethodKind.ExplicitInterfaceImplementation:
                return "an explicit interface implementation is only called through its interface, and calls through an interface cannot be intercepted; put the attribute on a class method it calls, or implement the member implicitly";
            default:
                return "only ordinary methods can be intercepted";
        }

        if (method.ContainingType.TypeKind == TypeKind.Interface && !method.IsAbstract)
        {
            return "calls of interface members, with a body or static, cannot be intercepted; put the attribute on a class method";
        }

        if (ExtensionMembers.IsExtensionMember(method) && ExtensionMembers.Implementation(method) is null)
        {
            return "this compiler does not show how extension block members are implemented; build with the .NET 10 SDK or later, or use a classic static extension method";
        }

        if (method.IsAbstract) return method.ContainingType.TypeKind == TypeKind.Interface
            ? "interface members have no body to intercept, and calls through an interface cannot be intercepted; put the attribute on the implementing class's method"
            : "an abstract method has no body; put the attribute on the overrides";
        if (method.IsExtern) return "an extern method's calls cannot be intercepted; wrap it in a traced method";
        if (method.IsPartialDefinition && method.PartialImplementationPart is null) return "a partial method without an implementation is never called";
        return null;
    }

    /// <summary>Why no call of <paramref name="method"/> can be recorded (OPTO002), or null.</summary>
    public static string? Unrecordable(IMethodSymbol method)
    {
        // An extension block's receiver (`extension(ref Point p)`) is the first parameter of the method an interceptor calls.
        var parameters = ExtensionMembers.Receiver(method) is { } receiver ? method.Parameters.Insert(0, receiver) : method.Parameters;
        // Asked for every traced method and call: nothing is allocated for the usual signature.
        var refStructReceiver = !method.IsStatic && method.ContainingType.IsRefLikeType;
        if (!refStructReceiver && !method.ReturnsByRef && !method.ReturnsByRefReadonly && !method.IsVararg
            && (method.ReturnsVoid || !IsRefLikeOrPointer(method.ReturnType))
            && parameters.All(p => !IsRefLikeOrPointer(p.Type) && (p.RefKind == RefKind.None || !IsReceiver(method, p) && !IsValueSetByReference(p))))
        {
            return null;
        }

        // Every reason at once: advice that fixes one of several would only lead to the next warning.
        var reasons = new List<string>();
        if (refStructReceiver) reasons.Add($"it is a member of the ref struct {method.ContainingType.Name}, which an interceptor cannot take as its receiver; trace a static method or a method of a class instead");
        if (method.ReturnsByRef || method.ReturnsByRefReadonly) reasons.Add("it returns by reference");
        if (method.IsVararg) reasons.Add("it takes __arglist; take an array instead");
        if (!method.ReturnsVoid && IsRefLikeOrPointer(method.ReturnType)) reasons.Add($"its result type {method.ReturnType.ToDisplayString()} is a ref struct or pointer, which a node cannot hold");

        var receivers = parameters.Where(p => IsReceiver(method, p) && p.RefKind != RefKind.None && !IsRefLikeOrPointer(p.Type)).ToList();
        if (receivers.Count > 0)
        {
            reasons.Add($"parameter '{receivers[0].Name}' is passed by reference ({RefKindName(receivers[0].RefKind)}); pass it by value");
        }

        var values = parameters.Where(p => !IsReceiver(method, p) && IsValueSetByReference(p)).ToList();
        if (values.Count > 0)
        {
            var kinds = string.Join("/", values.Select(p => RefKindName(p.RefKind)).Distinct());
            reasons.Add(values.Count == 1
                ? $"parameter '{values[0].Name}' is {(values[0].Type is ITypeParameterSymbol { IsValueType: false } ? $"of the type parameter {values[0].Type.Name}, which may be a value type," : "a value type")} passed by reference ({kinds}), and a value the call sets there cannot be linked to it; return it instead"
                : $"parameters {Names(values)} are value types passed by reference ({kinds}), and values the call sets there cannot be linked to it; return them instead (a tuple)");
        }

        foreach (var parameter in parameters.Where(p => IsRefLikeOrPointer(p.Type)))
        {
            reasons.Add(parameter.RefKind == RefKind.None
                ? $"parameter '{parameter.Name}' has type {parameter.Type.ToDisplayString()}, a ref struct or pointer, which a node cannot hold; take a string, array or list"
                : $"parameter '{parameter.Name}' has type {parameter.Type.ToDisplayString()}, a ref struct or pointer, which a node cannot hold, and is passed by reference ({RefKindName(parameter.RefKind)}); take a string, array or list by value");
        }

        return string.Join("; and ", reasons);
    }

    // The parameter an extension is called on (`this ref Point p`, an extension block's `extension(ref Point p)`): the
    // interceptor takes its receiver as the call does, and cannot take it by reference.
    private static bool IsReceiver(IMethodSymbol method, IParameterSymbol parameter) =>
        parameter.ContainingSymbol is not IMethodSymbol owner || !SymbolEqualityComparer.Default.Equals(owner, method) || method.IsExtensionMethod && parameter.Ordinal == 0;

    /// <summary>
    /// Whether the method sets a value-typed argument passed by <c>ref</c> or <c>out</c> (or one of a type parameter that may
    /// be a value type): what it sets cannot be linked to its call. A value passed by <c>in</c> or <c>ref readonly</c> is only
    /// read, as one passed by value is, and an object set through <c>ref</c> or <c>out</c> is linked by its identity.
    /// </summary>
    public static bool IsValueSetByReference(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.Out && !IsRefLikeOrPointer(parameter.Type)
        && !parameter.Type.IsReferenceType;

    private static string RefKindName(RefKind kind) => kind switch
    {
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // 'a' and 'b'; 'a', 'b' and 'c'.
    private static string Names(List<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Take(parameters.Count - 1).Select(p => $"'{p.Name}'")) + $" and '{parameters[parameters.Count - 1].Name}'";

    public static bool IsRefLikeOrPointer(ITypeSymbol type) =>
        type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol;
}
