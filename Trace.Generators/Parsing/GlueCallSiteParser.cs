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
/// Finds the framework calls the generator intercepts as glue: text combiners (see <see cref="Combiners"/>), what puts
/// text into a <c>StringBuilder</c> and takes it out (see <see cref="TextBuilderCalls"/>), and LINQ's picks of a text
/// (see <see cref="Pickers"/>).
/// </summary>
internal static class GlueCallSiteParser
{
    /// <summary>The glue calls of the compilation, one entry per file, ordered by file and position.</summary>
    public static GlueCallSites[] Parse(Compilation compilation, CancellationToken cancellationToken)
    {
        var models = SemanticModels.ForCalls(compilation);
        var trees = compilation.SyntaxTrees.OrderBy(t => t.FilePath, System.StringComparer.Ordinal).ToArray();
        var files = new GlueCallSites[trees.Length];
        Concurrently.For(compilation, trees.Length, i => files[i] = ParseTree(trees[i], models, cancellationToken), cancellationToken);
        return files;
    }

    private static GlueCallSites ParseTree(SyntaxTree tree, SemanticModels models, CancellationToken cancellationToken)
    {
        List<CombinerSiteSpec>? combiners = null;
        List<BuilderSiteSpec>? builders = null;
        List<PickerSiteSpec>? pickers = null;
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax invocation) continue;
            var name = TracedNames.InvokedName(invocation);
            if (Combiners.MayBe(name))
            {
                if (DescribeCombiner(invocation, models.For(tree), cancellationToken) is { } site) (combiners ??= []).Add(site);
            }
            else if (Pickers.MayBe(name))
            {
                if (DescribePicker(invocation, models.For(tree), cancellationToken) is { } site) (pickers ??= []).Add(site);
            }
            else if (TextBuilderCalls.MayBe(name) && invocation.ArgumentList.Arguments.Count <= 2
                && DescribeBuilderCall(invocation, models.For(tree), cancellationToken) is { } builderSite)
            {
                (builders ??= []).Add(builderSite);
            }
        }

        return combiners is null && builders is null && pickers is null
            ? GlueCallSites.Empty
            : new GlueCallSites(combiners?.ToEquatableArray() ?? EquatableArray<CombinerSiteSpec>.Empty, builders?.ToEquatableArray() ?? EquatableArray<BuilderSiteSpec>.Empty,
                pickers?.ToEquatableArray() ?? EquatableArray<PickerSiteSpec>.Empty);
    }

    // Only a pick glue can be made from: its text is a producer, as a traced call's result is.
    private static PickerSiteSpec? DescribePicker(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call || !Pickers.IsGlueProducer(call)) return null;
        if (InterceptableLocation(invocation, model, cancellationToken) is not { } location) return null;
        var declared = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
        return new PickerSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            location.Version,
            location.Data,
            CallPlace.InFile(location.GetDisplayLocation()),
            declared.Name,
            "<" + string.Join(", ", declared.TypeParameters.Select(t => t.Name)) + ">",
            declared.ReturnType.Qualified(),
            declared.Parameters.Select(p => p.Type.Qualified()).ToEquatableArray(),
            declared.Parameters.Select(p => p.Name).ToEquatableArray());
    }

    private static CombinerSiteSpec? DescribeCombiner(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || Combiners.Of(method) is not { } shape) return null;
        if (InterceptableLocation(invocation, model, cancellationToken) is not { } location) return null;
        var leavesSlot = model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation && Combiners.IsGlueProducer(operation);

        var declared = method.OriginalDefinition;
        return new CombinerSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            location.Version,
            location.Data,
            CallPlace.InFile(location.GetDisplayLocation()),
            method.Name,
            declared.IsGenericMethod ? "<" + string.Join(", ", declared.TypeParameters.Select(t => t.Name)) + ">" : "",
            declared.Parameters.Select(p => p.Type.Qualified()).ToEquatableArray(),
            shape.PartsIndex,
            shape.PartsAreSpan,
            shape.PartsAreSequence,
            shape.StringSeparator,
            invocation.ToString(),
            leavesSlot);
    }

    // A call that puts a value with an identity into a builder, or takes its text out. A constant (a literal, a `const`) or
    // a value type boxed for `Append(object)` has no identity to link, so its call is left as it is.
    private static BuilderSiteSpec? DescribeBuilderCall(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || TextBuilderCalls.Of(method) is var kind && kind == TextBuilderCalls.Kind.None) return null;
        if (kind != TextBuilderCalls.Kind.Built)
        {
            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation { } call) return null;
            var index = TextBuilderCalls.ValueIndex(kind);
            var value = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == index)?.Value;
            if (value is null || value.ConstantValue.HasValue || value is IConversionOperation { IsImplicit: true, Operand.Type.IsValueType: true }) return null;
        }

        if (InterceptableLocation(invocation, model, cancellationToken) is not { } location) return null;
        return new BuilderSiteSpec(
            invocation.SyntaxTree.FilePath,
            invocation.SpanStart,
            location.Version,
            location.Data,
            CallPlace.InFile(location.GetDisplayLocation()),
            kind,
            kind == TextBuilderCalls.Kind.Built ? ReceiverName(invocation, "text") : "",
            kind == TextBuilderCalls.Kind.Built ? invocation.ToString() : "");
    }

#pragma warning disable RSEXPERIMENTAL002 // Interceptable locations are stable in Roslyn 4.14.
    /// <summary>Where generated code can intercept the call: null for one in an expression tree.</summary>
    internal static InterceptableLocation? InterceptableLocation(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation && !operation.IsInExpressionTree()
            ? model.GetInterceptableLocation(invocation, cancellationToken)
            : null;
#pragma warning restore RSEXPERIMENTAL002

    /// <summary>
    /// The base name of a glue node made at a call on an object: the object's own name as written, camel-cased
    /// (<c>prompt.ToString()</c> and <c>prompt.Append(a).ToString()</c> make <c>prompt0</c>, <c>_history.Add(s)</c> makes
    /// <c>history0</c>), or <paramref name="fallback"/> for an object without one (<c>new StringBuilder().Append(a)</c>).
    /// </summary>
    public static string ReceiverName(InvocationExpressionSyntax invocation, string fallback)
    {
        var receiver = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;
        while (receiver is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax chained }) receiver = chained.Expression;
        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
            _ => "",
        };
        name = name.TrimStart('_');
        return name.Length == 0 || !SyntaxFacts.IsValidIdentifier(name) ? fallback : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
