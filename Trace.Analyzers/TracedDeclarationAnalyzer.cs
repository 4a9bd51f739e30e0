using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Opto.Generators.Parsing;
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

        if (DeclarationRule.NotInterceptable(method) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotInterceptable, location, name, Kind(method), reason));
            return;
        }

        var identifier = method.Locations.FirstOrDefault() ?? location;
        var unrecordable = DeclarationRule.Unrecordable(method);
        if (unrecordable is not null)
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

        // No call of it is traced, on any receiver: OPTO002 said why, and OPTO004's "only calls on ... are" would not hold.
        if (unrecordable is not null) return;

        var toMakeInternal = ToMakeInternal(method.ContainingType, context.Compilation);
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
                var traceable = !root.IsAbstract && root.DeclaringSyntaxReferences.Length > 0;
                var advice = traceable
                    ? $"Put [Traced] on '{MemberName(root)}' to trace every call."
                    : $"'{MemberName(root)}' {(root.IsAbstract ? "is abstract" : "is not in this project")} and cannot be traced itself; call the method on such a receiver.";
                var hiddenAdvice = traceable ? $"Put [Traced] on '{MemberName(root)}' to trace every call, or make {toMakeInternal} internal." : null;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.BaseOrInterfaceCalls, identifier, MemberName(method), TypeName(root.ContainingType),
                    Which(method, toMakeInternal, advice, hiddenAdvice)));
            }
        }

        foreach (var implemented in ImplementedInterfaceMembers(method))
        {
            const string advice = "Call it on such a receiver, or trace a class method that the interface's callers use.";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BaseOrInterfaceCalls, identifier, MemberName(method), TypeName(implemented.ContainingType),
                Which(method, toMakeInternal, advice, hiddenAdvice: null)));
        }
    }

    // Qualified by its containing types, so a nested class named like a framework type (StringComparer) is not taken for it.
    private static readonly SymbolDisplayFormat s_typeName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private static string TypeName(INamedTypeSymbol type) => type.ToDisplayString(s_typeName);

    private static string MemberName(IMethodSymbol method) => $"{TypeName(method.Owner()!)}.{method.Name}";

    // Which calls are traced. No call of a method of a class generated code cannot name is traced, whatever the receiver's
    // type (toMakeInternal then says what to make internal), so the usual advice would not help: hiddenAdvice, or making
    // that type internal, replaces it.
    private static string Which(IMethodSymbol method, string? toMakeInternal, string advice, string? hiddenAdvice) =>
        toMakeInternal is null
            ? $"only calls on a receiver typed as {TypeName(method.ContainingType)} are. {advice}"
            : $"no call of it is, on any receiver: generated code cannot name {TypeName(method.ContainingType)} "
              + (toMakeInternal == "it" ? "(private, protected or file-local). " : $"({toMakeInternal} is private, protected or file-local). ")
              + (hiddenAdvice ?? $"Make {toMakeInternal} internal to trace its calls.");

    // "it" when the method's own class is the outermost one generated code cannot name, that container's name when a
    // container is, null when every one can be named.
    private static string? ToMakeInternal(INamedTypeSymbol type, Compilation compilation) => Hidden(type, compilation) switch
    {
        null => null,
        var hidden when SymbolEqualityComparer.Default.Equals(hidden, type) => "it",
        var hidden => TypeName(hidden),
    };

    // The outermost of the type and its containers that generated code cannot name. Type parameters do not count: a
    // receiver of a constructed type (Agent<int>) is named with its type arguments.
    private static INamedTypeSymbol? Hidden(INamedTypeSymbol type, Compilation compilation)
    {
        INamedTypeSymbol? hidden = null;
        for (var container = type; container is not null; container = container.ContainingType)
        {
            if (container.IsFileLocal || !ProjectAccess.Allows(container.OriginalDefinition, compilation)) hidden = container;
        }

        return hidden;
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

    private static System.Collections.Generic.IEnumerable<IMethodSymbol> Overridden(IMethodSymbol method)
    {
        for (var m = method.OverriddenMethod; m is not null; m = m.OverriddenMethod) yield return m;
    }

    private static System.Collections.Generic.IEnumerable<IMethodSymbol> ImplementedInterfaceMembers(IMethodSymbol method)
    {
        foreach (var explicitMember in method.ExplicitInterfaceImplementations) yield return explicitMember;
        // An implicit implementation has the interface member's name: only those members are asked for their implementation.
        foreach (var member in method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers(method.Name).OfType<IMethodSymbol>()))
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method) &&
                !method.ExplicitInterfaceImplementations.Contains(member, SymbolEqualityComparer.Default))
            {
                yield return member;
            }
        }
    }
}
