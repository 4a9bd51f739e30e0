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
}
