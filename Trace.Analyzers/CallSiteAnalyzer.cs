using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Calls of traced methods that the generator leaves untraced (OPTO013), with the reason. The checks mirror the
/// generator's: what the declaration diagnostics already report (abstract, by-ref parameters, ref structs) is not repeated.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallSiteAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CallNotTraced, Descriptors.CallInExpressionTree);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeDynamic, OperationKind.DynamicInvocation);
        ImplicitCalls.Register(context);
    }

    // A call with a dynamic argument is bound at run time: there is no compile-time call of the traced method to intercept.
    private static void AnalyzeDynamic(OperationAnalysisContext context)
    {
        var syntax = context.Operation.Syntax;
        var info = context.Operation.SemanticModel?.GetSymbolInfo(syntax, context.CancellationToken) ?? default;
        var candidates = info.Symbol is { } bound ? [bound] : info.CandidateSymbols;
        if (syntax is InvocationExpressionSyntax { Expression: var callee } && candidates.IsEmpty)
        {
            var calleeInfo = context.Operation.SemanticModel?.GetSymbolInfo(callee, context.CancellationToken) ?? default;
            candidates = calleeInfo.Symbol is { } calleeSymbol ? [calleeSymbol] : calleeInfo.CandidateSymbols;
        }

        if (candidates.OfType<IMethodSymbol>().FirstOrDefault(m => IsTracedOrOverridesTraced((m.ReducedFrom ?? m).OriginalDefinition)) is not { } traced) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, syntax.GetLocation(), traced.ShortName(),
            "an argument is dynamic, so the call is bound at run time and cannot be intercepted; cast the argument to its type"));
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var called = invocation.TargetMethod;
        var definition = (called.ReducedFrom ?? called).OriginalDefinition;
        if (!IsTracedOrOverridesTraced(definition) || definition.IsAbstract || definition.MethodKind != MethodKind.Ordinary) return;
        if (UnrecordableDeclaration(definition)) return; // OPTO002 says it at the declaration

        if (invocation.IsInExpressionTree())
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallInExpressionTree, invocation.Syntax.GetLocation(), definition.ShortName()));
            return;
        }

        // Calls the compiler writes for other syntax (a collection initializer's Add, a query clause, an interpolated
        // string handler's Append) have no invocation syntax of their own to intercept.
        if (invocation.IsImplicit || invocation.Syntax is not InvocationExpressionSyntax)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, invocation.Syntax.GetLocation(), definition.ShortName(), ImplicitCalls.Reason(invocation.Syntax)));
            return;
        }

        var method = called.ReducedFrom is not null ? called.GetConstructedReducedFrom()! : called;
        var reason = Reason(invocation, method, definition, context.Compilation);
        if (reason is not null) context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, invocation.Syntax.GetLocation(), definition.ShortName(), reason));
    }

    private static string? Reason(IInvocationOperation invocation, IMethodSymbol method, IMethodSymbol definition, Compilation compilation)
    {
        if (invocation.Instance?.Syntax is BaseExpressionSyntax)
        {
            return "a base call is never intercepted (the interceptor would call itself); call a traced method of your own class instead";
        }

        var type = method.ContainingType;
        if (type.IsGenericType && type.TypeArguments.Any(t => t is ITypeParameterSymbol))
        {
            return $"it is inside generic code where {type.Name}'s type arguments are type parameters; call it from non-generic code";
        }

        if (type.IsRefLikeType) return $"its receiver type {type.Name} is a ref struct, which an interceptor cannot take; trace a method of a class instead";
        if (!type.IsNameableFrom(compilation)) return $"generated code cannot name {type.ToDisplayString()} (a private or file-local type); make it internal";
        if (!method.ReturnsVoid && !method.ReturnType.IsNameableFrom(compilation))
        {
            return $"generated code cannot name its result type {method.ReturnType.ToDisplayString()} (anonymous, private or a type parameter)";
        }

        foreach (var argument in method.TypeArguments)
        {
            if (!argument.IsRecordable() || !argument.IsNameableFrom(compilation))
            {
                return $"generated code cannot name its type argument {argument.ToDisplayString()} (anonymous, private or a type parameter)";
            }
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == "this" || parameter.Name.StartsWith("__", System.StringComparison.Ordinal))
            {
                return $"its parameter '{parameter.Name}' clashes with the interceptor's own names; rename the parameter";
            }

            if (!parameter.Type.IsNameableFrom(compilation)) return $"generated code cannot name the type of parameter '{parameter.Name}' (anonymous, private or a type parameter)";
        }

        var viaAccessor = !compilation.IsSymbolAccessibleWithin(definition, compilation.Assembly);
        if (viaAccessor && method.IsGenericMethod) return "it is a generic method the interceptor cannot reach (not accessible from generated code); make it internal";
        if (viaAccessor && method.IsStatic && type.IsStatic) return "it is a private static method of a static class, which the interceptor cannot reach; make it internal";

        if (!method.IsStatic && invocation.Instance is not null && type.IsValueType && (method.IsReadOnly || type.IsReadOnly || !invocation.Instance.IsWritableStructReceiver(invocation.SemanticModel!)))
        {
            return "the struct receiver cannot be passed by reference (a field, a readonly struct or member, or a temporary value); call it on a local variable or parameter";
        }

        return null;
    }

    internal static bool IsTracedOrOverridesTraced(IMethodSymbol method)
    {
        for (var m = method; m is not null; m = m.OverriddenMethod?.OriginalDefinition)
        {
            if (m.IsTraced()) return true;
        }

        return false;
    }

    private static bool UnrecordableDeclaration(IMethodSymbol method) =>
        method.ReturnsByRef || method.ReturnsByRefReadonly || method.IsExtern || method.IsVararg
        || method.IsPartialDefinition && method.PartialImplementationPart is null
        || method.ContainingType.TypeKind is TypeKind.Interface or TypeKind.Extension
        || (!method.ReturnsVoid && method.ReturnType.IsRefLikeOrPointer())
        || method.Parameters.Any(p => p.RefKind != RefKind.None || p.ScopedKind != ScopedKind.None || p.Type.IsRefLikeOrPointer());
}
