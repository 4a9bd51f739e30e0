using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Opto.Analyzers;

/// <summary>
/// Declarations of traced methods the generator cannot intercept (OPTO001), record (OPTO002) or see through a base or
/// interface (OPTO004), async void traced methods (OPTO010), and redundant attributes (OPTO012).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TracedDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NotInterceptable, Descriptors.UnrecordableSignature, Descriptors.BaseOrInterfaceCalls, Descriptors.AsyncVoid, Descriptors.Redundant);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            start.RegisterSymbolAction(c => AnalyzeMethod(c, attributes), SymbolKind.Method);
            start.RegisterSyntaxNodeAction(c => AnalyzeFunction(c, attributes), SyntaxKind.LocalFunctionStatement, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, TraceAttributes attributes)
    {
        var method = (IMethodSymbol)context.Symbol;
        var traced = attributes.Traced(method);
        var trainable = attributes.Trainable(method);
        var attribute = traced ?? trainable;
        if (attribute is null) return;
        var name = traced is not null ? "Traced" : "Trainable";
        var location = attribute.AttributeLocation(method);

        if (NotInterceptableReason(method) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotInterceptable, location, name, Kind(method), reason));
            return;
        }

        var identifier = method.Locations.FirstOrDefault() ?? location;
        if (UnrecordableReason(method) is { } unrecordable)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnrecordableSignature, identifier, method.ShortName(), unrecordable));
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncVoid, identifier, method.ShortName()));
        }

        if (traced is not null && trainable is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Redundant, traced.AttributeLocation(method),
                $"[Traced] is redundant on '{method.ShortName()}': [Trainable] on a method already traces its calls"));
        }

        if (method.IsOverride)
        {
            var tracedBase = Overridden(method).FirstOrDefault(m => attributes.IsTraced(m) && !m.IsAbstract);
            if (tracedBase is not null && traced is not null && trainable is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Redundant, traced.AttributeLocation(method),
                    $"[Traced] is redundant on '{method.ShortName()}': it overrides '{tracedBase.ShortName()}', which is traced, so calls of this override are traced already"));
            }
            else if (tracedBase is null && Overridden(method).LastOrDefault() is { } root)
            {
                var advice = root.IsAbstract || root.DeclaringSyntaxReferences.Length == 0
                    ? $"'{root.ShortName()}' {(root.IsAbstract ? "is abstract" : "is not in this project")} and cannot be traced itself; call the method on a {method.ContainingType.Name} receiver."
                    : $"Put [Traced] on '{root.ShortName()}' to trace every call.";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.BaseOrInterfaceCalls, identifier, method.ShortName(), root.ContainingType.Name,
                    method.ContainingType.Name, advice));
            }
        }

        foreach (var implemented in ImplementedInterfaceMembers(method))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BaseOrInterfaceCalls, identifier, method.ShortName(), implemented.ContainingType.Name,
                method.ContainingType.Name, $"Call it on a {method.ContainingType.Name}, or trace a class method that the interface's callers use."));
        }
    }

    private static void AnalyzeFunction(SyntaxNodeAnalysisContext context, TraceAttributes attributes)
    {
        var lists = context.Node switch
        {
            LocalFunctionStatementSyntax local => local.AttributeLists,
            LambdaExpressionSyntax lambda => lambda.AttributeLists,
            _ => default,
        };
        foreach (var attribute in lists.SelectMany(l => l.Attributes))
        {
            if (attributes.NameOf(context.SemanticModel.GetTypeInfo(attribute, context.CancellationToken).Type) is not { } name) continue;
            var kind = context.Node is LocalFunctionStatementSyntax ? "a local function" : "a lambda";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotInterceptable, attribute.GetLocation(), name, kind,
                "its calls are not call sites the generator can intercept; move the code into a traced method"));
        }
    }

    /// <summary>Why no call of <paramref name="method"/> can be intercepted (OPTO001), or null.</summary>
    internal static string? NotInterceptableReason(IMethodSymbol method)
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
            default:
                return "only ordinary methods can be intercepted";
        }

        if (method.ContainingType.TypeKind == TypeKind.Interface && !method.IsAbstract)
        {
            return "calls of interface members, with a body or static, cannot be intercepted; put the attribute on a class method";
        }

        if (method.ContainingType.TypeKind == TypeKind.Extension) return "members of extension blocks cannot be intercepted yet; use a classic static extension method";
        if (method.IsAbstract) return method.ContainingType.TypeKind == TypeKind.Interface
            ? "interface members have no body to intercept, and calls through an interface cannot be intercepted; put the attribute on the implementing class's method"
            : "an abstract method has no body; put the attribute on the overrides";
        if (method.IsExtern) return "an extern method's calls cannot be intercepted; wrap it in a traced method";
        if (method.IsPartialDefinition && method.PartialImplementationPart is null) return "a partial method without an implementation is never called";
        return null;
    }

    private static string Kind(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.Constructor or MethodKind.StaticConstructor => "a constructor",
        MethodKind.Destructor => "a finalizer",
        MethodKind.UserDefinedOperator or MethodKind.Conversion => "an operator",
        MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove => "an accessor",
        _ when method.IsAbstract => $"abstract '{method.ShortName()}'",
        _ when method.IsExtern => $"extern '{method.ShortName()}'",
        _ => $"'{method.ShortName()}'",
    };

    /// <summary>Why no call of <paramref name="method"/> can be recorded (OPTO002), or null.</summary>
    internal static string? UnrecordableReason(IMethodSymbol method)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly) return "it returns by reference";
        if (method.IsVararg) return "it takes __arglist; take an array instead";
        if (!method.ReturnsVoid && method.ReturnType.IsRefLikeOrPointer()) return $"its result type {method.ReturnType.ToDisplayString()} is a ref struct or pointer, which a node cannot hold";
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None) return $"parameter '{parameter.Name}' is passed by reference ({parameter.RefKind.ToString().ToLowerInvariant()}); pass it by value";
            if (parameter.Type.IsRefLikeOrPointer()) return $"parameter '{parameter.Name}' has type {parameter.Type.ToDisplayString()}, a ref struct or pointer, which a node cannot hold; take a string, array or list";
        }

        return null;
    }

    private static System.Collections.Generic.IEnumerable<IMethodSymbol> Overridden(IMethodSymbol method)
    {
        for (var m = method.OverriddenMethod; m is not null; m = m.OverriddenMethod) yield return m;
    }

    private static System.Collections.Generic.IEnumerable<IMethodSymbol> ImplementedInterfaceMembers(IMethodSymbol method)
    {
        foreach (var explicitMember in method.ExplicitInterfaceImplementations) yield return explicitMember;
        foreach (var member in method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers().OfType<IMethodSymbol>()))
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method) &&
                !method.ExplicitInterfaceImplementations.Contains(member, SymbolEqualityComparer.Default))
            {
                yield return member;
            }
        }
    }
}
