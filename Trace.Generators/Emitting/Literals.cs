using System.Reflection;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Generators.Emitting;

internal static class Literals
{
    public static string String(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The first lines of every generated file: tools recognize generated code by the first one.</summary>
    public const string Banner = Parsing.OwnOutput.Banner;

    public const string NullableContext = "#nullable enable annotations\n#nullable disable warnings\n";

    public const string Header = Banner + NullableContext;

    /// <summary>The generator's version without build metadata (no commit hash), so generated code changes only when the version does.</summary>
    public static readonly string GeneratorVersion = Version();

    /// <summary>Marks a generated type for tools (code coverage, analyzers, metrics).</summary>
    public static readonly string GeneratedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"Opto.Generators\", {String(GeneratorVersion)})]";

    /// <summary>
    /// Marks a generated type as not the user's code: with Just My Code (the debugger's default) stepping into a traced call
    /// lands in the user's method and the generated frames collapse into [External Code]; without it the generated code
    /// can still be stepped through.
    /// </summary>
    public const string NonUserCode = "[global::System.Diagnostics.DebuggerNonUserCode]";

    public const string Obsolete = "[global::System.Obsolete]";

    private static string Version()
    {
        var assembly = typeof(Literals).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var metadata = version.IndexOf('+');
        return metadata < 0 ? version : version.Substring(0, metadata);
    }
}
