using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The framework's text combiners the generator intercepts as glue: <c>string.Join</c> and <c>string.Concat</c> over a
/// collection, an array or a span of parts (not the fixed-arity overloads, whose parts the compiler's glue proof sees), and
/// <c>StringBuilder.AppendJoin</c>, whose parts become parts of the builder (see <see cref="TextBuilderCalls"/>).
/// Their result is linked at run time to the traced calls that made its parts, by the parts' identity, whatever path the
/// parts took (a loop, a lambda, <c>Task.WhenAll</c>, a field).
/// </summary>
internal static class Combiners
{
    /// <summary>How an intercepted combiner takes its parts.</summary>
    /// <param name="PartsIndex">The parameter that holds the parts.</param>
    /// <param name="PartsAreSpan">The parts are a <c>ReadOnlySpan</c> (no interceptor may keep them).</param>
    /// <param name="PartsAreSequence">The parts are an <c>IEnumerable</c>, which may be lazy: enumerated once, before joining.</param>
    /// <param name="StringSeparator">The first parameter is a string separator, itself a part of the text.</param>
    public readonly record struct Shape(int PartsIndex, bool PartsAreSpan, bool PartsAreSequence, bool StringSeparator);

    /// <summary>Whether a call's name may be a combiner's, by its syntax alone.</summary>
    public static bool MayBe(string name) => name is "Join" or "Concat" or "AppendJoin";

    /// <summary>Whether <paramref name="method"/> is <c>StringBuilder.AppendJoin</c>, the combiner that appends its text to a builder.</summary>
    public static bool AppendsToBuilder(IMethodSymbol method) => !method.IsStatic && method.Name == "AppendJoin" && TextBuilderCalls.IsBuilder(method.ContainingType);

    /// <summary>
    /// Whether the text <paramref name="call"/> makes is a producer of glue, as a traced call's result is: a combiner the
    /// generator intercepts (not <c>AppendJoin</c>, whose text goes into its builder), written in a function. Its interceptor
    /// leaves the node of the text in a slot, for glue made from the text (<c>$"Notes: {string.Join(", ", notes)}"</c>), in a
    /// loop too (<c>Ask(q + string.Join("\n", notes))</c>, then <c>notes.Add(...)</c>): the glue's flow proves which text it
    /// holds as it does for a call. Its slot never keeps the running call, so no flow counts on that (a text built up of
    /// every one of its texts, or a local a loop sets and that starts with none).
    /// </summary>
    public static bool IsGlueProducer(IInvocationOperation call) =>
        call.Syntax is InvocationExpressionSyntax && Of(call.TargetMethod) is not null && !AppendsToBuilder(call.TargetMethod) && !call.IsInExpressionTree()
        && GlueFlow.EnclosingFunction(call) is not null;

    /// <summary>The shape of <paramref name="method"/> when it is a combiner the generator intercepts; null otherwise.</summary>
    public static Shape? Of(IMethodSymbol method)
    {
        var onBuilder = AppendsToBuilder(method);
        if (!onBuilder && (!method.IsStatic || method.ContainingType?.SpecialType != SpecialType.System_String)) return null;
        var parameters = method.Parameters;
        int partsIndex;
        if ((method.Name == "Join" || onBuilder) && parameters.Length == 2 && parameters[0].Type.SpecialType is SpecialType.System_String or SpecialType.System_Char) partsIndex = 1;
        else if (method.Name == "Concat" && parameters.Length == 1) partsIndex = 0;
        else return null;

        var parts = parameters[partsIndex].Type;
        ITypeSymbol? element;
        var span = false;
        var sequence = false;
        switch (parts)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                element = array.ElementType;
                break;
            case INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } readOnlySpan when readOnlySpan.ContainingNamespace?.ToDisplayString() == "System":
                element = readOnlySpan.TypeArguments[0];
                span = true;
                break;
            case INamedTypeSymbol named when KnownTypes.IsEnumerableOfT(named):
                element = named.TypeArguments[0];
                sequence = true;
                break;
            default:
                return null;
        }

        // Parts that can carry an identity: strings, objects, or any type the caller chooses (Join<T>).
        if (element.SpecialType is not (SpecialType.System_String or SpecialType.System_Object) && element is not ITypeParameterSymbol) return null;
        return new Shape(partsIndex, span, sequence, partsIndex == 1 && parameters[0].Type.SpecialType == SpecialType.System_String);
    }
}
