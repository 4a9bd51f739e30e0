using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Reads of a <c>[Trainable]</c> field or property of another object inside a traced method where that object cannot be
/// reached again from the call (OPTO016): the generator follows fields and auto-properties from the receiver, the
/// arguments and static members; anything else would silently lose the dependency.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrainableReadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnreachableTrainableRead);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var attributes = TraceAttributes.From(compilationStart.Compilation);
            var modelOf = HelperReads.ModelsOf(compilationStart.Compilation);
            compilationStart.RegisterOperationBlockStartAction(start =>
            {
                if (start.OwningSymbol is not IMethodSymbol method || !attributes.IsTracedOrOverridesTraced(method)) return;
                start.RegisterOperationAction(c => Analyze(c, method), OperationKind.FieldReference, OperationKind.PropertyReference);
                start.RegisterOperationAction(
                    c => AnalyzeHelperUse(c, method, attributes, modelOf), OperationKind.Invocation, OperationKind.MethodReference, OperationKind.PropertyReference);
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, IMethodSymbol method)
    {
        var reference = (IMemberReferenceOperation)context.Operation;
        if (!AccessPaths.IsTrainableInstanceMember(reference.Member) || reference.Instance is null or IInstanceReferenceOperation || HelperReads.IsWrite(reference)) return;
        if (AccessPaths.Resolve(reference.Instance, method, context.Compilation, out var reason) is not null || reason is null) return;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnreachableTrainableRead, reference.Syntax.GetLocation(), method.Name, reference.Member.ShortName(), reference.Instance.Syntax.ToString(), reason));
    }

    // A helper's reads count as the traced body's own: one the compiler cannot follow is reported where the helper is used.
    private static void AnalyzeHelperUse(OperationAnalysisContext context, IMethodSymbol method, TraceAttributes attributes, Func<SyntaxTree, SemanticModel> modelOf)
    {
        var reads = new HelperReads(context.Compilation, attributes, modelOf, context.CancellationToken);
        var (found, how) = context.Operation switch
        {
            IInvocationOperation call when HelperReads.IsWalkedCall(call, method, attributes) => (reads.OfCall(call, method), "called here"),
            IMethodReferenceOperation reference when HelperReads.IsWalkedReference(reference, method, attributes) => (reads.OfHelper(reference.Method, method), "used here"),
            IPropertyReferenceOperation reference when HelperReads.WalkedGetter(reference, method) is { } getter => (reads.OfHelper(getter, method), "read here"),
            _ => (null, ""),
        };
        if (found is null) return;
        foreach (var read in found)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnreachableTrainableRead, context.Operation.Syntax.GetLocation(), method.Name, read.Member.ShortName(), read.Instance,
                $"{read.Reason} (in '{read.Helper.AssociatedSymbol?.Name ?? read.Helper.Name}', {how})"));
        }
    }
}
