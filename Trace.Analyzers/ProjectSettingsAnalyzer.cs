using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Project settings under which nothing can be traced, reported once per file that uses tracing: at its first
/// [Traced]/[Trainable] attribute, or else at its first call of a traced method. Interceptors must be enabled for
/// Opto.Generated (OPTO011), and the project must compile as C# 12 or later, which the generated code needs (OPTO019).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectSettingsAnalyzer : DiagnosticAnalyzer
{
    private const string Namespace = "Opto.Generated";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.InterceptorsDisabled, Descriptors.InterceptorsDisabledForCalls, Descriptors.LanguageTooOld, Descriptors.LanguageTooOldForCalls);

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
        var options = context.SemanticModel.SyntaxTree.Options;
        var interceptorsDisabled = !InterceptorsEnabled(options);
        var languageTooOld = !LanguageSupport.Allows(options);
        if (!interceptorsDisabled && !languageTooOld) return;
        var use = FirstTraceUse.In(context.SemanticModel, attributes, context.CancellationToken);
        if (interceptorsDisabled && use is var (location, attribute, called))
        {
            context.ReportDiagnostic(LibraryOf(called, context.SemanticModel.Compilation) is { } library
                ? Diagnostic.Create(Descriptors.InterceptorsDisabledForCalls, location, called!.ShortName(), library)
                : Diagnostic.Create(Descriptors.InterceptorsDisabled, location, attribute));
        }

        if (!languageTooOld) return;
        // Below C# 12 the TrainableParameters() extensions are not generated either: a call of one counts as a use.
        if (use is null && FirstTraceUse.UnboundTrainableParameters(context.SemanticModel, context.CancellationToken) is { } call) use = (call, "Trainable", null);
        if (use is var (at, used, calledAt))
        {
            var version = ((CSharpParseOptions)options).LanguageVersion.ToDisplayString();
            context.ReportDiagnostic(LibraryOf(calledAt, context.SemanticModel.Compilation) is { } library
                ? Diagnostic.Create(Descriptors.LanguageTooOldForCalls, at, calledAt!.ShortName(), library, version, LanguageSupport.MinimumDisplay)
                : Diagnostic.Create(Descriptors.LanguageTooOld, at, used, version, LanguageSupport.MinimumDisplay));
        }
    }

    // The library whose traced method a file's only use of tracing calls: such a file did not ask for tracing itself, so
    // the messages name the library instead of saying it uses [Traced].
    private static string? LibraryOf(IMethodSymbol? called, Compilation compilation) =>
        called is not null && !SymbolEqualityComparer.Default.Equals(called.ContainingAssembly, compilation.Assembly) ? called.ContainingAssembly.Name : null;

    // The SDK passes the property to the compiler as a feature flag: /features:InterceptorsNamespaces=A;B.
    private static bool InterceptorsEnabled(ParseOptions options) =>
        new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" }.Any(key =>
            options.Features.TryGetValue(key, out var value) && value.Split(';').Any(n => n.Trim() == Namespace));
}
