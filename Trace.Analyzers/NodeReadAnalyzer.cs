using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Reads of a <c>Parameter&lt;T&gt;</c> or <c>Node&lt;T&gt;</c> inside a traced method that the generator cannot turn into
/// a dependency of the call (OPTO015): Python Trace raises <c>TraceMissingInputsError</c> at run time; this says it as
/// the code is written.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NodeReadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnlinkedNodeRead);

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
                start.RegisterOperationAction(c => Analyze(c, attributes, method), OperationKind.FieldReference, OperationKind.PropertyReference, OperationKind.Invocation);
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, TraceAttributes attributes, IMethodSymbol method)
    {
        var operation = context.Operation;
        if (operation.Type is not { } type || !type.HoldsNodes(context.Compilation) || IsTracedCallArgument(operation, attributes)) return;
        var reason = operation switch
        {
            IInvocationOperation invocation when !attributes.IsTracedOrOverridesTraced((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition) =>
                "it is returned by a method call",
            IPropertyReferenceOperation { Property.IsIndexer: true } => null, // the collection it indexes is what is read
            IMemberReferenceOperation { Member.IsStatic: true } member => Unreachable(member.Member.ContainingType),
            IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member => Unreachable(member.Member.ContainingType),
            IMemberReferenceOperation => "it belongs to another object",
            _ => null,
        };
        if (reason is null) return;
        var name = operation.Syntax.ToString();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnlinkedNodeRead, operation.Syntax.GetLocation(), method.Name, name, reason + "; pass it to the method as an argument"));
    }

    // Handed straight to a traced call, the node is that call's input, and nested calls report their parameters to this one.
    private static bool IsTracedCallArgument(IOperation operation, TraceAttributes attributes)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation call } &&
            attributes.IsTracedOrOverridesTraced((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition);
    }

    private static string? Unreachable(INamedTypeSymbol owner) =>
        owner.TypeKind != TypeKind.Class ? "it is a member of a struct" : owner.IsGenericType ? "it is a member of a generic type" : null;
}
