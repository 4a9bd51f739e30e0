using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Generators.Tests;

/// <summary>
/// An interceptor is a new method outside the caller's context: a call that is legal where the user wrote it (in an
/// obsolete member, under a suppressed experimental ID, in a member that requires unreferenced code, behind a platform
/// check) must stay legal in the generated code. Each case is a program that compiles with no warning (as with
/// TreatWarningsAsErrors, the SDK's analyzers and the trimming, AOT and single-file analyzers on); with the generator it
/// must still have none, and its calls must be intercepted.
/// </summary>
public class CallerContextTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Runtime.Versioning;
        using Opto;

        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        // [Obsolete]
        yield return C("ObsoleteMethodFromObsoleteMember", 1, """
            public class A { [Obsolete("old")] [Traced] public string M(string x) => x; }
            public static class P { [Obsolete] public static string Run() => new A().M("x"); }
            """);
        yield return C("ObsoleteErrorMethodFromObsoleteMember", 2, """
            public class A { [Obsolete("gone", error: true)] [Traced] public string M(string x) => x; [Obsolete("gone", true)] [Traced] public static void S(int x) { } }
            public static class P { [Obsolete] public static string Run() { A.S(1); return new A().M("x"); } }
            """);
        yield return C("ObsoleteErrorMethodFromObsoleteType", 1, """
            public class A { [Obsolete("gone", error: true)] [Traced] public string M(string x) => x; }
            [Obsolete] public static class P { public static string Run() => new A().M("x"); }
            """);
        yield return C("ObsoleteWithDiagnosticIdUnderPragma", 1, """
            public class A { [Obsolete("old", DiagnosticId = "OLD001")] [Traced] public string M(string x) => x; }
            public static class P {
            #pragma warning disable OLD001
                public static string Run() => new A().M("x");
            #pragma warning restore OLD001
            }
            """);
        yield return C("ObsoleteErrorContainingType", 2, """
            [Obsolete("gone", error: true)] public class Legacy { [Traced] public static string S(string x) => x; [Traced] public string M(string x) => x; }
            [Obsolete] public static class P { public static string Run() => Legacy.S("s") + new Legacy().M("m"); }
            """);
        yield return C("ObsoleteErrorTypesInSignature", 3, """
            [Obsolete("gone", error: true)] public class Gone { }
            [Obsolete("old")] public class Old { }
            public static class G { [Traced] public static T Same<T>(T x) => x; [Traced] public static int Count<T>(List<T> x) => x.Count; }
            #pragma warning disable CS0612, CS0618
            public class A { [Traced] public Old Echo(Old x) => x; }
            #pragma warning restore CS0612, CS0618
            [Obsolete] public static class P { public static string Run() => G.Same(new Gone()).ToString() + G.Count(new List<Gone>()) + new A().Echo(new Old()); }
            """);
        yield return C("ObsoleteReturnTypeFromObsoleteMember", 1, """
            [Obsolete("gone", error: true)] public class Gone { }
            public class A { [Obsolete] [Traced] public Gone Make(int x) => new Gone(); }
            public static class P { [Obsolete] public static object Run() => new A().Make(1); }
            """);

        // [Experimental]
        yield return C("ExperimentalMethodUnderPragma", 1, """
            public class A { [Experimental("EXP001")] [Traced] public string M(string x) => x; }
            public static class P {
            #pragma warning disable EXP001
                public static string Run() => new A().M("x");
            #pragma warning restore EXP001
            }
            """);
        yield return C("ExperimentalMethodFromExperimentalMember", 1, """
            public class A { [Experimental("EXP001")] [Traced] public string M(string x) => x; }
            public static class P { [Experimental("EXP001")] public static string Run() => new A().M("x"); }
            """);
        yield return C("ExperimentalMethodFromExperimentalType", 1, """
            public class A { [Experimental("EXP001")] [Traced] public string M(string x) => x; }
            [Experimental("EXP001")] public static class P { public static string Run() => new A().M("x"); }
            """);
        yield return C("ExperimentalMethodSuppressedInProject", 1, """
            public class A { [Experimental("EXP001")] [Traced] public string M(string x) => x; }
            public static class P { public static string Run() => new A().M("x"); }
            """, noWarn: ["EXP001"]);
        yield return C("ExperimentalContainingType", 2, """
            [Experimental("EXP002")] public class A { [Traced] public string M(string x) => x; [Traced] public static string S(string x) => x; }
            [Experimental("EXP002")] public static class P { public static string Run() => new A().M("x") + A.S("s"); }
            """);
        yield return C("ExperimentalTypesInSignature", 2, """
            [Experimental("EXP003")] public class Preview { }
            public static class G { [Traced] public static int Count<T>(List<T> x) => x.Count; }
            #pragma warning disable EXP003
            public class A { [Traced] public Preview Echo(Preview x) => x; }
            public static class P { public static string Run() => new A().Echo(new Preview()).ToString() + G.Count(new List<Preview>()); }
            #pragma warning restore EXP003
            """);

        // Preview features (CA2252)
        yield return C("PreviewMethodFromPreviewMember", 1, """
            public class A { [RequiresPreviewFeatures] [Traced] public string M(string x) => x; }
            public static class P { [RequiresPreviewFeatures] public static string Run() => new A().M("x"); }
            """);
        yield return C("PreviewTypeInSignature", 1, """
            [RequiresPreviewFeatures] public class Preview { }
            [RequiresPreviewFeatures] public class A { [Traced] public string M(Preview x) => "p"; }
            [RequiresPreviewFeatures] public static class P { public static string Run() => new A().M(new Preview()); }
            """);

        // [RequiresUnreferencedCode], [RequiresDynamicCode], [RequiresAssemblyFiles]
        yield return C("RequiresFromMembersWithTheSameAttributes", 3, """
            public class A
            {
                [RequiresUnreferencedCode("Reflects.")] [Traced] public string Ruc(string x) => x;
                [RequiresDynamicCode("Emits.", Url = "https://example.com/dynamic")] [Traced] public string Rdc(string x) => x;
                [RequiresAssemblyFiles("Reads files.")] [Traced] public string Raf(string x) => x;
            }
            public static class P
            {
                [RequiresUnreferencedCode("Calls Ruc.")] public static string Ruc() => new A().Ruc("x");
                [RequiresDynamicCode("Calls Rdc.")] public static string Rdc() => new A().Rdc("x");
                [RequiresAssemblyFiles("Calls Raf.")] public static string Raf() => new A().Raf("x");
            }
            """);
        yield return C("RequiresSuppressedByTheCaller", 3, """
            public class A
            {
                [RequiresUnreferencedCode("Reflects.")] [Traced] public string Ruc(string x) => x;
                [RequiresDynamicCode("Emits.")] [Traced] public string Rdc(string x) => x;
                [RequiresAssemblyFiles("Reads files.")] [Traced] public string Raf(string x) => x;
            }
            public static class P
            {
                [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Tested.")]
                [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Tested.")]
                [UnconditionalSuppressMessage("SingleFile", "IL3002", Justification = "Tested.")]
                public static string Run() { var a = new A(); return a.Ruc("x") + a.Rdc("y") + a.Raf("z"); }
            }
            """);
        yield return C("RequiresOnTheContainingClass", 4, """
            [RequiresUnreferencedCode("Reflects.")] [RequiresDynamicCode("Emits.")]
            public class A { [Traced] public static string S(string x) => x; [Traced] public string M(string x) => x; }
            public static class Ext { [RequiresUnreferencedCode("Reflects.")] [Traced] public static string E(this string x) => x; }
            public static class P
            {
                [RequiresUnreferencedCode("Calls A.")] [RequiresDynamicCode("Calls A.")]
                public static string Run() => A.S("s") + new A().M("m") + "e".E();
                // An instance method of such a class requires nothing of its caller (making the instance did).
                public static string Instance(A a) => a.M("i");
            }
            """);
        yield return C("RequiresOnAPrivateMethod", 1, """
            public class A
            {
                [RequiresUnreferencedCode("Reflects.")] [Traced] private string Hidden(string x) => x;
                [RequiresUnreferencedCode("Calls Hidden.")] public string Run() => Hidden("h");
            }
            """);
        yield return C("RequiresOnATrainableMethod", 1, """
            public class A
            {
                /// <summary>Formats.</summary>
                [RequiresUnreferencedCode("Reflects.")] [Trainable] public string Format(string x) => x;
                [RequiresUnreferencedCode("Calls Format.")] public string Run() => Format("f");
            }
            """);

        // [DynamicallyAccessedMembers]
        yield return C("DynamicallyAccessedMembersParameter", 2, """
            public class A { [Traced] public string Methods([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type.GetMethods().Length.ToString(); }
            public static class P
            {
                public static string Run(A a, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => a.Methods(type) + a.Methods(typeof(string));
            }
            """);
        yield return C("DynamicallyAccessedMembersFlagsAndReturn", 3, """
            public class A
            {
                [Traced] [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicFields)]
                public Type Pick(string name) => typeof(string);
                [Traced] public string Fields([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type.GetFields().Length.ToString();
            }
            public static class P
            {
                public static string Run(A a) => Need(a.Pick("x")) + a.Fields(a.Pick("y"));
                private static string Need([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type.GetMethods().Length.ToString();
            }
            """);
        yield return C("DynamicallyAccessedMembersOnATrainableMethod", 2, """
            public class A
            {
                /// <summary>Picks a type.</summary>
                [Trainable] [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]
                public Type Pick(string name) => typeof(string);
                /// <summary>Counts methods.</summary>
                [Trainable] public int Count([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type.GetMethods().Length;
                public int Run() => Count(Pick("x"));
            }
            """);

        // A type parameter's [DynamicallyAccessedMembers]: a generic interceptor (inside generic code, or for a private type
        // argument) repeats it on its own type parameter, as the trimming analysis requires of what it passes on.
        yield return C("DynamicallyAccessedMembersOnATypeParameter", 7, """
            public static class Reflect
            {
                [Traced] public static string Properties<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T value) => typeof(T).GetProperties().Length.ToString();
            }
            public class Box<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicMethods)] T>
            {
                [Traced] public string Describe(T value) => typeof(T).GetProperties().Length.ToString();
                [Traced] private string Count(T value) => typeof(T).GetMethods().Length.ToString();
                public string Run(T value) => Reflect.Properties(value) + Describe(value) + Count(value);
            }
            public static class P
            {
                private sealed class Hidden { public string Name { get; set; } = ""; }
                public static string Run<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] U>(U value) => Reflect.Properties(value);
                public static string Hide() => Reflect.Properties(new Hidden()) + new Box<Hidden>().Describe(new Hidden());
                public static string Named() => Reflect.Properties("text");
            }
            """);

        // Platform compatibility (CA1416, CA1422) and constant-expected arguments (CA1857): the SDK does not check generated code.
        yield return C("PlatformSpecificMethodsBehindChecks", 5, """
            public class A
            {
                [SupportedOSPlatform("windows")] [Traced] public string Win(string x) => x;
                [UnsupportedOSPlatform("browser")] [Traced] public string NotBrowser(string x) => x;
                [ObsoletedOSPlatform("ios14.0")] [Traced] public string OldIos(string x) => x;
            }
            public static class P
            {
                public static string Run(A a)
                {
                    var r = "";
                    if (OperatingSystem.IsWindows()) r += a.Win("w");
                    if (!OperatingSystem.IsBrowser()) r += a.NotBrowser("b");
                    if (!OperatingSystem.IsIOSVersionAtLeast(14)) r += a.OldIos("i");
                    if (OperatingSystem.IsWindows()) r += Windows(a);
                    if (!OperatingSystem.IsBrowser()) r += NotBrowser(a);
                    return r;
                }
                [SupportedOSPlatform("windows")] private static string Windows(A a) => a.Win("w");
                [UnsupportedOSPlatform("browser")] private static string NotBrowser(A a) => a.NotBrowser("b");
            }
            """);
        yield return C("ConstantExpectedArgument", 1, """
            public class A { [Traced] public int Shift([System.Diagnostics.CodeAnalysis.ConstantExpected(Min = 0, Max = 31)] int bits) => 1 << bits; }
            public static class P { public static int Run(A a) => a.Shift(3); }
            """);

        // Registration and TrainableParameters() name the types of trainable members.
        yield return C("TrainableMembersOfObsoleteAndExperimentalTypes", 0, """
            [Obsolete("gone", error: true)] public class Gone { [Trainable] public string Prompt { get; set; } = ""; [Trainable] public static string Shared { get; set; } = ""; }
            [Obsolete("old")] public class Old { [Trainable] public string Prompt { get; set; } = ""; }
            [Obsolete("old", DiagnosticId = "OLD002")] public class OldWithId { [Trainable] public string Prompt { get; set; } = ""; }
            [Experimental("EXP004")] public class Trial { [Trainable] public string Prompt { get; set; } = ""; [Traced] public string Use(string x) => Prompt + x; }
            [RequiresPreviewFeatures] public class Early { [Trainable] public string Prompt { get; set; } = ""; }
            """);
        yield return C("TrainableMembersOfTypesWithRequirements", 0, """
            [RequiresUnreferencedCode("Reflects.")] [RequiresDynamicCode("Emits.")]
            public class Reflective { [Trainable] public string Prompt { get; set; } = ""; [Trainable] public static string Shared { get; set; } = ""; [Trainable] public static string s_field = ""; }
            public class Accessors { [Trainable] public static string Tone { [RequiresUnreferencedCode("Reflects.")] get; set; } = ""; }
            """);
    }

    private static TestCaseData C(string name, int intercepted, string source, string[]? noWarn = null) =>
        new TestCaseData(Usings + "namespace N;\n" + source, intercepted, noWarn ?? []).SetName("Context_" + name);

    [TestCaseSource(nameof(Cases))]
    public void Generated_code_compiles_where_the_call_compiles(string source, int intercepted, string[] noWarn)
    {
        var compilation = Compile(source, noWarn);
        Assert.That(SdkAnalyzers.Diagnose(compilation), Is.Empty, "The program must compile without warnings before the generator runs.");

        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var diagnostics = generatorDiagnostics.Concat(SdkAnalyzers.Diagnose(output)).ToList();
        var interceptors = output.SyntaxTrees.Where(t => t.FilePath.EndsWith("Opto.Interceptors.g.cs", StringComparison.Ordinal)).Select(t => t.ToString()).SingleOrDefault() ?? "";

        Assert.That(diagnostics, Is.Empty, string.Join("\n", diagnostics) + "\n" + interceptors);
        Assert.That(Regex.Matches(interceptors, @"\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\(").Count, Is.EqualTo(intercepted), interceptors);
    }

    /// <summary>[Experimental] and [RequiresPreviewFeatures] on a referenced assembly mark every type in it.</summary>
    [Test]
    public void Calls_into_an_experimental_preview_library_compile_where_they_are_allowed()
    {
        const string library = """
            [assembly: System.Diagnostics.CodeAnalysis.Experimental("LIB001")]
            [assembly: System.Runtime.Versioning.RequiresPreviewFeatures]
            namespace Lib;
            public class Tool { [Opto.Traced] public string Use(string x) => x; [Opto.Traced] public static string Make(string x) => x; }
            """;
        const string app = """
            using System.Runtime.Versioning;
            namespace App;
            public static class P
            {
            #pragma warning disable LIB001
                [RequiresPreviewFeatures] public static string Run() => new Lib.Tool().Use("u") + Lib.Tool.Make("m");
            #pragma warning restore LIB001
            }
            """;
        var libraryImage = GeneratorHarness.Emit(GeneratorHarness.Compile("Lib", null, library));
        var compilation = CSharpCompilation.Create(
            "App",
            [CSharpSyntaxTree.ParseText(app, GeneratorHarness.ParseOptions, path: "/src/App/Program.cs")],
            [.. GeneratorHarness.References, MetadataReference.CreateFromImage(libraryImage)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.That(SdkAnalyzers.Diagnose(compilation), Is.Empty, "The program must compile without warnings before the generator runs.");

        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var interceptors = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Opto.Interceptors.g.cs", StringComparison.Ordinal)).ToString();

        Assert.That(SdkAnalyzers.Diagnose(output), Is.Empty, interceptors);
        Assert.That(Regex.Matches(interceptors, "InterceptsLocation\\(1").Count, Is.EqualTo(2), interceptors);
    }

    [Test]
    public void Interceptors_repeat_what_the_callee_requires_of_its_callers()
    {
        const string source = """
            #define VERBOSE
            using System;
            using System.Diagnostics;
            using System.Diagnostics.CodeAnalysis;
            using Opto;

            namespace N;

            [Obsolete("gone", error: true)] public class Gone { }

            public class A
            {
                [Obsolete("old", true)] [Traced] public string Old(string x) => x;
                [Experimental("EXP001")] [Traced] public string Trial(string x) => x;
                [RequiresUnreferencedCode("Reflects.", Url = "https://example.com")] [Traced] private string Reflect(string x) => x;
                [Traced] [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicFields)]
                public Type Pick([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type;
                [Conditional("VERBOSE")] [Traced] public void Log(string x) { }

                [Obsolete] public string Legacy() => Old("o");
                [RequiresUnreferencedCode("Calls Reflect.")] public string Run([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type)
                {
                    Log("l");
            #pragma warning disable EXP001
                    return Trial("t") + Reflect("r") + Pick(type).Name;
            #pragma warning restore EXP001
                }
            }
            """;
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Contexts", null, source));

        generated.AssertClean();
        Snapshot.Match("Contexts.Interceptors", generated.Sources["Opto.Interceptors.g.cs"]);
    }

    // The tests' compiler (Roslyn 4.14) does not know these rules; the package end-to-end test compiles such a project with the SDK's.
    [Test]
    public void Under_the_updated_memory_safety_rules_accessors_are_safe_and_calls_sit_in_unsafe_blocks()
    {
        const string source = """
            using Opto;
            namespace N;
            public class A { [Traced] private string Hidden(string x) => x; public string Run() => Hidden("h"); }
            """;
        var parse = GeneratorHarness.ParseOptions.WithFeatures([.. GeneratorHarness.ParseOptions.Features, KeyValuePair.Create("updated-memory-safety-rules", "true")]);
        var compilation = CSharpCompilation.Create("Safety", [CSharpSyntaxTree.ParseText(source, parse, path: "/src/Safety/Program.cs")], GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        var interceptors = result.GeneratedSources.Single(s => s.HintName == "Opto.Interceptors.g.cs").SourceText.ToString();

        Assert.That(interceptors, Does.Contain("private static safe extern string __Hidden_0Accessor("));
        Assert.That(Regex.Matches(interceptors, @"\n {12}unsafe\n {12}\{\n").Count, Is.EqualTo(2), interceptors);
    }

    /// <summary>The analyzers must be live, or the cases above prove nothing: each rule fires on a call written without its context.</summary>
    [TestCase("[RequiresUnreferencedCode(\"R.\")]", "", "IL2026")]
    [TestCase("[RequiresDynamicCode(\"R.\")]", "", "IL3050")]
    [TestCase("[RequiresAssemblyFiles(\"R.\")]", "", "IL3002")]
    [TestCase("", "[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)]", "IL2067")]
    [TestCase("", "GENERIC", "IL2091")]
    [TestCase("[SupportedOSPlatform(\"windows\")]", "", "CA1416")]
    [TestCase("[RequiresPreviewFeatures]", "", "CA2252")]
    [TestCase("[Experimental(\"EXP009\")]", "", "EXP009")]
    public void The_analyzers_report_a_call_out_of_context(string attribute, string parameterAttribute, string id)
    {
        var source = parameterAttribute == "GENERIC"
            ? Usings + """
                public static class Q { public static void M<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>() { } }
                public static class P { public static void Run<T>() => Q.M<T>(); }
                """
            : Usings + $$"""
                public static class Q { {{attribute}} public static void M({{parameterAttribute}} Type t) { } }
                public static class P { public static void Run(Type t) => Q.M(t); }
                """;
        var compilation = Compile(source, []);
        Assert.That(SdkAnalyzers.Diagnose(compilation).Select(d => d.Id), Does.Contain(id), source + string.Join("\n", compilation.GetDiagnostics()));
    }

    private static CSharpCompilation Compile(string source, string[] noWarn) =>
        CSharpCompilation.Create(
            "Contexts",
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose), path: "/src/Contexts/Program.cs")],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(noWarn.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Suppress)).Append(KeyValuePair.Create("CS1591", ReportDiagnostic.Suppress))));
}
