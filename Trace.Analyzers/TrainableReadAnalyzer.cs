using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnreachableTrainableRead, Descriptors.UnseenCodeRead);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationStart =>
        {
            var attributes = TraceAttributes.From(compilationStart.Compilation);
            var modelOf = HelperReads.ModelsOf(compilationStart.Compilation);
            var unseen = new UnseenCode(attributes);
            var others = new OtherMembers(modelOf, attributes, compilationStart.CancellationToken);
            compilationStart.RegisterOperationBlockStartAction(start =>
            {
                if (start.OwningSymbol is not IMethodSymbol method || !attributes.IsTracedOrOverridesTraced(method)) return;
                start.RegisterOperationAction(c => Analyze(c, method), OperationKind.FieldReference, OperationKind.PropertyReference);
                start.RegisterOperationAction(
                    c => AnalyzeHelperUse(c, method, attributes, modelOf, unseen), OperationKind.Invocation, OperationKind.MethodReference, OperationKind.PropertyReference);
                start.RegisterOperationAction(c => AnalyzeUnseen(c, method, unseen), OperationKind.Invocation, OperationKind.PropertyReference);
                start.RegisterOperationAction(c => AnalyzeKeptLambda(c, method, attributes, others, modelOf), OperationKind.Invocation, OperationKind.PropertyReference);
                start.RegisterOperationAction(c => AnalyzeStaticInterfaceRead(c, method, attributes), OperationKind.PropertyReference);
                start.RegisterOperationAction(
                    c => AnalyzeImplicitCode(c, method, attributes, modelOf), OperationKind.Conversion, OperationKind.Binary, OperationKind.Unary, OperationKind.Interpolation, OperationKind.Argument,
                    OperationKind.DeconstructionAssignment, OperationKind.RecursivePattern);
            });
        });
    }

    private static void Analyze(OperationAnalysisContext context, IMethodSymbol method)
    {
        var reference = (IMemberReferenceOperation)context.Operation;
        if (!ImplementedMembers.MayReadTrainable(reference.Member, context.Compilation) || reference.Instance is null || HelperReads.IsWrite(reference)
            || reference.Instance is IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.PatternInput })
        {
            return;
        }

        if (AccessPaths.Resolve(reference.Instance, method, context.Compilation, out var reason) is not null || reason is null) return;
        if (!ImplementedMembers.ReadsKnownTrainable(reference.Member, context.Compilation)) return;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnreachableTrainableRead, reference.Syntax.GetLocation(), method.Name, reference.Member.ShortName(), HelperReads.ReadOn(reference.Instance), reason));
    }

    // A helper's reads count as the traced body's own: one the compiler cannot follow is reported where the helper is used.
    // An untraced method of another object is not read at all: every trainable value it reads is reported where it is called.
    private static void AnalyzeHelperUse(OperationAnalysisContext context, IMethodSymbol method, TraceAttributes attributes, Func<SyntaxTree, SemanticModel> modelOf, UnseenCode unseen)
    {
        var reads = new HelperReads(context.Compilation, attributes, modelOf, context.CancellationToken, unseen);
        var (found, how, receiver) = context.Operation switch
        {
            IInvocationOperation call when HelperReads.IsWalkedCall(call, method, attributes) => (reads.OfCall(call, method), " (in '{0}', called here)", null),
            IMethodReferenceOperation reference when HelperReads.IsWalkedReference(reference, method, attributes) => (reads.OfHelper(reference.Method.ReducedFrom ?? reference.Method, method), " (in '{0}', used here)", null),
            IPropertyReferenceOperation reference when HelperReads.WalkedGetter(reference, method) is { } getter => (reads.OfHelper(getter, method), " (in '{0}', read here)", null),
            IInvocationOperation call when HelperReads.IsOtherObjectsMethod(call.Instance, call.TargetMethod, attributes) =>
                (reads.OfOtherObject(call.TargetMethod, method), " (in '{0}', a method of that object that is not traced, called here)", call.Instance),
            IPropertyReferenceOperation { Property.GetMethod: { } getter } reference when HelperReads.IsOtherObjectsMethod(reference.Instance, getter, attributes) =>
                (reads.OfOtherObject(getter, method), " (in '{0}', a property of that object that is not traced, read here)", reference.Instance),
            _ => (null, "", null),
        };
        if (found is null) return;
        foreach (var read in found)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnreachableTrainableRead, context.Operation.Syntax.GetLocation(), method.Name, read.Member.ShortName(), receiver?.Syntax.ToString() ?? read.Instance,
                read.Reason + (receiver is null ? In(read.Helper) : "")));
        }

        // Said once per method, value and body at a use: a helper that calls the same method twice is one fix.
        var said = new HashSet<(IMethodSymbol, string, IMethodSymbol)>();
        foreach (var (handed, body) in reads.Unseen)
        {
            if (!said.Add((handed.Method, handed.Value, body))) continue;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnseenCodeRead, context.Operation.Syntax.GetLocation(), method.Name, UnseenCode.Name(handed.Method), handed.Value, handed.Holds, handed.Method.ContainingAssembly.Name, In(body)));
        }

        string In(IMethodSymbol body) => string.Format(System.Globalization.CultureInfo.InvariantCulture, how, HelperReads.Name(body));
    }

    // Code of the project run without a call in source (a conversion, an operator, a ToString an interpolation or the framework
    // runs): what it reads is never a dependency. A record's ToString, which the compiler writes, prints its public members.
    private static void AnalyzeImplicitCode(OperationAnalysisContext context, IMethodSymbol method, TraceAttributes attributes, Func<SyntaxTree, SemanticModel> modelOf)
    {
        if (ImplicitUserCode.Of(context.Operation) is not { } run) return;
        // A `params` argument is the call as written: the element is where the object is given.
        var location = (context.Operation is IArgumentOperation { IsImplicit: true } && run.On is not null ? run.On : context.Operation).Syntax.GetLocation();
        var on = run.On?.Syntax.ToString() ?? "";
        if (run.Method.IsImplicitlyDeclared)
        {
            foreach (var read in ImplicitUserCode.WrittenByCompilerReads(run.Method, attributes))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, location, method.Name, read.ShortName(), on,
                    $"it is read by the {run.Method.Name} the compiler writes for the record ({run.How}), and no interceptor sees that call; read the value in '{method.Name}'"));
            }

            return;
        }

        var said = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var read in new HelperReads(context.Compilation, attributes, modelOf, context.CancellationToken).OfImplicit(run, method))
        {
            if (!said.Add(read.Member)) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, location, method.Name, read.Member.ShortName(), on, read.Reason));
        }
    }

    // A lambda kept in a field or a property and run through it (called, or a Lazy's factory): what it reads is never a dependency.
    private static void AnalyzeKeptLambda(OperationAnalysisContext context, IMethodSymbol method, TraceAttributes attributes, OtherMembers others, Func<SyntaxTree, SemanticModel> modelOf)
    {
        var call = context.Operation;
        if (KeptLambdas.Run(call, others, modelOf) is not { Member: { } member, Lambdas.Count: > 0 } run) return;
        var kept = member.Name;
        var said = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var read in run.Lambdas.SelectMany(lambda => lambda.Body.Descendants()).OfType<IMemberReferenceOperation>())
        {
            if (read.Member is not (IFieldSymbol or IPropertySymbol) || HelperReads.IsWrite(read) || !said.Add(read.Member)) continue;
            if (attributes.Trainable(read.Member) is null && !ImplementedMembers.ReadsKnownTrainable(read.Member, context.Compilation)) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, call.Syntax.GetLocation(), method.Name, read.Member.ShortName(), kept,
                $"it is read in the lambda kept in '{kept}', which the generator does not read (it reads what a body names, not what a delegate runs); make it a [Traced] method, or read the value in '{method.Name}'"));
        }
    }

    // `T.DefaultPrompt` with a [Trainable] static property implementing it: which one runs is decided as the generic code runs.
    private static void AnalyzeStaticInterfaceRead(OperationAnalysisContext context, IMethodSymbol method, TraceAttributes attributes)
    {
        var read = (IPropertyReferenceOperation)context.Operation;
        if (StaticInterfaceReads.TrainablesRunBy(read, attributes, context.Compilation) is not { Count: > 0 } trainables) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableTrainableRead, read.Syntax.GetLocation(), method.Name, read.Property.ShortName(), "a type parameter",
            StaticInterfaceReads.Reason(read, trainables, method.Name)));
    }

    // A method of another assembly given an object that holds trainable members: what it reads there is never a dependency.
    private static void AnalyzeUnseen(OperationAnalysisContext context, IMethodSymbol method, UnseenCode unseen)
    {
        foreach (var handed in unseen.Of(context.Operation, method.ContainingType))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnseenCodeRead, handed.At.Syntax.GetLocation(), method.Name, UnseenCode.Name(handed.Method), handed.Value, handed.Holds, handed.Method.ContainingAssembly.Name, ""));
        }
    }
}
