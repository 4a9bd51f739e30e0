using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Generators.Parsing;

namespace Trace.Generators.Tests;

/// <summary>
/// The generator's shortcut for "can generated code name this symbol" agrees with the compiler's own check on every type and
/// member of the project and of two referenced libraries (one that opens its internals to the project, one that does not),
/// at every accessibility and nesting, and on generic types constructed with accessible and inaccessible type arguments.
/// </summary>
public class ProjectAccessTests
{
    private const string Declarations = """
        public class Open
        {
            public void PublicMethod() { }
            internal void InternalMethod() { }
            protected void ProtectedMethod() { }
            protected internal void ProtectedInternalMethod() { }
            private protected void PrivateProtectedMethod() { }
            private void PrivateMethod() { }
            public int PublicField;
            internal int InternalField;
            private int _privateField;
            public string Property { get; private set; } = "";
            internal string InternalProperty { get; set; } = "";
            public class PublicNested { public void M() { } private class DeepPrivate { public void M() { } } }
            internal class InternalNested { public void M() { } }
            protected class ProtectedNested { public void M() { } }
            protected internal class ProtectedInternalNested { public void M() { } }
            private class PrivateNested { public void M() { } }
            public int Use() => _privateField;
        }

        internal class Closed
        {
            public void PublicMethod() { }
            public class PublicNested { public void M() { } }
        }

        public class Box<T>
        {
            public T? Value;
            public void Put(T value) => Value = value;
            public class Inner { public void M() { } }
        }

        public static class Holder
        {
            public static Box<Open> OpenBox = new();
            internal static Box<Closed> ClosedBox = new();
            public static void Generic<T>(T value) { }
        }
        """;

    [Test]
    public void Agrees_with_the_compiler_on_every_symbol_of_the_project_and_its_references()
    {
        var opened = Library("Opened", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App\")]\nnamespace Opened;\n" + Declarations);
        var sealedOff = Library("SealedOff", "namespace SealedOff;\n" + Declarations);
        var app = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText("namespace App;\n" + Declarations + "\nfile class OnlyHere { public void M() { } }", GeneratorHarness.ParseOptions)],
            [.. GeneratorHarness.References, opened, sealedOff], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var symbols = new List<ISymbol>();
        foreach (var ns in new[] { "App", "Opened", "SealedOff" })
        {
            var container = app.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == ns);
            foreach (var type in container.GetTypeMembers()) Collect(type, symbols);
        }

        // Constructed generics: the type arguments count, a private one makes the whole type inaccessible.
        var box = app.GetTypeByMetadataName("App.Box`1")!;
        foreach (var argument in symbols.OfType<INamedTypeSymbol>().Where(t => !t.IsGenericType).ToList())
        {
            var constructed = box.Construct(argument);
            symbols.Add(constructed);
            symbols.AddRange(constructed.GetMembers());
            symbols.Add(constructed.GetTypeMembers("Inner").Single());
        }

        Assert.That(symbols, Has.Count.GreaterThan(200));
        var disagreements = symbols
            .Where(s => ProjectAccess.Allows(s, app) != app.IsSymbolAccessibleWithin(s, app.Assembly))
            .Select(s => $"{s.ToDisplayString()} ({s.ContainingAssembly.Name}): compiler says {app.IsSymbolAccessibleWithin(s, app.Assembly)}")
            .ToList();
        Assert.That(disagreements, Is.Empty);
        // Both answers occur: the check is not trivially one of them.
        Assert.That(symbols.Count(s => ProjectAccess.Allows(s, app)), Is.GreaterThan(50));
        Assert.That(symbols.Count(s => !ProjectAccess.Allows(s, app)), Is.GreaterThan(50));
    }

    private static MetadataReference Library(string name, string source) =>
        CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions)], GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, metadataImportOptions: MetadataImportOptions.All)).ToMetadataReference();

    private static void Collect(INamedTypeSymbol type, List<ISymbol> into)
    {
        into.Add(type);
        foreach (var member in type.GetMembers())
        {
            if (member is INamedTypeSymbol nested) Collect(nested, into);
            else into.Add(member);
        }
    }
}
