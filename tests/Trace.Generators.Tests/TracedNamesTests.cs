using Microsoft.CodeAnalysis;

namespace Trace.Generators.Tests;

/// <summary>
/// Calls are bound only when their method's name is the name of a traced method; these are the ways a traced method can
/// be reached under a name the project's own declarations do not show, each of which must still be intercepted.
/// </summary>
public class TracedNamesTests
{
    private const string Library = """
        using Opto;
        namespace Lib;
        public class Speaker
        {
            /// <summary>Speaks.</summary>
            [Traced] public virtual string Speak(string text) => "speaks " + text;
        }
        public static class Words
        {
            /// <summary>Shouts.</summary>
            [Traced] public static string Shout(this string text) => text.ToUpperInvariant();
        }
        """;

    [Test]
    public void Traced_methods_of_a_referenced_assembly_and_their_overrides_and_extension_calls_are_intercepted()
    {
        const string app = """
            using Lib;
            namespace App;
            public class Loud : Lib.Speaker
            {
                public override string Speak(string text) => "loudly " + text;
            }
            public static class Program
            {
                public static string Run()
                {
                    var speaker = new Loud();
                    return Lib.Words.Shout(speaker.Speak("a")) + " " + "b".Shout();
                }
            }
            """;
        var libraryImage = GeneratorHarness.Emit(GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, Library)).Compilation);

        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("App", [MetadataReference.CreateFromImage(libraryImage)], app));

        generated.AssertClean();
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];
        Assert.That(interceptors.Split("InterceptsLocation(1,").Length - 1, Is.EqualTo(3), interceptors);
        Assert.That(interceptors, Does.Contain("Speak(").And.Contain("Shout("));
    }

    [TestCase("using T = Opto.TracedAttribute;\nnamespace N;\npublic class C { [T] public string Twice(string s) => s + s; public string Run() => Twice(\"a\"); }")]
    [TestCase("namespace N { using T = Opto.TracedAttribute; public class C { [T] public string Twice(string s) => s + s; public string Run() => Twice(\"a\"); } }")]
    [TestCase("namespace N;\npublic class C { [Opto.Traced] public string Twice(string s) => s + s; public string Run() => Twice(\"a\"); }")]
    [TestCase("namespace N;\npublic class C { [global::Opto.TracedAttribute] public string Twice(string s) => s + s; public string Run() => Twice(\"a\"); }")]
    public void A_traced_method_named_through_an_alias_or_a_qualified_attribute_is_intercepted(string source)
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Aliased", null, source));

        generated.AssertClean();
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("Twice_0("));
    }

    [Test]
    public void A_global_alias_in_another_file_still_finds_the_traced_method()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Aliased", null,
            "global using Tr = Opto.TracedAttribute;",
            "namespace N;\npublic class C { [Tr] public string Twice(string s) => s + s; public string Run() => Twice(\"a\"); }"));

        generated.AssertClean();
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("Twice_0("));
    }
}
