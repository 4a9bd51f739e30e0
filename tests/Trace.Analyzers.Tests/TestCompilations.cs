using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Analyzers.Tests;

/// <summary>Compilations of test sources against the .NET 10 references and the Opto runtime, for tests that drive Roslyn directly.</summary>
internal static class TestCompilations
{
    public static CSharpCompilation Create(string name, string source, CSharpParseOptions parse, params MetadataReference[] more) => CSharpCompilation.Create(
        name,
        [CSharpSyntaxTree.ParseText(source, parse, path: $"/src/{name}.cs")],
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Opto.TracedAttribute).Assembly.Location), .. more],
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
