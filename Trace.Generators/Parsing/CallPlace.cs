using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Generators.Parsing;

/// <summary>Where the user's call sits, as far as generated code must follow it.</summary>
internal static class CallPlace
{
    /// <summary>The compiler's feature flag for the updated memory safety rules (members that require an unsafe context).</summary>
    public const string MemorySafetyRulesFeature = "updated-memory-safety-rules";

    /// <summary>
    /// The <c>[Conditional]</c> symbols of <paramref name="method"/> (and of the methods it overrides) defined where the call is
    /// written; null when the method is not conditional. An empty list means the compiler removes the call.
    /// </summary>
    public static List<string>? DefinedConditionalSymbols(IMethodSymbol method, SyntaxTree tree)
    {
        List<string>? symbols = null;
        for (var m = method.OriginalDefinition; m is not null; m = m.OverriddenMethod?.OriginalDefinition)
        {
            foreach (var attribute in m.GetAttributes())
            {
                if (IsConditional(attribute) && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                {
                    (symbols ??= []).Add(name);
                }
            }
        }

        return symbols?.Where(s => IsDefined(tree, s)).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
    }

    // #define and #undef come before the first token of a file, so the symbols they set hold for every call in it.
    private static bool IsDefined(SyntaxTree tree, string symbol)
    {
        var defined = tree.Options.PreprocessorSymbolNames.Contains(symbol);
        var root = (CSharpSyntaxNode)tree.GetRoot();
        var firstToken = root.GetFirstToken(includeZeroWidth: true).SpanStart;
        for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < firstToken; directive = directive.GetNextDirective())
        {
            if (!directive.IsActive) continue;
            if (directive is DefineDirectiveTriviaSyntax define && define.Name.ValueText == symbol) defined = true;
            else if (directive is UndefDirectiveTriviaSyntax undefine && undefine.Name.ValueText == symbol) defined = false;
        }

        return defined;
    }

    public static bool UsesMemorySafetyRules(SyntaxTree tree) => tree.Options.Features.ContainsKey(MemorySafetyRulesFeature);

    private static bool IsConditional(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "ConditionalAttribute", ContainingType: null } type && type.ContainingNamespace.ToDisplayString() == "System.Diagnostics";

    /// <summary>
    /// A location as shown in generated code (<c>Agent.cs(12,5)</c>): only the file name, so generated code does not depend
    /// on where the project sits on disk.
    /// </summary>
    public static string InFile(string displayLocation) =>
        displayLocation.Substring(System.Math.Max(displayLocation.LastIndexOf('/'), displayLocation.LastIndexOf('\\')) + 1);
}
