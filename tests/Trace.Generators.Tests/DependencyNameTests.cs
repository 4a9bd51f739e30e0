using Microsoft.CodeAnalysis;

namespace Trace.Generators.Tests;

/// <summary>
/// A traced method's body is bound only at names a dependency can have (members of the project, members its classes
/// inherit, members of assemblies that reference the runtime). Dependencies whose names come from elsewhere than the
/// method's own class, or that are read in a nested function, are run here: feedback must reach each one.
/// </summary>
public class DependencyNameTests
{
    private const string Library = """
        using Opto;

        namespace Lib;

        public class BaseAgent
        {
            [Trainable] public string Tone { get; set; } = "Warm.";
        }

        public class StyleBook
        {
            [Trainable] public string Style { get; set; } = "Plain.";
        }
        """;

    private const string App = """
        using System.Collections.Generic;
        using System.Linq;
        using Lib;
        using Opto;

        namespace App;

        public class Agent(Parameter<string> captured) : Lib.BaseAgent
        {
            private readonly Lib.StyleBook _book = new();

            [Trainable] public string Prompt { get; set; } = "Be brief.";

            /// <summary>Inherited from another assembly's class.</summary>
            [Traced] public string Inherited(string text) => Tone + text;

            /// <summary>On an object whose class is in another assembly.</summary>
            [Traced] public string OtherObject(string text) => _book.Style + text;

            /// <summary>Through a local function.</summary>
            [Traced]
            public string Local(string text)
            {
                string PromptHeldLocally() => Prompt;
                return PromptHeldLocally() + text;
            }

            /// <summary>A captured primary-constructor parameter that holds a parameter.</summary>
            [Traced] public string Captured(string text) => captured.Value + text;

            private readonly Lib.StyleBook _first = new(), _second = new();

            /// <summary>Through a static helper of another class, given this object.</summary>
            [Traced] public string Helper(string text) => Helpers.PromptOf(this) + text;

            /// <summary>The same helper called twice with different objects; a helper passing its parameter on to another.</summary>
            [Traced] public string Helpers2(string text) => Helpers.StyleOf(_first) + Helpers.Relay(_second) + text;

            /// <summary>Through an extension method of another class, called on this object.</summary>
            [Traced] public string Extension(string text) => this.PromptByExtension() + text;

            /// <summary>A helper given an argument of the traced call.</summary>
            [Traced] public string FromArgument(Lib.StyleBook book) => Helpers.StyleOf(book);
        }

        public static class Helpers
        {
            public static string PromptOf(Agent agent) => agent.Prompt;

            public static string PromptByExtension(this Agent agent) => agent.Prompt;

            public static string StyleOf(Lib.StyleBook book) => book.Style;

            public static string Relay(Lib.StyleBook book) => StyleOf(book);
        }

        public static class Program
        {
            public static string Run()
            {
                var captured = new Parameter<string>("Short.", "Captured");
                var agent = new Agent(captured);
                // Each call is written out: a call through a delegate is not intercepted.
                return string.Join(" ",
                    Reached(text => agent.Inherited(text)),
                    Reached(text => agent.OtherObject(text)),
                    Reached(text => agent.Local(text)),
                    Reached(text => agent.Captured(text)),
                    Reached(text => agent.Helper(text)),
                    Reached(text => agent.Helpers2(text)),
                    Reached(text => agent.Extension(text)),
                    FromArgument(agent));
            }

            private static string FromArgument(Agent agent)
            {
                var book = new Lib.StyleBook();
                using var scope = TraceScope.Begin();
                var result = agent.FromArgument(book);
                var reached = scope.Graph.Backward(result, "Shorter.").Parameters;
                return reached.Count == 1 && book.TrainableParameters().Contains(reached[0]) ? "book.Style" : string.Join("+", reached.Select(p => p.Name));
            }

            private static string Reached(System.Func<string, string> call)
            {
                using var scope = TraceScope.Begin();
                var result = call(new string('x', 1));
                return string.Join("+", scope.Graph.Backward(result, "Shorter.").Parameters.Select(p => p.Name));
            }
        }
        """;

    [Test]
    public void Feedback_reaches_dependencies_named_outside_the_traced_class()
    {
        var library = GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, Library));
        library.AssertClean();
        var libraryImage = GeneratorHarness.Emit(library.Compilation);
        var app = GeneratorHarness.Run(GeneratorHarness.Compile("App", [MetadataReference.CreateFromImage(libraryImage)], App));
        app.AssertClean();

        var output = GeneratorHarness.Invoke([libraryImage, GeneratorHarness.Emit(app.Compilation)], "App.Program", "Run");

        Assert.That(output, Is.EqualTo("BaseAgent.Tone StyleBook.Style Agent.Prompt Captured Agent.Prompt StyleBook.Style+StyleBook.Style Agent.Prompt book.Style"));
    }

    private const string Helpers = """
        using System.Linq;
        using Lib;
        using Opto;

        namespace App;

        public partial class Agent
        {
            private readonly StyleBook _first = new(), _second = new();

            [Trainable] public string Prompt { get; set; } = "Be brief.";

            /// <summary>A helper called twice with different objects, passing each on to another helper.</summary>
            [Traced] public string Nested(string text) => Helpers.Outer(_first) + Helpers.Outer(_second) + text;

            /// <summary>Extension helpers called on a field, a parameter and with ?.</summary>
            [Traced] public string OnField(string text) => _first.StyleOf() + text;

            [Traced] public string OnParameter(StyleBook book) => book.StyleOf();

            [Traced] public string Conditional(string text) => _first?.StyleOf() + text;

            /// <summary>Nine helpers deep: past the depth the arguments are followed to, the object's own reads still count.</summary>
            [Traced] public string Deep(string text) => L1(text);

            /// <summary>A partial helper: its body is in its implementation part.</summary>
            [Traced] public string Partial(string text) => PartialStyle(_second) + text;

            /// <summary>A static helper of a generic class; a helper called on (this).</summary>
            [Traced] public string Generic(string text) => Helpers<int>.Of(_first) + (this).Own(_second) + text;

            /// <summary>A helper without parameters in the chain, then helpers calling helpers three times each, eight deep.</summary>
            [Traced] public string FanOut(string text) => Start() + text;

            private string Own(StyleBook b) => b.Style;

            /// <summary>The same helper reached first nine deep, then one deep: the shallow call is still followed.</summary>
            [Traced] public string DeepFirst(string text) => A(_second) + text;

            private string A(StyleBook b) => C1(b) + B(b);
            private string C1(StyleBook b) => C2(b);
            private string C2(StyleBook b) => C3(b);
            private string C3(StyleBook b) => C4(b);
            private string C4(StyleBook b) => C5(b);
            private string C5(StyleBook b) => C6(b);
            private string C6(StyleBook b) => C7(b);
            private string C7(StyleBook b) => B(b);
            private string B(StyleBook b) => b.Style;

            private string Start() => F1(_first);
            private string F1(StyleBook b) => F2(b) + F2(b) + F2(b);
            private string F2(StyleBook b) => F3(b) + F3(b) + F3(b);
            private string F3(StyleBook b) => F4(b) + F4(b) + F4(b);
            private string F4(StyleBook b) => F5(b) + F5(b) + F5(b);
            private string F5(StyleBook b) => F6(b) + F6(b) + F6(b);
            private string F6(StyleBook b) => F7(b) + F7(b) + F7(b);
            private string F7(StyleBook b) => F8(b) + F8(b) + F8(b);
            private string F8(StyleBook b) => b.Style;

            private string L1(string s) => L2(s);
            private string L2(string s) => L3(s);
            private string L3(string s) => L4(s);
            private string L4(string s) => L5(s);
            private string L5(string s) => L6(s);
            private string L6(string s) => L7(s);
            private string L7(string s) => L8(s);
            private string L8(string s) => L9(s);
            private string L9(string s) => Prompt + s;

            private partial string PartialStyle(StyleBook b);
        }

        public partial class Agent
        {
            private partial string PartialStyle(StyleBook b) => b.Style;
        }

        public static class Helpers<T>
        {
            public static string Of(StyleBook book) => book.Style;
        }

        public static class Helpers
        {
            public static string Outer(StyleBook book) => Inner(book);

            public static string Inner(StyleBook book) => book.Style;

            public static string StyleOf(this StyleBook book) => book.Style;
        }

        public static class Program
        {
            public static string Run()
            {
                var agent = new Agent();
                var book = new StyleBook();
                return string.Join(" ",
                    Reached(() => agent.Nested(new string('x', 1))),
                    Reached(() => agent.OnField(new string('x', 1))),
                    Reached(() => agent.OnParameter(book)),
                    Reached(() => agent.Conditional(new string('x', 1))),
                    Reached(() => agent.Deep(new string('x', 1))),
                    Reached(() => agent.Partial(new string('x', 1))),
                    Reached(() => agent.Generic(new string('x', 1))),
                    Reached(() => agent.FanOut(new string('x', 1))),
                    Reached(() => agent.DeepFirst(new string('x', 1))));
            }

            private static string Reached(System.Func<string> call)
            {
                using var scope = TraceScope.Begin();
                var result = call();
                return string.Join("+", scope.Graph.Backward(result, "Shorter.").Parameters.Select(p => p.Name));
            }
        }
        """;

    [Test]
    public void Helpers_are_followed_with_each_call_s_arguments_through_extensions_partial_parts_generic_classes_and_nesting()
    {
        var library = GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, Library));
        var libraryImage = GeneratorHarness.Emit(library.Compilation);
        var app = GeneratorHarness.Run(GeneratorHarness.Compile("App", [MetadataReference.CreateFromImage(libraryImage)], Helpers));
        app.AssertClean();

        var output = GeneratorHarness.Invoke([libraryImage, GeneratorHarness.Emit(app.Compilation)], "App.Program", "Run");

        Assert.That(output, Is.EqualTo(
            "StyleBook.Style+StyleBook.Style StyleBook.Style StyleBook.Style StyleBook.Style Agent.Prompt StyleBook.Style StyleBook.Style+StyleBook.Style StyleBook.Style StyleBook.Style"));
    }

    [Test]
    public void A_member_typed_by_a_library_built_on_a_library_that_holds_parameters_is_a_dependency()
    {
        // Holds: references the runtime. Slots: references only Holds, so its metadata names no runtime assembly.
        const string holds = """
            namespace Holds;
            public class StyleParams : System.Collections.Generic.List<Opto.Parameter<string>>
            {
                public static StyleParams Plain() => new() { new Opto.Parameter<string>("Plain.", "Style") };
            }
            """;
        const string slots = """
            namespace Slots;
            public class Shared { public static Holds.StyleParams ReviewSlot = Holds.StyleParams.Plain(); }
            """;
        const string app = """
            using System.Linq;
            using Opto;
            namespace App;
            public class Agent
            {
                /// <summary>Reads a parameter held by another library's static member.</summary>
                [Traced] public string Run(string text) => Slots.Shared.ReviewSlot[0].Value + text;
            }
            public static class Program
            {
                public static string Run()
                {
                    using var scope = TraceScope.Begin();
                    var result = new Agent().Run(new string('x', 1));
                    return string.Join("+", scope.Graph.Backward(result, "Shorter.").Parameters.Select(p => p.Name));
                }
            }
            """;
        var holdsImage = GeneratorHarness.Emit(GeneratorHarness.Compile("Holds", null, holds));
        var slotsCompilation = GeneratorHarness.Compile("Slots", [MetadataReference.CreateFromImage(holdsImage)], slots);
        var slotsImage = GeneratorHarness.Emit(slotsCompilation);
        using (var metadata = AssemblyMetadata.CreateFromImage(slotsImage))
        {
            var reader = metadata.GetModules()[0].GetMetadataReader();
            Assert.That(reader.AssemblyReferences.Select(r => reader.GetString(reader.GetAssemblyReference(r).Name)), Does.Not.Contain("Opto"));
        }

        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("App", [MetadataReference.CreateFromImage(holdsImage), MetadataReference.CreateFromImage(slotsImage)], app));
        generated.AssertClean();

        var output = GeneratorHarness.Invoke([holdsImage, slotsImage, GeneratorHarness.Emit(generated.Compilation)], "App.Program", "Run");

        Assert.That(output, Is.EqualTo("Style"));
    }
}
