using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// Which calls of traced methods the generator intercepts: one rule, used by the generator to choose the calls it
/// intercepts and by the OPTO013 analyzer to report the others, so the two cannot disagree.
/// </summary>
internal static class InterceptionRule
{
    /// <summary>
    /// Decides the call <paramref name="operation"/>. <paramref name="isTraced"/> tells whether a method carries
    /// <c>[Traced]</c> or <c>[Trainable]</c>.
    /// </summary>
    public static Interception Judge(IInvocationOperation operation, Compilation compilation, Func<IMethodSymbol, bool> isTraced)
    {
        var called = operation.TargetMethod;
        var calledDefinition = (called.ReducedFrom ?? called).OriginalDefinition;
        if (TracedDefinition(calledDefinition, isTraced) is not { IsAbstract: false, MethodKind: MethodKind.Ordinary }) return Interception.Unreported;
        if (calledDefinition.MethodKind != MethodKind.Ordinary || UnrecordableDeclaration(calledDefinition)) return Interception.Unreported;
        if (operation.IsInExpressionTree()) return Interception.InExpressionTree;

        if (operation.IsImplicit || operation.Syntax is not InvocationExpressionSyntax invocation) return Interception.Skipped(ImplicitCallReason(operation.Syntax));

        if (ExtensionMembers.InterceptedForm(called) is not { } method) return Interception.Unreported; // OPTO001 says why
        if (Reason(operation, method, calledDefinition, compilation, out var generic) is { } reason) return Interception.Skipped(reason);

        if (invocation.Expression is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax))
        {
            return Interception.Skipped("it is not called by its name, so there is no name to intercept; call the method by its name");
        }

        // A call of a [Conditional] method whose symbols are not defined where it is written is removed by the compiler.
        if (CallPlace.DefinedConditionalSymbols(method, invocation.SyntaxTree) is { Count: 0 }) return Interception.Unreported;
        return generic ? Interception.InterceptedGenerically : Interception.Intercepted;
    }

    /// <summary>
    /// The traced method a call of <paramref name="calledDefinition"/> traces: the method itself or, since a call through
    /// a derived type binds to the override, the nearest method it overrides that is traced; null when there is none.
    /// </summary>
    public static IMethodSymbol? TracedDefinition(IMethodSymbol calledDefinition, Func<IMethodSymbol, bool> isTraced)
    {
        for (var m = calledDefinition; m is not null; m = m.OverriddenMethod?.OriginalDefinition)
        {
            if (isTraced(m)) return m;
        }

        return null;
    }

    /// <summary>Why a call the compiler makes for <paramref name="syntax"/> is not traced, and what to write instead.</summary>
    public static string ImplicitCallReason(SyntaxNode syntax) => syntax switch
    {
        _ when syntax.FirstAncestorOrSelf<QueryExpressionSyntax>() is not null =>
            "the compiler calls it for a query clause, so there is no call to intercept; write the method call instead of query syntax",
        _ when syntax.Parent is InitializerExpressionSyntax || syntax is InitializerExpressionSyntax =>
            "the compiler calls it for a collection initializer, so there is no call to intercept; call Add explicitly",
        _ when syntax.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>() is not null =>
            "an interpolated string handler calls it, so there is no call to intercept; call it explicitly",
        _ => "the compiler calls it implicitly, so there is no call to intercept; call it explicitly",
    };

    private static bool UnrecordableDeclaration(IMethodSymbol method) => NeverIntercepted(method) is not null;

    /// <summary>
    /// Why no call of <paramref name="method"/> is ever intercepted, as the declaration diagnostics (OPTO001/OPTO002) report
    /// it, or null. An abstract method of a class is the exception: a call that binds to an abstract override is dispatched
    /// virtually, and the interceptor can make it the same way.
    /// </summary>
    public static string? NeverIntercepted(IMethodSymbol method) =>
        DeclarationRule.Unrecordable(method)
        ?? (method.IsAbstract && method.ContainingType.TypeKind != TypeKind.Interface ? null : DeclarationRule.NotInterceptable(method));

    /// <param name="generic">
    /// Set when the call needs a generic interceptor: its types cannot be written as the call has them, or the method is
    /// reached through an <c>UnsafeAccessor</c>, which must be as generic as the method and its type.
    /// </param>
    private static string? Reason(IInvocationOperation invocation, IMethodSymbol method, IMethodSymbol definition, Compilation compilation, out bool generic)
    {
        generic = false;
        // base.M() would recurse forever if its interceptor called receiver.M().
        if (invocation.Instance?.Syntax is BaseExpressionSyntax)
        {
            return "a base call is never intercepted (the interceptor would call itself); call a traced method of your own class instead";
        }

        var type = method.ContainingType;
        if (OverridableInPartialClass(invocation, method) is { } partialClass)
        {
            return $"another source generator may override it in the partial class {partialClass.Name}, which this generator cannot see, and the call would then "
                + $"bind to that override; call it on a receiver typed as {type.Name}, or trace the method in {partialClass.Name}";
        }

        if (CallsItselfWithItsOwnTypeParameters(method))
        {
            return "it is a generic method called inside itself with its own type parameters, a call the compiler matches to no interceptor; "
                + "the call that started it is traced, and its node holds what this one reads";
        }

        if (UnnameableSignature(method, compilation) is { } unnameable)
        {
            if (!GenericInterception.Allows(method, compilation))
            {
                return GenericInterception.WhyNot(method, compilation)
                    ?? (GenericInterception.Obstacle(method) is { } obstacle ? $"{unnameable} (a generic interceptor would take it, but {obstacle})" : unnameable);
            }

            generic = true;
        }

        foreach (var parameter in method.Parameters)
        {
            // The interceptor's own names are `__`-prefixed (names C# reserves by convention), and `@this` for the receiver of an
            // instance method; a static or extension method's interceptor has no receiver of its own (`Shout(this string @this)`).
            if (parameter.Name == "this" && !method.IsStatic || parameter.Name.StartsWith("__", StringComparison.Ordinal))
            {
                return $"its parameter '{(parameter.Name == "this" ? "@this" : parameter.Name)}' clashes with the interceptor's own names; rename the parameter";
            }
        }

        if (Unreachable(method, definition, compilation) is { } unreachable) return unreachable + "; make it internal";
        generic |= (method.IsGenericMethod || type.InGenericType()) && !ProjectAccess.Allows(definition, compilation);

        // Struct receivers are passed by `ref`, or by `in` to a readonly member, which any receiver can be.
        if (!method.IsStatic && invocation.Instance is not null && type.IsValueType)
        {
            if (TakesReceiverByIn(method))
            {
                // An UnsafeAccessor takes its struct by `ref`: the interceptor hands it the receiver it got by `in` as a ref
                // (Unsafe.AsRef), which the readonly member cannot write through; the updated memory safety rules call that unsafe.
                if (!ProjectAccess.Allows(definition, compilation) && CallPlace.UsesMemorySafetyRules(invocation.Syntax.SyntaxTree))
                {
                    return "it is a readonly member not accessible from generated code, whose receiver the interceptor could only pass by ref, which the updated memory safety rules allow only in unsafe code; make it internal";
                }
            }
            else if (!invocation.Instance.IsWritableStructReceiver(invocation.SemanticModel!))
            {
                return "the struct receiver cannot be passed by reference (a readonly field, an in parameter, or a temporary value); call it on a local variable, a parameter or a mutable field, or make the member readonly";
            }
        }

        return null;
    }

    // A virtual method called on a receiver of a class declared `partial` that derives from the method's class: the output of
    // other source generators is not part of the compilation generators see, so one that adds an override to that class
    // (YamlDotNet's static context generator does) makes the call bind to the override, and an interceptor written for the
    // method seen here no longer matches it (CS9148), which breaks the build. The first such class from the receiver's up.
    private static INamedTypeSymbol? OverridableInPartialClass(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.IsStatic || !(method.IsVirtual || method.IsAbstract || method.IsOverride && !method.IsSealed)) return null;
        if (invocation.Instance?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } receiver) return null;
        for (var type = receiver; type is not null && !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, method.ContainingType.OriginalDefinition); type = type.BaseType)
        {
            if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))) return type;
        }

        return null;
    }

    // Inside a generic method, a call of it with its own type parameters (Depth<T>(x, n - 1)) binds to the method's
    // definition, not a construction of it: the compiler compares the generic interceptor, constructed with those type
    // parameters, against the definition, and never finds them equal (CS9144).
    private static bool CallsItselfWithItsOwnTypeParameters(IMethodSymbol method) =>
        method.IsGenericMethod && Enumerable.Range(0, method.Arity).All(i => SymbolEqualityComparer.Default.Equals(method.TypeArguments[i], method.TypeParameters[i]));

    /// <summary>Whether an interceptor takes the struct receiver of <paramref name="method"/> by <c>in</c>: a readonly member, or one of a readonly struct.</summary>
    public static bool TakesReceiverByIn(IMethodSymbol method) => !method.IsStatic && method.ContainingType.IsValueType && (method.IsReadOnly || method.ContainingType.IsReadOnly);

    /// <summary>
    /// Why generated code cannot write the types of this call (its receiver type, result, type arguments or parameter
    /// types) as the call has them, or null when it can. Such a call is still intercepted when a generic interceptor can
    /// take them as type arguments (<see cref="GenericInterception"/>).
    /// </summary>
    private static string? UnnameableSignature(IMethodSymbol method, Compilation compilation)
    {
        var type = method.ContainingType;
        // A ref struct is only named by a call of its static method, never held (its instance members are OPTO002's).
        if (Unnameable.PartOf(type, compilation) is { } receiverPart && !(method.IsStatic && receiverPart is { Kind: UnnameableKind.RefStruct } && SymbolEqualityComparer.Default.Equals(receiverPart.Part, type)))
        {
            return receiverPart.Kind == UnnameableKind.TypeParameter
                ? $"it is inside generic code where {type.ToDisplayString()} involves the type parameter {receiverPart.Part.Name}; call it from non-generic code"
                : Unnameable.Reason("the type", type, receiverPart);
        }

        if (!method.ReturnsVoid && Unnameable.PartOf(method.ReturnType, compilation) is { } resultPart)
        {
            return Unnameable.Reason("its result type", method.ReturnType, resultPart);
        }

        foreach (var argument in method.TypeArguments)
        {
            if (Unnameable.PartOf(argument, compilation) is { } argumentPart) return Unnameable.Reason("its type argument", argument, argumentPart);
        }

        foreach (var parameter in method.Parameters)
        {
            if (Unnameable.PartOf(parameter.Type, compilation) is { } parameterPart)
            {
                return Unnameable.Reason($"the type of parameter '{parameter.Name}'", parameter.Type, parameterPart);
            }
        }

        return null;
    }

    /// <summary>
    /// Why no call of <paramref name="method"/> can be intercepted from this project, whatever its receiver and arguments:
    /// it is not accessible from generated code, and the <c>UnsafeAccessor</c> that reaches such methods cannot reach it.
    /// Null when its calls can be reached. (Making it internal is the remedy in every case.)
    /// </summary>
    public static string? Unreachable(IMethodSymbol method, IMethodSymbol definition, Compilation compilation)
    {
        if (ProjectAccess.Allows(definition, compilation)) return null;
        var type = method.ContainingType;
        // An UnsafeAccessor's first parameter is the type whose member it reaches, which a static class can be only as a
        // type named by UnsafeAccessorType.
        if (method.IsStatic && type.IsStatic && !KnownTypes.HasUnsafeAccessorType(compilation))
        {
            return "it is a private static method of a static class, which the interceptor can reach only on .NET 10 or later";
        }

        if (!method.IsGenericMethod && !type.InGenericType()) return null;
        // An UnsafeAccessor reaches a generic method, or a member of a generic type, only when it is declared generic like
        // them: in a class with the type's type parameters (and constraints), as a method with the method's. One written for
        // a constructed type fails when the JIT compiles the caller (InvalidProgramException), with tracing off too. A generic
        // interceptor declares them, when it can repeat the method's declaration.
        if (GenericInterception.Allows(method, compilation)) return null;
        return method.IsGenericMethod
            ? "it is a generic method not accessible from generated code, which the interceptor cannot reach"
            : $"it is not accessible from generated code and {type.ToDisplayString()} is a generic type, which the interceptor cannot reach";
    }
}
