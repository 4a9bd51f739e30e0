namespace Trace.Generators.Tests;

/// <summary>
/// Trainable members of other objects glued into a traced call's argument by code that is not traced: the paths the
/// interceptors record, and what they reach when run.
/// </summary>
public class OtherObjectGlueTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        namespace Books;

        public class PromptBook
        {
            [Trainable] public string Instruction { get; set; } = "Be brief.";
        }

        public class Settings
        {
            public PromptBook Lazy { get => field ??= new(); set; }
            internal PromptBook Plain = new();
            public Inline Copy = new() { Book = new() };
        }

        public struct Inline { public PromptBook Book; }

        public class Base
        {
            private readonly PromptBook _inBase = new();
            protected PromptBook InBase => _inBase;
            [Traced] public string Answer(string prompt) => prompt;
        }

        [System.Diagnostics.CodeAnalysis.Experimental("EXP1")]
        public class Shelf { public PromptBook Book = new(); }

        #pragma warning disable EXP1
        public class Agent : Base
        {
            private readonly Shelf _shelf = new();
            public string Shelved(string x) => Answer(_shelf.Book.Instruction + x);
            private sealed class PrivateBook : PromptBook { }
            private readonly Settings _settings = new();
            private readonly PromptBook _book = new();
            private readonly PrivateBook _private = new();

            public string Private(string x) => Answer(_private.Instruction + x);

            public string Lazy(string x) => Answer(_settings.Lazy.Instruction + x);
            public string Internal(string x) => Answer(_settings.Plain.Instruction + x);
            public string Struct(string x) => Answer(_settings.Copy.Book.Instruction + x);
            public string FromBase(string x) => Answer(InBase.Instruction + x);
            public string Each(IEnumerable<string> xs) => string.Join(",", xs.Select(x => Answer(_book.Instruction + x)));
            public string Two(string x) => Answer(_book.Instruction + _settings.Plain.Instruction + x);
            public string Named<T>(string x) => Answer(typeof(T).Name + ": " + _book.Instruction + x);
        }

        #pragma warning restore EXP1

        public class Generic<T>
        {
            private readonly PromptBook _book = new();
            [Traced] public string Answer(string prompt) => prompt;
            public string Run(string x) => Answer(_book.Instruction + x);
        }

        public static class Program
        {
            private static string Reached(System.Func<string> run, params object[] owners)
            {
                using var scope = TraceScope.Begin();
                var result = run();
                var call = scope.Graph.Nodes.OfType<MessageNode>().Last();
                var listed = owners.SelectMany(o => Opto.Interception.TrainableRegistry.ParametersOf(o, null)).ToList();
                var reached = scope.Graph.Backward(call, "Shorter.").Parameters;
                return reached.Count == 0 ? "none" : string.Join("+", reached.Select(p => listed.Contains(p) ? p.Name : "unknown"));
            }

            public static string Run()
            {
                var agent = new Agent();
                var generic = new Generic<int>();
                return string.Join(" ", new[]
                {
                    Reached(() => agent.Lazy("a"), agent),
                    Reached(() => agent.Internal("b"), agent),
                    Reached(() => agent.Struct("c"), agent),
                    Reached(() => agent.FromBase("d"), agent),
                    Reached(() => agent.Each(new[] { "e" }), agent),
                    Reached(() => agent.Two("f"), agent),
                    Reached(() => agent.Named<int>("h"), agent),
                    Reached(() => agent.Private("i"), agent),
                    Reached(() => agent.Shelved("j"), agent),
                    Reached(() => generic.Run("g"), generic),
                });
            }
        }
        """;

    [Test]
    public void Paths_from_the_glue_s_object_are_recorded_as_the_snapshot_shows()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Books", null, Source));

        generated.AssertClean();
        Snapshot.Match("OtherObjectGlue.Interceptors", generated.Sources["Opto.Interceptors.g.cs"]);
    }

    [Test]
    public void Paths_reach_the_parameters_the_owners_list()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Books", null, Source));

        var output = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Books.Program", "Run");

        // Not followed: a getter with a body (code of the program's that runs between the read and the call), a struct's copy,
        // a computed property, a private field of a type generated code cannot name, and a private field of a generic type (no
        // accessor can name it). `typeof(T).Name` runs none; a path through an
        // experimental type is followed, and every generated file compiles with it.
        Assert.That(output, Is.EqualTo(
            "none Agent._settings.Plain.Instruction none none Agent._book.Instruction " +
            "Agent._book.Instruction+Agent._settings.Plain.Instruction Agent._book.Instruction none Agent._shelf.Book.Instruction none"));
    }
}
