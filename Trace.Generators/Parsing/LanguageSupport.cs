using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Generators.Parsing;

/// <summary>
/// The oldest C# the generated code compiles with: it uses collection expressions and file-local types (C# 12). Below it
/// the generator produces nothing and OPTO019 says why, instead of the compiler's errors in code the user did not write.
/// </summary>
internal static class LanguageSupport
{
    public const LanguageVersion Minimum = LanguageVersion.CSharp12;

    /// <summary>The minimum as the compiler spells it in its messages and LangVersion accepts it.</summary>
    public static string MinimumDisplay => Minimum.ToDisplayString();

    public static bool Allows(ParseOptions? options) => options is not CSharpParseOptions csharp || csharp.LanguageVersion >= Minimum;

    /// <summary>A compilation's sources share one set of parse options in a build; a compilation without sources generates nothing anyway.</summary>
    public static bool Allows(Compilation compilation) => Allows(compilation.SyntaxTrees.FirstOrDefault()?.Options);
}
