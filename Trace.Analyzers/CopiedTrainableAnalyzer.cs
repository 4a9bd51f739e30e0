using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// A <c>with</c> expression on an object that holds <c>[Trainable]</c> members (OPTO021): the copy's members are parameters of
/// their own, which feedback on what reads the copy reaches instead of the original's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CopiedTrainableAnalyzer : DiagnosticAnalyzer
{
    private const int MaxNamed = 3;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CopiedTrainable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            if (attributes.TrainableType is null) return;
            start.RegisterOperationAction(c => Analyze(c, attributes), OperationKind.With);
        });
    }

    private static void Analyze(OperationAnalysisContext context, TraceAttributes attributes)
    {
        var copy = (IWithOperation)context.Operation;
        // A struct's or a generic type's instance members, and init-only ones, are not parameters at all (OPTO005 says so).
        if (copy.Type is not INamedTypeSymbol { IsReferenceType: true } type || type.InGenericType()) return;
        var trainables = TrainableMembers(type, attributes).ToList();
        if (trainables.Count == 0) return;
        var named = string.Join(", ", trainables.Take(MaxNamed).Select(m => $"'{m.Name}'"));
        var what = trainables.Count == 1 ? $"the trainable {named}"
            : trainables.Count <= MaxNamed ? $"the trainables {named}"
            : $"the trainables {named} and {trainables.Count - MaxNamed} more";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CopiedTrainable, copy.Syntax.GetLocation(), GlueFlow.Shown(copy.Syntax.ToString()), what, type.Name));
    }

    // The instance fields and properties the copy gets, declared [Trainable] by the type or a base type.
    private static IEnumerable<ISymbol> TrainableMembers(INamedTypeSymbol type, TraceAttributes attributes)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IFieldSymbol { IsReadOnly: false, IsConst: false } or IPropertySymbol { SetMethod.IsInitOnly: false } && !member.IsStatic && attributes.Trainable(member) is not null)
                {
                    yield return member;
                }
            }
        }
    }
}
