namespace Trace.Generators.Tests;

/// <summary>Trainable members read on other objects: the paths the registration records, and what they reach when run.</summary>
public class OtherObjectTests
{
    private const string Source = """
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
            public Inline Copy;
        }

        public struct Inline { public PromptBook Book; }

        public record Request(PromptBook Book);

        public class Agent(PromptBook captured)
        {
            private readonly Settings _settings = new();
            private static PromptBook s_default = new();
            private PromptBook Local() => s_default;

            /// <summary>Reads prompts on other objects.</summary>
            [Traced]
            public string Run(Request request) =>
                _settings.Lazy.Instruction + _settings.Plain.Instruction + captured.Instruction + s_default.Instruction + request.Book.Instruction +
                _settings?.Plain.Instruction + Local().Instruction + _settings!.Copy.Book?.Instruction;
        }

        public static class Program
        {
            public static string Run()
            {
                var agent = new Agent(new PromptBook());
                var request = new Request(new PromptBook());
                using var scope = TraceScope.Begin();
                var result = agent.Run(request);
                var reached = scope.Graph.Backward(result, "Shorter.").Parameters;
                var listed = agent.TrainableParameters().Concat(request.Book.TrainableParameters("request.Book")).ToList();
                return string.Join(" ", reached.Select(p => listed.Contains(p) ? p.Name : "static")) ;
            }
        }
        """;

    [Test]
    public void Paths_to_other_objects_are_registered_as_the_snapshot_shows()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Books", null, Source));

        generated.AssertClean();
        Snapshot.Match("OtherObjects.Registration", generated.Sources["Opto.Registration.g.cs"]);
    }

    [Test]
    public void Paths_reach_the_parameters_the_owners_list()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Books", null, Source));

        var output = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Books.Program", "Run");

        // A getter with a body is bypassed (its backing field is read); `?.` is followed; a method's result and a struct are not.
        Assert.That(output, Is.EqualTo("Agent._settings.Lazy.Instruction Agent._settings.Plain.Instruction Agent.captured.Instruction static request.Book.Instruction"));
    }
}
