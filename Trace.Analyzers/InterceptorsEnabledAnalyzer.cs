using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Opto.Analyzers;

/// <summary>
/// Interceptors must be enabled for Opto.Generated (OPTO011). When the project's InterceptorsNamespaces does not list
/// it, each file reports it once: at its first [Traced]/[Trainable] attribute, or else at its first call of a traced method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InterceptorsEnabledAnalyzer : DiagnosticAnalyzer
{
    private const string Namespace = "Opto.Generated";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InterceptorsDisabled);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            start.RegisterSemanticModelAction(c => Analyze(c, attributes));
        });
    }

    private static void Analyze(SemanticModelAnalysisContext context, TraceAttributes attributes)
    {
        if (Enabled(context.SemanticModel.SyntaxTree.Options)) return;
        if (FirstTraceUse.In(context.SemanticModel, attributes, context.CancellationToken) is not var (location, attribute)) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InterceptorsDisabled, location, attribute));
    }

    // The SDK passes the property to the compiler as a feature flag: /features:InterceptorsNamespaces=A;B.
    private static bool Enabled(ParseOptions options) =>
        new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" }.Any(key =>
            options.Features.TryGetValue(key, out var value) && value.Split(';').Any(n => n.Trim() == Namespace));
}
