using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>[Trainable] fields and properties the optimizer cannot write (OPTO005) or read and write as text (OPTO006).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrainableMemberAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The reason property of OPTO005 diagnostics that a code fix can repair.</summary>
    public const string FixKey = "OptoFix";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.TrainableNotParameter, Descriptors.TrainableNotText);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            start.RegisterSymbolAction(c => Analyze(c, attributes), SymbolKind.Field, SymbolKind.Property);
            start.RegisterSymbolAction(c => AnalyzeInterfaces(c, attributes), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, TraceAttributes attributes)
    {
        var member = context.Symbol;
        if (member.IsImplicitlyDeclared) return;
        if (attributes.Trainable(member) is null)
        {
            if (member is IPropertySymbol { IsOverride: true } property) AnalyzeOverride(context, property, attributes);
            return;
        }

        var location = member.Locations.FirstOrDefault() ?? Location.None;

        var (reason, fix) = NotWritable(member, context.Compilation);
        if (reason is not null)
        {
            var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixKey, fix);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TrainableNotParameter, location, properties, member.ShortName(), reason));
        }

        var type = member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        if (type is not null && !RoundTrips(type))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TrainableNotText, location, member.ShortName(), type.ToDisplayString()));
        }
    }

    // Interface properties a class implements with a trainable its registration does not connect to the interface.
    private static void AnalyzeInterfaces(SymbolAnalysisContext context, TraceAttributes attributes)
    {
        foreach (var problem in ImplementingClasses.Of((INamedTypeSymbol)context.Symbol, context.Compilation, attributes))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TrainableNotParameter, problem.Location, problem.Trainable.ShortName(), problem.Reason));
        }
    }

    // An override that computes its own value hides the trainable it overrides on its objects: reads through the base are
    // linked to that trainable, and the optimizer writes it, but what is read is the override's value.
    private static void AnalyzeOverride(SymbolAnalysisContext context, IPropertySymbol property, TraceAttributes attributes)
    {
        var trainable = property.OverriddenProperty;
        while (trainable is not null && attributes.Trainable(trainable) is null) trainable = trainable.OverriddenProperty;
        if (trainable is null || property.GetMethod is not { } getter || !ComputesItsOwnValue(getter, property.Name)) return;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.TrainableNotParameter, property.Locations.FirstOrDefault() ?? Location.None, trainable.ShortName(),
            $"'{property.ShortName()}' overrides it without [Trainable] and returns a value of its own, so on a {property.ContainingType.Name} what is read is not what the optimizer writes; put [Trainable] on the override, or read 'base.{property.Name}' in it"));
    }

    // A getter with a body that does not read the base property (an auto-property override keeps the value it is given).
    private static bool ComputesItsOwnValue(IMethodSymbol getter, string name)
    {
        foreach (var reference in getter.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            SyntaxNode? body = syntax switch
            {
                AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
                ArrowExpressionClauseSyntax arrow => arrow,
                _ => null,
            };
            if (body is null) return false;
            if (body.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Any(a => a.Expression is BaseExpressionSyntax && a.Name.Identifier.ValueText == name))
            {
                return false;
            }
        }

        return getter.DeclaringSyntaxReferences.Length > 0;
    }

    // The same rules as the generator's TrainableMemberParser, each with its reason.
    private static (string? Reason, string? Fix) NotWritable(ISymbol member, Compilation compilation)
    {
        var replaceable = member is IPropertySymbol { IsOverride: false, ExplicitInterfaceImplementations.Length: 0 };
        switch (member)
        {
            case IFieldSymbol { IsConst: true }:
                return ("it is a constant; make it a static field", null);
            case IFieldSymbol { IsReadOnly: true }:
                return ("it is readonly", "RemoveReadonly");
            case IPropertySymbol { IsIndexer: true }:
                return ("indexers cannot be parameters", null);
            case IPropertySymbol { ReturnsByRef: true } or IPropertySymbol { ReturnsByRefReadonly: true }:
                return ("it returns by reference", null);
            case IPropertySymbol { SetMethod: null }:
                return ("it has no setter", replaceable ? "AddSetter" : null);
            case IPropertySymbol { SetMethod.IsInitOnly: true }:
                return ("its setter is init-only", replaceable ? "InitToSet" : null);
        }

        var type = member.ContainingType;
        if (type.IsGenericType) return ($"it is declared in generic type {type.Name}<...>; move it to a non-generic class", null);
        if (type.TypeKind == TypeKind.Struct && !member.IsStatic) return ($"it is an instance member of struct {type.Name}; a parameter cannot write a copy back", null);
        if (type.TypeKind != TypeKind.Class) return ($"it is declared in {Article(type.TypeKind)}, not a class; move it to a class", null);
        if (!type.IsNameableFrom(compilation)) return ($"its class {type.Name} is not visible to generated code (private, protected or file-local); make it internal", null);
        if (type.IsStatic && !Accessible(member, compilation)) return ($"it is private in static class {type.Name}; make it internal", null);

        var valueType = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
        if (valueType.IsRecordable() && !valueType.IsNameableFrom(compilation))
        {
            return ($"its type {valueType.ToDisplayString()} is not visible to generated code (private, protected or file-local); make it internal", null);
        }

        return (null, null);
    }

    // Static classes cannot be UnsafeAccessor targets, so their trainable members must be reachable directly.
    private static bool Accessible(ISymbol member, Compilation compilation) => member switch
    {
        IFieldSymbol field => ProjectAccess.Allows(field, compilation),
        IPropertySymbol property => property.GetMethod is { } get && ProjectAccess.Allows(get, compilation)
                                    && property.SetMethod is { } set && ProjectAccess.Allows(set, compilation),
        _ => true,
    };

    private static string Article(TypeKind kind) => kind switch
    {
        TypeKind.Interface => "an interface",
        TypeKind.Struct => "a struct",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };

    private static bool RoundTrips(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Delegate || type.IsRefLikeOrPointer() || type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr) return false;
        if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.ConstructedFrom.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>") return false;
        for (var t = type; t is not null; t = t.BaseType)
        {
            switch (t.ToDisplayString())
            {
                case "System.Delegate" or "System.IO.Stream" or "System.Runtime.InteropServices.SafeHandle" or "System.Threading.WaitHandle"
                    or "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask" or "System.Threading.CancellationToken"
                    or "System.Type" or "System.Reflection.MemberInfo" or "System.Reflection.Assembly" or "System.Threading.Thread":
                    return false;
            }
        }

        return true;
    }
}
