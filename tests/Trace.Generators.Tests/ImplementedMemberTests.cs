namespace Trace.Generators.Tests;

/// <summary>
/// A trainable property registered with the interface and base-class properties it implements or overrides, and traced
/// bodies that read those: what the registration records, and what the reads reach when run.
/// </summary>
public class ImplementedMemberTests
{
    private const string Source = """
        using System.Linq;
        using Opto;

        namespace Personas;

        public interface IPersona { string Voice { get; } }
        public interface INamed { string Name { get; } }
        public interface IGeneric<T> { T Value { get; } }

        public class Pirate : IPersona, IGeneric<string>
        {
            [Trainable] public string Voice { get; set; } = "Arr.";
            [Trainable] public string Value { get; set; } = "gold";
        }

        public abstract class Speaker : INamed
        {
            public abstract string Opening { get; set; }
            public virtual string Name { get; set; } = "speaker";

            [Traced]
            public string Speak(string line) => Opening + " " + Frame() + line;

            protected virtual string Frame() => "";
        }

        public class Herald : Speaker
        {
            [Trainable] public override string Opening { get; set; } = "Hear ye.";
            [Trainable] public override string Name { get; set; } = "herald";
            [Trainable] public string Seal { get; set; } = "[seal]";
            protected override string Frame() => Seal + " ";
        }

        public abstract class Chest<T> { public abstract T Content { get; set; } }
        public class GoldChest : Chest<string> { [Trainable] public override string Content { get; set; } = "coins"; }

        public class Narrator(IPersona persona, Speaker speaker, IGeneric<string> generic, Chest<string> chest)
        {
            [Traced]
            public string Tell(INamed named, string line) => persona.Voice + " " + speaker.Opening + " " + named.Name + " " + line;

            [Traced]
            public string Count(string line) => generic.Value + " " + chest.Content + " " + line;
        }

        public static class Program
        {
            public static string Run()
            {
                var pirate = new Pirate();
                var herald = new Herald();
                var chest = new GoldChest();
                var narrator = new Narrator(pirate, herald, pirate, chest);
                using var scope = TraceScope.Begin();
                var told = narrator.Tell(herald, "x");
                var spoken = herald.Speak("y");
                var counted = narrator.Count("z");
                var listed = pirate.TrainableParameters().Concat(herald.TrainableParameters()).Concat(chest.TrainableParameters()).ToList();
                string Names(string result, string feedback) =>
                    string.Join(" ", scope.Graph.Backward(result, feedback).Parameters.Select(p => listed.Contains(p) ? p.Name : "?").Order());
                return told + " | " + Names(told, "Louder.") + " | " + spoken + " | " + Names(spoken, "Shorter.") + " | " + counted + " | " + Names(counted, "More.");
            }
        }
        """;

    [Test]
    public void Implemented_members_are_registered_as_the_snapshot_shows()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Personas", null, Source));

        generated.AssertClean();
        Snapshot.Match("ImplementedMembers.Registration", generated.Sources["Opto.Registration.g.cs"]);
    }

    [Test]
    public void Reads_through_interfaces_and_abstract_members_reach_the_trainable_implementations()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Personas", null, Source));

        var output = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Personas.Program", "Run");

        Assert.That(output, Is.EqualTo(
            "Arr. Hear ye. herald x | Herald.Name Herald.Opening Pirate.Voice | Hear ye. [seal] y | Herald.Opening Herald.Seal | gold coins z | GoldChest.Content Pirate.Value"));
    }

    private const string ExplicitSource = """
        using System.Linq;
        using Opto;

        namespace Personas;

        public interface IPersona { string Voice { get; set; } }

        public class Mime : IPersona
        {
            [Trainable] string IPersona.Voice { get; set; } = "...";
        }

        public class Narrator(IPersona persona)
        {
            [Traced]
            public string Tell(string line) => persona.Voice + " " + line;
        }

        public static class Program
        {
            public static string Run()
            {
                var mime = new Mime();
                var narrator = new Narrator(mime);
                using var scope = TraceScope.Begin();
                var told = narrator.Tell("x");
                var listed = mime.TrainableParameters();
                var reached = scope.Graph.Backward(told, "Say something.").Parameters;
                reached[0].SetValue("Hm.");
                return told + " | " + string.Join(",", listed.Select(p => p.Name)) + " | " + (reached.Single() == listed.Single()) + " | " + ((IPersona)mime).Voice;
            }
        }
        """;

    [Test]
    public void An_explicit_implementation_is_named_by_its_interface_and_read_and_written_through_it()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Personas", null, ExplicitSource));

        var output = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Personas.Program", "Run");

        // The generated code compiles (it named `Mime.Personas.IPersona.Voice` as a member before), the read links, the write lands.
        Assert.That(output, Is.EqualTo("... x | Mime.IPersona.Voice | True | Hm."));
    }
}
