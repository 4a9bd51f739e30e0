using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Calls of traced methods that the generator leaves untraced (OPTO013), with the reason: the generator's own rule
/// (<see cref="InterceptionRule"/>) decides. What the declaration diagnostics already report (abstract, by-ref parameters,
/// ref structs) is not repeated, except for methods of other assemblies, whose declarations this build never reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallSiteAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CallNotTraced, Descriptors.CallInExpressionTree);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, attributes), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeDynamic(c, attributes), OperationKind.DynamicInvocation);
            ImplicitCalls.Register(start, attributes);
        });
    }

    // A call with a dynamic argument is bound at run time: there is no compile-time call of the traced method to intercept.
    private static void AnalyzeDynamic(OperationAnalysisContext context, TraceAttributes attributes)
    {
        var syntax = context.Operation.Syntax;
        var info = context.Operation.SemanticModel?.GetSymbolInfo(syntax, context.CancellationToken) ?? default;
        var candidates = info.Symbol is { } bound ? [bound] : info.CandidateSymbols;
        if (syntax is InvocationExpressionSyntax { Expression: var callee } && candidates.IsEmpty)
        {
            var calleeInfo = context.Operation.SemanticModel?.GetSymbolInfo(callee, context.CancellationToken) ?? default;
            candidates = calleeInfo.Symbol is { } calleeSymbol ? [calleeSymbol] : calleeInfo.CandidateSymbols;
        }

        if (candidates.OfType<IMethodSymbol>().FirstOrDefault(m => attributes.IsTracedOrOverridesTraced((m.ReducedFrom ?? m).OriginalDefinition)) is not { } traced) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, CallLocation(syntax), traced.ShortName(),
            "an argument is dynamic, so the call is bound at run time and cannot be intercepted; cast the argument to its type"));
    }

    private static void Analyze(OperationAnalysisContext context, TraceAttributes attributes)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var verdict = InterceptionRule.Judge(invocation, context.Compilation, attributes.IsTraced);
        var definition = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition;
        switch (verdict.Kind)
        {
            // A traced method of another assembly that can never be traced: its declaration's diagnostic (OPTO001/002) was
            // reported in that assembly's build, which this project's author may never see; the call says it here.
            case InterceptionKind.Unreported when InterceptionRule.TracedDefinition(definition, attributes.IsTraced) is { } traced && !SymbolEqualityComparer.Default.Equals(traced.ContainingAssembly, context.Compilation.Assembly)
                && CallPlace.DefinedConditionalSymbols(definition, invocation.Syntax.SyntaxTree) is not { Count: 0 }
                && (DeclarationRule.NotInterceptable(traced) ?? DeclarationRule.Unrecordable(traced)) is { } reason:
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, CallLocation(invocation.Syntax), definition.ShortName(),
                    $"{reason} ('{traced.ShortName()}' is traced in {traced.ContainingAssembly.Name}, but its calls cannot be, from any project)"));
                break;
            case InterceptionKind.InExpressionTree:
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallInExpressionTree, CallLocation(invocation.Syntax), definition.ShortName()));
                break;
            case InterceptionKind.Skipped when invocation.Parent is IObjectOrCollectionInitializerOperation initializer:
                // Once per initializer, at its first entry: a table of two thousand entries is one thing to change, not two thousand.
                var entries = initializer.Initializers.OfType<IInvocationOperation>()
                    .Where(e => SymbolEqualityComparer.Default.Equals(e.TargetMethod.OriginalDefinition, invocation.TargetMethod.OriginalDefinition)).ToList();
                if (entries[0].Syntax != invocation.Syntax) break;
                var once = entries.Count == 1 ? verdict.Reason : $"{verdict.Reason} (reported once for the {entries.Count} entries of this initializer)";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, CallLocation(invocation.Syntax), definition.ShortName(), once));
                break;
            case InterceptionKind.Skipped:
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallNotTraced, CallLocation(invocation.Syntax), definition.ShortName(), verdict.Reason));
                break;
        }
    }

    // From the method's name to the end of its arguments: in a chain (`RuleFor(...).NotNull().WithMessage(...)`) each
    // call's diagnostic marks that call, not the whole chain before it.
    private static Location CallLocation(SyntaxNode syntax)
    {
        var name = syntax is InvocationExpressionSyntax { Expression: var callee } ? callee switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => null,
        } : null;
        return name is null ? syntax.GetLocation() : Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(name.SpanStart, syntax.Span.End));
    }
}
