using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Finds calls of traced methods and describes each as plain data. A call of a shape the generator cannot
/// intercept safely yields nothing (the call then simply runs untraced), so generated code always compiles.
/// </summary>
internal static class CallSiteParser
{
    public static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax };

    public static CallSiteSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        Describe((InvocationExpressionSyntax)context.Node, context.SemanticModel, withHandOffs: true, cancellationToken);

    private static CallSiteSpec? Describe(InvocationExpressionSyntax invocation, SemanticModel model, bool withHandOffs, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol called) return null;

        var calledDefinition = (called.ReducedFrom ?? called).OriginalDefinition;
        var definition = InterceptionRule.TracedDefinition(calledDefinition, Symbols.IsTracedMethod);
        if (definition is null) return null;
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation) return null;

        var compilation = model.Compilation;
        if (!InterceptionRule.Judge(operation, compilation, Symbols.IsTracedMethod).IsIntercepted) return null;
        var method = called.ReducedFrom is not null ? called.GetConstructedReducedFrom()! : called;
        var conditionalSymbols = CallPlace.DefinedConditionalSymbols(method, invocation.SyntaxTree);

#pragma warning disable RSEXPERIMENTAL002 // Interceptable locations are stable in Roslyn 4.14.
        var location = model.GetInterceptableLocation(invocation, cancellationToken);
#pragma warning restore RSEXPERIMENTAL002
        if (location is null) return null;

        var invocationKind = called.ReducedFrom is not null ? InvocationKind.ReducedExtension : method.IsStatic ? InvocationKind.Static : InvocationKind.Instance;
        var viaUnsafeAccessor = !compilation.IsSymbolAccessibleWithin(calledDefinition, compilation.Assembly);
        var receiverType = invocationKind == InvocationKind.Instance ? method.ContainingType : null;

        var handOffs = withHandOffs && AllowsHandOffs(invocation);
        var producerTags = new Dictionary<SyntaxNode, string?>();
        bool IsProducer(IInvocationOperation call) => ProducerTag(call) is not null;
        string? ProducerTag(IInvocationOperation call)
        {
            if (call.Syntax is not InvocationExpressionSyntax syntax) return null;
            if (!producerTags.TryGetValue(syntax, out var tag))
            {
                tag = syntax == invocation ? location.Data : Describe(syntax, model, withHandOffs: false, cancellationToken)?.LocationData;
                producerTags[syntax] = tag;
            }

            return tag;
        }

        var parameters = method.Parameters.Select(p =>
        {
            if (p.Type.ToDisplayString() == "System.Threading.CancellationToken")
            {
                return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.NotRecorded, null, ContextCollector.DynamicallyAccessedMembers(p.GetAttributes()));
            }

            var argument = operation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.OriginalDefinition, p.OriginalDefinition));
            if (argument is not null && (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Value.ConstantValue.HasValue))
            {
                return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.Constant, null, ContextCollector.DynamicallyAccessedMembers(p.GetAttributes()));
            }

            var feederTag = handOffs && argument is { ArgumentKind: ArgumentKind.Explicit, Value: IInvocationOperation { Syntax: InvocationExpressionSyntax inner } }
                ? HandOffTag(inner, model, cancellationToken)
                : null;
            var attributes = ContextCollector.DynamicallyAccessedMembers(p.GetAttributes());
            var glue = feederTag is null && withHandOffs && argument is { ArgumentKind: ArgumentKind.Explicit } &&
                GlueFlow.Of(argument.Value, IsProducer, cancellationToken) is { } flow
                ? new GlueSpec(flow.IsDirect, flow.Expression, flow.Producers.Select(ProducerTag).OfType<string>().ToEquatableArray(),
                    GlueReads(flow, operation, model, compilation, out var callerKey), callerKey)
                : null;
            if (glue is { IsDirect: false, Sources.Count: 0, Reads.Count: 0 }) glue = null;
            if (feederTag is null && CollectionShapes.Of(p.Type, compilation) is { } shape)
            {
                return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.Value, null, attributes, shape.Kind, shape.ElementTypes, glue);
            }

            if (glue is not null) return new ParameterSpec(p.Name, p.Type.Qualified(), ArgumentSource.Value, null, attributes, Glue: glue);

            return new ParameterSpec(p.Name, p.Type.Qualified(), feederTag is null ? ArgumentSource.Value : ArgumentSource.TracedCall, feederTag, attributes);
        }).ToEquatableArray();

        var (returnKind, resultType) = ClassifyReturn(method.ReturnType, method.ReturnsVoid, compilation);
        var feedTag = withHandOffs && returnKind == ReturnKind.Value && method.ReturnType.IsValueType && FeedsTracedCall(invocation, model, cancellationToken)
            ? location.Data
            : null;
        // Only the file name: generated code must not depend on where the project sits on disk.
        var display = location.GetDisplayLocation();
        var span = display.Substring(System.Math.Max(display.LastIndexOf('/'), display.LastIndexOf('\\')) + 1);
        // The interceptor names the method, its type, and the types of its signature: what the user's call compiled with, it needs too.
        var context = new ContextCollector().Add(method).Add(method.ReturnType);
        foreach (var parameter in method.Parameters) context.Add(parameter.Type);
        var memorySafetyRules = CallPlace.UsesMemorySafetyRules(invocation.SyntaxTree);
        return new CallSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            location.Version,
            location.Data,
            span,
            definition.GetDocumentationCommentId() ?? definition.Name,
            method.Name,
            method.IsGenericMethod ? "<" + string.Join(", ", method.TypeArguments.Select(t => t.Qualified())) + ">" : "",
            method.ContainingType.Qualified(),
            invocationKind,
            receiverType?.Qualified(),
            receiverType?.IsValueType ?? false,
            viaUnsafeAccessor,
            parameters,
            method.ReturnsVoid ? "void" : method.ReturnType.Qualified(),
            returnKind,
            resultType,
            feedTag,
            // A call of a trainable method whose code may be replaced dispatches to the current implementation.
            SymbolEqualityComparer.Default.Equals(definition, calledDefinition) && CodeShape.IsSwappable(calledDefinition, compilation) && !viaUnsafeAccessor
                ? CodeShape.DelegateType(calledDefinition)
                : null,
            context.Requirements(method).ToSpec(),
            method.ReturnsVoid ? null : ContextCollector.DynamicallyAccessedMembers(method.GetReturnTypeAttributes(), "return: "),
            (conditionalSymbols ?? []).ToEquatableArray(),
            // Under the updated memory safety rules a method may require an unsafe context, which the user's call had.
            memorySafetyRules && ((CSharpCompilationOptions)compilation.Options).AllowUnsafe,
            memorySafetyRules,
            withHandOffs && FeedsGlue(operation, IsProducer) ? location.Data : null);
    }

    // Value types have no identity, but when a traced call's value-typed result is passed straight to another
    // traced call, the compiler knows the flow: the producer hands its node over on the same thread. That holds
    // only if nothing between them can switch threads (no await among the arguments) and the arguments are
    // evaluated in parameter order (no named arguments), so the hand-offs pair up like a stack.
    private static bool AllowsHandOffs(InvocationExpressionSyntax invocation) =>
        !invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null) &&
        !invocation.ArgumentList.DescendantNodes().Any(n => n is AwaitExpressionSyntax);

    /// <summary>The tag of <paramref name="inner"/> when it is an intercepted traced call that hands its value-typed result over.</summary>
    private static string? HandOffTag(InvocationExpressionSyntax inner, SemanticModel model, CancellationToken cancellationToken) =>
        Describe(inner, model, withHandOffs: false, cancellationToken) is { ReturnKind: ReturnKind.Value } producer &&
        model.GetTypeInfo(inner, cancellationToken).Type is { IsValueType: true }
            ? producer.LocationData
            : null;

    private static bool FeedsTracedCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax consumer } }) return false;
        if (!AllowsHandOffs(consumer) || Describe(consumer, model, withHandOffs: false, cancellationToken) is null) return false;
        return model.GetOperation(consumer, cancellationToken) is IInvocationOperation operation &&
            operation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit && a.Value is IInvocationOperation { Syntax: var syntax } && syntax == invocation);
    }

    /// <summary>
    /// The [Trainable] members a glue expression reads that the runtime can find again: static ones, and instance ones when
    /// the call is made on <c>this</c> (its receiver is the object) or from a traced method (whose running call knows it).
    /// </summary>
    private static EquatableArray<DependencySpec> GlueReads(GlueFlow.Flow flow, IInvocationOperation consumer, SemanticModel model, Compilation compilation, out string? callerKey)
    {
        callerKey = null;
        var readable = flow.TrainableReads.Where(r => r.ContainingType.IsNameableFrom(compilation)).ToList();
        if (readable.Any(r => !r.IsStatic) && consumer.Instance is not IInstanceReferenceOperation)
        {
            var caller = model.GetEnclosingSymbol(consumer.Syntax.SpanStart);
            while (caller is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction }) caller = caller.ContainingSymbol;
            callerKey = caller is IMethodSymbol { IsStatic: false } method && method.IsTracedMethod() ? method.GetDocumentationCommentId() : null;
            if (callerKey is null) readable.RemoveAll(r => !r.IsStatic); // the object cannot be found again: statics only
        }

        return readable.Select(r => new DependencySpec(r.ContainingType.Qualified(), r.Name)).ToEquatableArray();
    }

    /// <summary>Whether the call's result flows, through untraced code of the same function, into another traced call's argument.</summary>
    private static bool FeedsGlue(IInvocationOperation producer, System.Func<IInvocationOperation, bool> isProducer)
    {
        if (GlueFlow.EnclosingFunction(producer) is not { } function) return false;
        foreach (var consumer in function.Descendants().OfType<IInvocationOperation>())
        {
            if (ReferenceEquals(consumer, producer) || !isProducer(consumer)) continue;
            foreach (var argument in consumer.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit &&
                    GlueFlow.Of(argument.Value, isProducer, System.Threading.CancellationToken.None) is { } flow &&
                    flow.Producers.Any(p => p.Syntax == producer.Syntax))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static (ReturnKind Kind, string ResultType) ClassifyReturn(ITypeSymbol returnType, bool returnsVoid, Compilation compilation)
    {
        if (returnsVoid) return (ReturnKind.Void, "void");
        if (returnType is INamedTypeSymbol named)
        {
            var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            var taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            var valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            var valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            var original = named.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(named, task)) return (ReturnKind.Task, "void");
            if (SymbolEqualityComparer.Default.Equals(named, valueTask)) return (ReturnKind.ValueTask, "void");
            if (SymbolEqualityComparer.Default.Equals(original, taskOfT)) return (ReturnKind.TaskOfT, Result(named.TypeArguments[0]));
            if (SymbolEqualityComparer.Default.Equals(original, valueTaskOfT)) return (ReturnKind.ValueTaskOfT, Result(named.TypeArguments[0]));
        }

        return (ReturnKind.Value, Result(returnType));
    }

    // typeof() takes neither a nullable reference type annotation nor `dynamic` (which is `object` at run time).
    private static string Result(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Dynamic ? "object" : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
