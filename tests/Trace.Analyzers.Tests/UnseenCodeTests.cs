using Microsoft.CodeAnalysis.CSharp;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableReadAnalyzer>;

namespace Trace.Analyzers.Tests;

public class UnseenCodeTests
{
    // A library of the solution built with Trace for .NET: its untraced methods have no source in the analyzed project.
    private const string Library = """
        using Opto;

        namespace Lib;

        public class PromptBook
        {
            [Trainable] public string Instruction { get; set; } = "Be brief.";
            public string Name { get; set; } = "book";
            public string Shouted => Instruction.ToUpperInvariant();
            public string Styled() => Instruction + "!";
            [Traced] public string Traced() => Instruction;
        }

        public static class Styles
        {
            public static string StyleOf(PromptBook book) => book.Instruction;
            public static string Plain(string text) => text.Trim();
            public static string Emphasized(this PromptBook book) => book.Instruction + "!";
            [Traced] public static string TracedStyle(PromptBook book) => book.Instruction;
        }

        public static class Prompts
        {
            [Trainable] public static string Greeting { get; set; } = "Hello";
            public static string Compose(string question) => Greeting + " " + question;
        }

        // Holds a trainable object: its generator registered it with a TrainableParameters() of this shape.
        public class Settings
        {
            public PromptBook Book { get; set; } = new();
            public string Describe() => Book.Instruction;
        }

        public static class SettingsTrainables
        {
            public static System.Collections.Generic.IReadOnlyList<Opto.ParameterNode> TrainableParameters(this Settings self, string? name = null) => [];
        }

        public class AgentBase
        {
            [Trainable] public string System { get; set; } = "You are helpful.";
            [Trainable] public string Format { get; set; } = "json";
            [Trainable] public string Tone { get; set; } = "plain";
            protected string Header() => System;
        }
        """;

    [Test]
    public Task OPTO020_objects_holding_trainables_given_to_another_assembly_s_untraced_code() => Verify.AnalyzeWithLibrary(LanguageVersion.Latest, Library, """
        using Lib;
        using Opto;

        public class Agent : AgentBase
        {
            private readonly PromptBook _book = new();
            private readonly Settings _settings = new();

            [Traced]
            public string Run(string question) =>
                Styles.StyleOf({|#0:_book|}) + {|#1:_book.Styled()|} + {|#2:_book|}.Emphasized() + {|#3:_book.Shouted|}
                + {|#4:Prompts.Compose(question)|} + {|#5:Header()|} + {|#6:_settings.Describe()|};

            public string Untraced() => Styles.StyleOf(_book) + _book.Styled();
        }
        """,
        Verify.Diagnostic("OPTO020").WithLocation(0).WithArguments("Run", "Styles.StyleOf", "_book", "the trainable 'PromptBook.Instruction'", "Library", ""),
        Verify.Diagnostic("OPTO020").WithLocation(1).WithArguments("Run", "PromptBook.Styled", "_book", "the trainable 'PromptBook.Instruction'", "Library", ""),
        Verify.Diagnostic("OPTO020").WithLocation(2).WithArguments("Run", "Styles.Emphasized", "_book", "the trainable 'PromptBook.Instruction'", "Library", ""),
        Verify.Diagnostic("OPTO020").WithLocation(3).WithArguments("Run", "PromptBook.Shouted", "_book", "the trainable 'PromptBook.Instruction'", "Library", ""),
        Verify.Diagnostic("OPTO020").WithLocation(4).WithArguments("Run", "Prompts.Compose", "Prompts", "the trainable 'Prompts.Greeting'", "Library", ""),
        Verify.Diagnostic("OPTO020").WithLocation(5).WithArguments("Run", "AgentBase.Header", "this", "the trainables 'AgentBase.System', 'AgentBase.Format' and 1 more", "Library", ""),
        Verify.Diagnostic("OPTO020").WithLocation(6).WithArguments("Run", "Settings.Describe", "_settings", "trainable values", "Library", ""));

    [Test]
    public Task What_the_compiler_can_read_or_what_holds_no_trainable_is_not_reported() => Verify.AnalyzeWithLibrary(LanguageVersion.Latest, Library, """
        using System.Linq;
        using Lib;
        using Opto;

        public static class Local
        {
            public static string StyleOf(PromptBook book) => book.Instruction;
        }

        public class Agent
        {
            private readonly PromptBook _book = new();

            [Traced]
            public string Run(string question) =>
                _book.Name + _book.Instruction + _book.Traced() + Styles.TracedStyle(_book) + Styles.Plain(question)
                + Local.StyleOf(_book) + string.Format("{0}", _book) + _book.GetHashCode() + new[] { _book }.Count()
                + Prompts.Greeting;
        }
        """);

    [Test]
    public Task OPTO020_in_helpers_and_in_methods_of_other_objects_is_reported_where_they_are_used() => Verify.AnalyzeWithLibrary(LanguageVersion.Latest, Library, """
        using Lib;
        using Opto;

        public static class Local
        {
            // Two calls of the same method with the same object: one fix, said once.
            public static string Twice(PromptBook book) => Styles.StyleOf(book) + Styles.StyleOf(book);
            public static string Plain(string text) => Styles.Plain(text);
        }

        public class Tool
        {
            private readonly PromptBook _book = new();
            public string Describe() => _book.Styled();
        }

        public class Agent
        {
            private readonly PromptBook _book = new();
            private readonly Tool _tool = new();

            [Traced]
            public string Run(string question) => {|#0:Local.Twice(_book)|} + Local.Plain(question) + {|#1:_tool.Describe()|} + {|#2:Framed()|};

            private string Framed() => "[" + _book.Styled() + "]";
        }
        """,
        Verify.Diagnostic("OPTO020").WithLocation(0).WithArguments("Run", "Styles.StyleOf", "book", "the trainable 'PromptBook.Instruction'", "Library", " (in 'Twice', called here)"),
        Verify.Diagnostic("OPTO020").WithLocation(1).WithArguments("Run", "PromptBook.Styled", "_book", "the trainable 'PromptBook.Instruction'", "Library", " (in 'Describe', a method of that object that is not traced, called here)"),
        Verify.Diagnostic("OPTO020").WithLocation(2).WithArguments("Run", "PromptBook.Styled", "_book", "the trainable 'PromptBook.Instruction'", "Library", " (in 'Framed', called here)"));
}
