using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The <c>System.Text.StringBuilder</c> members the generator intercepts: <c>Append</c>, <c>AppendLine</c> and <c>Insert</c> of
/// a string or an object record what a traced call made as a part of the builder, and <c>ToString()</c> links the text to
/// the parts it still holds, at run time, by their identity. Other ways into a builder (its constructor, an interpolated
/// <c>Append</c>, <c>AppendFormat</c>, <c>AppendJoin</c>, a substring) are not seen, and the analyzer says so.
/// </summary>
internal static class TextBuilderCalls
{
    /// <summary>An intercepted member of the builder, named as the runtime's <c>TextBuilders</c> method that replaces it.</summary>
    public enum Kind
    {
        /// <summary>Not one of them.</summary>
        None,

        /// <summary><c>Append(string)</c>.</summary>
        AppendText,

        /// <summary><c>Append(object)</c>.</summary>
        AppendObject,

        /// <summary><c>AppendLine(string)</c>.</summary>
        AppendLine,

        /// <summary><c>Insert(int, string)</c>.</summary>
        InsertText,

        /// <summary><c>Insert(int, object)</c>.</summary>
        InsertObject,

        /// <summary><c>ToString()</c>.</summary>
        Built,
    }

    /// <summary>Whether a call's name may be one of them, by its syntax alone.</summary>
    public static bool MayBe(string name) => name is "Append" or "AppendLine" or "Insert" or "ToString";

    /// <summary>Whether <paramref name="type"/> is <c>System.Text.StringBuilder</c>.</summary>
    public static bool IsBuilder(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "StringBuilder", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>Which intercepted member <paramref name="method"/> is.</summary>
    public static Kind Of(IMethodSymbol method)
    {
        if (method.IsStatic || !IsBuilder(method.ContainingType)) return Kind.None;
        var parameters = method.Parameters;
        return (method.Name, parameters.Length) switch
        {
            ("ToString", 0) => Kind.Built,
            ("Append", 1) => parameters[0].Type.SpecialType switch
            {
                SpecialType.System_String => Kind.AppendText,
                SpecialType.System_Object => Kind.AppendObject,
                _ => Kind.None,
            },
            ("AppendLine", 1) when parameters[0].Type.SpecialType == SpecialType.System_String => Kind.AppendLine,
            ("Insert", 2) when parameters[0].Type.SpecialType == SpecialType.System_Int32 => parameters[1].Type.SpecialType switch
            {
                SpecialType.System_String => Kind.InsertText,
                SpecialType.System_Object => Kind.InsertObject,
                _ => Kind.None,
            },
            _ => Kind.None,
        };
    }

    /// <summary>The parameter that takes the part, for a kind that puts one into the builder.</summary>
    public static int ValueIndex(Kind kind) => kind is Kind.InsertText or Kind.InsertObject ? 1 : 0;
}
