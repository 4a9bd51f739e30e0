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

    // The lambda's call is intercepted only if generated code can reach the method: when it cannot, say so now, not in
    // a second warning once the lambda is written.
    private static string Advice(IMethodReferenceOperation reference, Compilation compilation)
    {
        var method = reference.Method.ReducedFrom ?? reference.Method;
        return Opto.Generators.Parsing.InterceptionRule.Unreachable(method, method.OriginalDefinition, compilation) is { } unreachable
            ? $"use a lambda that calls it, and make it internal so that call is traced ({unreachable})"
            : "use a lambda that calls it";
    }

    private static void Analyze(OperationAnalysisContext context, TraceAttributes attributes)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        var method = (reference.Method.ReducedFrom ?? reference.Method).OriginalDefinition;
        for (var m = method; m is not null; m = m.OverriddenMethod)
        {
            if (!attributes.IsTraced(m)) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MethodGroup, reference.Syntax.GetLocation(), reference.Method.ShortName(), Advice(reference, context.Compilation)));
            return;
        }
    }
}
