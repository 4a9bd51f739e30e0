using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Interception;

namespace Opto.Code.Compiling;

/// <summary>
/// The model's method turned into a compilable patch: a static class whose <c>__Invoke</c> takes the receiver as its
/// first parameter, starts (or joins) the call budget and runs <c>__Body</c>, which holds the model's body text verbatim (so
/// compiler messages map back to the model's lines).
/// </summary>
internal sealed class PatchSource
{
    public const string ClassName = "__OptoPatch";
    public const string Self = "__self";
    public const string Budget = "__budget";

    private PatchSource(string text, int bodyLine, int codeBodyLine, int codeSignatureLine)
    {
        Text = text;
        BodyLine = bodyLine;
        CodeBodyLine = codeBodyLine;
        CodeSignatureLine = codeSignatureLine;
    }

    public string Text { get; }

    /// <summary>The 0-based line of the patch where the body starts.</summary>
    public int BodyLine { get; }

    /// <summary>The 0-based line of the model's code where the body starts.</summary>
    public int CodeBodyLine { get; }

    /// <summary>The 0-based line of the model's code that holds the method's name.</summary>
    public int CodeSignatureLine { get; }

    /// <summary>Maps a 0-based line of the patch to a 0-based line of the model's code (the signature line outside the body).</summary>
    public int ToCodeLine(int patchLine) => patchLine >= BodyLine ? patchLine - BodyLine + CodeBodyLine : CodeSignatureLine;

    public static PatchSource Create(CodeMember member, string code, MethodDeclarationSyntax method, TimeSpan? budget, int maxDepth)
    {
        var owner = "global::" + TypeNames.Display(member.DeclaringType, qualified: true);
        var isStatic = method.Modifiers.Any(SyntaxKind.StaticKeyword);
        var parameters = method.ParameterList.Parameters.Select(p => p.WithAttributeLists(default).NormalizeWhitespace().ToFullString()).ToList();
        var arguments = method.ParameterList.Parameters.Select(p => "@" + p.Identifier.ValueText).ToList();
        if (!isStatic)
        {
            parameters.Insert(0, $"{owner} {Self}");
            arguments.Insert(0, Self);
        }

        var returnType = method.ReturnType.WithoutTrivia().ToFullString();
        var returns = returnType != "void";
        var isAsync = method.Modifiers.Any(SyntaxKind.AsyncKeyword);
        var milliseconds = budget is { } b ? (long)Math.Ceiling(b.TotalMilliseconds) : 0;

        var budgetType = "global::Opto.Interception.CallBudget";
        var name = SymbolDisplay.FormatLiteral(member.DeclaringType.Name + "." + member.Name, quote: true);
        var call = (returns ? "return " : "") + "__Body(" + string.Join(", ", arguments.Prepend(Budget)) + ");";
        var text = new StringBuilder();
        foreach (var directive in member.Usings) text.Append(directive).Append('\n');
        text.Append("using static ").Append(owner).Append(";\n");
        text.Append("[assembly: global::System.Diagnostics.Debuggable(global::System.Diagnostics.DebuggableAttribute.DebuggingModes.IgnoreSymbolStoreSequencePoints)]\n");
        var ns = member.DeclaringType.Namespace;
        if (ns is not null) text.Append("namespace ").Append(ns).Append(" {\n");
        text.Append("internal static class ").Append(ClassName).Append(" {\n");
        text.Append("public static ").Append(returnType).Append(" __Invoke(").Append(string.Join(", ", parameters)).Append(") { ")
            .Append("var ").Append(Budget).Append(" = ").Append(budgetType).Append(".Start(").Append(milliseconds).Append(", ").Append(maxDepth).Append(", ").Append(name).Append("); ")
            .Append("try { ").Append(returns ? $"return {Budget}.Bound({call["return ".Length..].TrimEnd(';')});" : $"{call} {Budget}.Returned();").Append(" } catch (global::System.Exception __e) when (").Append(Budget).Append(".Hides(__e)) { throw ").Append(Budget).Append(".Stopped(__e); }")
            .Append(" finally { ").Append(Budget).Append(".Leave(); } }\n");
        text.Append("private static ").Append(returnType).Append(" __Recurse(").Append(string.Join(", ", parameters.Prepend($"{budgetType} {Budget}"))).Append(") { ")
            .Append(Budget).Append(".Enter(); try { ").Append(call).Append(" } finally { ").Append(Budget).Append(".Exit(); } }\n");
        // Not inlined into its callers, so stack traces keep the body's own line numbers.
        text.Append("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] ");
        text.Append("private static ").Append(isAsync ? "async " : "").Append(returnType).Append(" __Body(").Append(string.Join(", ", parameters.Prepend($"{budgetType} {Budget}"))).Append(")\n");
        var bodyLine = CountLines(text);

        SyntaxNode body = (SyntaxNode?)method.Body ?? method.ExpressionBody!;
        var bodyText = code[body.SpanStart..method.Span.End];
        text.Append(bodyText).Append('\n');
        text.Append("}\n");
        if (ns is not null) text.Append("}\n");

        var codeText = Microsoft.CodeAnalysis.Text.SourceText.From(code);
        return new PatchSource(text.ToString(), bodyLine, codeText.Lines.GetLineFromPosition(body.SpanStart).LineNumber,
            codeText.Lines.GetLineFromPosition(method.Identifier.SpanStart).LineNumber);
    }

    private static int CountLines(StringBuilder text)
    {
        var lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') lines++;
        }

        return lines;
    }
}
