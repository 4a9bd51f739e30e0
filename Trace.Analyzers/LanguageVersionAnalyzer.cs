using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The generated code needs C# 12 (OPTO019). Below it the generator produces nothing, so nothing is traced; each file
/// that uses tracing reports it once, where OPTO011 would be reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LanguageVersionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LanguageTooOld);

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
        if (LanguageSupport.Allows(options)) return;
        if (FirstTraceUse.In(context.SemanticModel, attributes, context.CancellationToken) is not var (location, attribute)) return;
        var version = ((CSharpParseOptions)options).LanguageVersion.ToDisplayString();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.LanguageTooOld, location, attribute, version, LanguageSupport.MinimumDisplay));
    }
}
