using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Generators;

namespace Trace.Generators.Tests;

/// <summary>Compiles sources with the generator, as a build would, and loads the result to run it.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Preview)
        .WithDocumentationMode(DocumentationMode.None)
        .WithFeatures([new("InterceptorsNamespaces", "Opto.Generated")]);

    public static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Opto.TraceScope).Assembly.Location), MetadataReference.CreateFromFile(typeof(Opto.Code.CodeParameter).Assembly.Location)];

    public static CSharpCompilation Compile(string assemblyName, IEnumerable<MetadataReference>? extra, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/src/{assemblyName}/File{i}.cs")),
            [.. References, .. extra ?? []],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The same compilation with its sources parsed again for another language version.</summary>
    public static CSharpCompilation WithLanguageVersion(CSharpCompilation compilation, LanguageVersion version) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree =>
            CSharpSyntaxTree.ParseText(tree.GetText(), ((CSharpParseOptions)tree.Options).WithLanguageVersion(version), tree.FilePath)));

    public static GeneratorDriver Driver(CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new TraceGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and returns the compilation with the generated sources, failing on any error or warning.</summary>
    public static Generated Run(CSharpCompilation compilation)
    {
        var parseOptions = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions;
        var driver = Driver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        // Some interceptor checks (signature matching) run only when the assembly is emitted.
        var emitted = output.Emit(Stream.Null).Diagnostics;
        var diagnostics = generatorDiagnostics.Concat(output.GetDiagnostics()).Concat(emitted)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).Distinct().ToList();
        var sources = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new Generated((CSharpCompilation)output, sources, diagnostics);
    }

    public static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }

    /// <summary>Loads compiled assemblies into a collectible context (the runtime is shared with the tests) and calls a static method.</summary>
    public static object? Invoke(IReadOnlyList<byte[]> assemblies, string typeName, string methodName)
    {
        var context = new TestLoadContext(assemblies);
        try
        {
            var main = context.LoadFromStream(new MemoryStream(assemblies[^1]));
            var method = main.GetType(typeName, throwOnError: true)!.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!;
            var result = method.Invoke(null, null);
            return result is Task task ? task.GetType().GetProperty("Result")?.GetValue(task) : result;
        }
        finally
        {
            context.Unload();
        }
    }

    public sealed record Generated(CSharpCompilation Compilation, IReadOnlyDictionary<string, string> Sources, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public void AssertClean() => Assert.That(Diagnostics, Is.Empty, string.Join("\n", Diagnostics));
    }

    private sealed class TestLoadContext(IReadOnlyList<byte[]> assemblies) : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            foreach (var image in assemblies.Take(assemblies.Count - 1))
            {
                using var reader = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(image));
                var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
                if (metadata.GetString(metadata.GetAssemblyDefinition().Name) == name.Name) return LoadFromStream(new MemoryStream(image));
            }

            return null; // the runtime and the framework come from the default context
        }
    }
}
