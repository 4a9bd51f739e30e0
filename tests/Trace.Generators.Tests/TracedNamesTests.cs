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

    /// <summary>
    /// Attributes are told apart by their full name: a project's own <c>TracedAttribute</c> in another namespace (or in a
    /// namespace that ends in <c>Opto</c>, or nested in a type) does not trace, and the runtime's does.
    /// </summary>
    [Test]
    public void Attributes_named_like_the_runtime_s_in_other_namespaces_do_not_trace()
    {
        const string app = """
            namespace Other
            {
                public sealed class TracedAttribute : System.Attribute { }
            }
            namespace Outer.Opto
            {
                public sealed class TracedAttribute : System.Attribute { }
            }
            namespace App
            {
                public static class Holder
                {
                    public sealed class TracedAttribute : System.Attribute { }
                }

                public static class Steps
                {
                    /// <summary>Not traced: another namespace's attribute.</summary>
                    [Other.Traced] public static string First(string text) => text + "1";

                    /// <summary>Not traced: a namespace that only ends in Opto.</summary>
                    [Outer.Opto.Traced] public static string Second(string text) => text + "2";

                    /// <summary>Not traced: a nested attribute class.</summary>
                    [Holder.Traced] public static string Third(string text) => text + "3";

                    /// <summary>Traced.</summary>
                    [global::Opto.Traced] public static string Fourth(string text) => text + "4";
                }

                public static class Program
                {
                    public static string Run() => Steps.Fourth(Steps.Third(Steps.Second(Steps.First(new string('x', 1)))));
                }
            }
            """;

        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Named", null, app));

        generated.AssertClean();
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];
        Assert.That(interceptors, Does.Contain("Fourth"));
        Assert.That(interceptors, Does.Not.Contain("First").And.Not.Contain("Second").And.Not.Contain("Third"));
    }
}
