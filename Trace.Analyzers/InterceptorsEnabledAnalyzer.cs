using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// Interceptors must be enabled for Opto.Generated (OPTO011): reported once, at the first [Traced]/[Trainable] attribute
/// or the first call of a traced method, when the project's InterceptorsNamespaces does not list it.
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
            var tree = start.Compilation.SyntaxTrees.FirstOrDefault();
            if (tree is null || Enabled(tree.Options)) return;
            var reported = 0;
            void Report(Action<Diagnostic> report, Location location, string attribute)
            {
                if (Interlocked.Exchange(ref reported, 1) == 0) report(Diagnostic.Create(Descriptors.InterceptorsDisabled, location, attribute));
            }

            start.RegisterSymbolAction(symbol =>
            {
                foreach (var attribute in symbol.Symbol.GetAttributes())
                {
                    var name = attribute.AttributeClass?.ToDisplayString();
                    if (name is Symbols.Traced or Symbols.Trainable) Report(symbol.ReportDiagnostic, attribute.AttributeLocation(symbol.Symbol), name == Symbols.Traced ? "Traced" : "Trainable");
                }
            }, SymbolKind.Method, SymbolKind.Field, SymbolKind.Property);

            start.RegisterOperationAction(operation =>
            {
                var method = ((IInvocationOperation)operation.Operation).TargetMethod;
                if ((method.ReducedFrom ?? method).OriginalDefinition.IsTraced()) Report(operation.ReportDiagnostic, operation.Operation.Syntax.GetLocation(), "Traced");
            }, OperationKind.Invocation);
        });
    }

    // The SDK passes the property to the compiler as a feature flag: /features:InterceptorsNamespaces=A;B.
    private static bool Enabled(ParseOptions options) =>
        new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" }.Any(key =>
            options.Features.TryGetValue(key, out var value) && value.Split(';').Any(n => n.Trim() == Namespace));
}
