using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>
/// Text a traced method adds to in a loop: the producers its steps add keep all their slots of the method's running call
/// (their tag is marked), and the glue reads that chain with the method's key.
/// </summary>
public class LoopNotesTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using Opto;

        namespace Notes;

        public class Agent
        {
            [Traced] public string Summarize(string d) => "S:" + d;
            [Traced] public string Introduce(string q) => "I:" + q;
            [Traced] public string Answer(string notes) => "A(" + notes + ")";

            [Traced]
            public string Digest(string q, string[] docs)
            {
                var notes = Introduce(q) + ";";
                foreach (var d in docs) notes += Summarize(d).Trim() + ";";
                return Answer(notes);
            }

            public string Untraced(string[] docs)
            {
                var notes = "";
                foreach (var d in docs) notes += Summarize(d) + ";";
                return Answer(notes);
            }

            public static string Run()
            {
                var agent = new Agent();
                var untraced = agent.Digest("q", ["a", "b"]);
                using var scope = TraceScope.Begin();
                var traced = agent.Digest("q", ["a", "b"]);
                var answer = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Name == "answer0");
                return untraced == traced ? string.Join("+", answer.Inputs.Single().Value.Parents.Select(p => p.Name)) : "differs";
            }
        }
        """;

    [Test]
    public void The_producer_a_loop_adds_leaves_a_chained_slot_and_the_glue_reads_the_chain_of_the_traced_method()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Notes", null, Source));
        generated.AssertClean();
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];

        var slotTags = Regex.Matches(interceptors, @"new global::Opto\.Interception\.TracedCall\(__scope, [^,]+, [^,]+, ""(?<tag>[^""]*)""\)").Select(m => m.Groups["tag"].Value).ToList();
        Assert.That(slotTags.Count(t => t.StartsWith('*')), Is.EqualTo(1), "Summarize in the traced method's loop keeps every slot");
        Assert.That(slotTags.Count(t => !t.StartsWith('*')), Is.EqualTo(1), "Introduce, before the loop, leaves its latest");
        var chained = slotTags.Single(t => t.StartsWith('*'));
        Assert.That(interceptors, Does.Contain($"\"*{chained}\\nM:Notes.Agent.Digest(System.String,System.String[])\""), "the chain, read in Digest's running call");
        Assert.That(Regex.Matches(interceptors, @"\\nM:Notes\.Agent\.Untraced").Count, Is.Zero, "nothing claimed in a method that is not traced");
    }

    [Test]
    public void The_notes_link_to_the_introduction_and_every_summary_and_run_as_written()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Notes", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Notes.Agent", "Run")!;

        Assert.That(output, Is.EqualTo("introduce0+summarize0+summarize1"));
    }
}
