using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

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

    // The lambda's call is intercepted only if generated code can name the method's type and reach the method: when it
    // cannot, say so now, not in a second warning once the lambda is written, and advise only what would trace that call.
    private static string Advice(IMethodReferenceOperation reference, Compilation compilation)
    {
        const string Lambda = "use a lambda that calls it";
        var method = reference.Method.ReducedFrom ?? reference.Method;
        // A method no call of which can be traced (its declaration has OPTO001 or OPTO002): a lambda would not help.
        var definition = method.OriginalDefinition;
        if (InterceptionRule.NeverIntercepted(definition) is { } never)
        {
            return $"no direct call of it is traced either ({never})";
        }

        var type = method.ContainingType;
        // A type generated code cannot write only because of its type arguments is taken by a generic interceptor.
        if (Unnameable.PartOf(type, compilation) is { } part && !GenericInterception.Allows(method, compilation))
        {
            return part.Kind == UnnameableKind.TypeParameter
                ? $"{Lambda} from non-generic code (inside generic code where {type.ToDisplayString()} involves the type parameter {part.Part.Name}, that call would not be traced either)"
                : $"{Lambda}, but that call would not be traced either: {Unnameable.Reason("the type", type, part)}";
        }

        // Making a method internal helps only in the project that declares it.
        if (!SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly)) return Lambda;
        return InterceptionRule.Unreachable(method, definition, compilation) is { } unreachable
            ? $"{Lambda}, and make it internal so that call is traced ({unreachable})"
            : Lambda;
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
