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
            compilationStart.RegisterOperationBlockStartAction(start =>
            {
                if (start.OwningSymbol is not IMethodSymbol method || !attributes.IsTracedOrOverridesTraced(method)) return;
                start.RegisterOperationAction(c => Analyze(c, method), OperationKind.FieldReference, OperationKind.PropertyReference);
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, IMethodSymbol method)
    {
        var reference = (IMemberReferenceOperation)context.Operation;
        if (!AccessPaths.IsTrainableInstanceMember(reference.Member) || reference.Instance is null or IInstanceReferenceOperation || IsWrite(reference)) return;
        if (AccessPaths.Resolve(reference.Instance, method, context.Compilation, out var reason) is not null || reason is null) return;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnreachableTrainableRead, reference.Syntax.GetLocation(), method.Name, reference.Member.ShortName(), reference.Instance.Syntax.ToString(), reason));
    }

    // `other.Prompt = ...` changes the value; it is not something the result was computed from.
    private static bool IsWrite(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;
}
