using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>Method groups and delegates made from traced methods: calls through them are not traced (OPTO003).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MethodGroupAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MethodGroup);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, attributes), OperationKind.MethodReference);
        });
    }

    private static void Analyze(OperationAnalysisContext context, TraceAttributes attributes)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        var method = (reference.Method.ReducedFrom ?? reference.Method).OriginalDefinition;
        for (var m = method; m is not null; m = m.OverriddenMethod)
        {
            if (!attributes.IsTraced(m)) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MethodGroup, reference.Syntax.GetLocation(), reference.Method.ShortName()));
            return;
        }
    }
}
