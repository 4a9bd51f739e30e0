using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>
/// What a traced method keeps in an object it is given is watched across its call, and what a traced method given the
/// object reads of it is linked as it starts (see WatchedMembers and ParameterReads).
/// </summary>
public class StateObjectTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        namespace Steps;

        public class State
        {
            public string Question { get; set; } = "";
            public string Docs { get; set; } = "";
            public string Draft = "";
            public List<string> Log { get; } = [];
            public int Turns { get; set; }
        }

        public class Agent
        {
            [Traced] public void Retrieve(State s) { s.Docs = "docs of " + s.Question; s.Log.Add("r" + s.Question); s.Turns++; }
            [Traced] public void Draft(State s) => SetDraft(s, "draft of " + s.Docs);
            private static void SetDraft(State into, string text) => into.Draft = text;
            [Traced] public void Later(State s) { System.Action set = () => s.Docs = "later"; set(); }
            [Traced] public void Replace(State s) { s = new State(); s.Docs = "other"; }
            [Traced] public string Finish(State s) => "answer from " + s.Draft + " after " + s.Log.Count + " steps";
            [Traced] public string Render(State s) => Format(s);
            private static string Format(State s) => s.Docs;

            public static string Run()
            {
                string Steps()
                {
                    var agent = new Agent();
                    var state = new State { Question = "q" + 1 };
                    agent.Retrieve(state);
                    agent.Draft(state);
                    agent.Render(state);
                    return agent.Finish(state);
                }

                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var finish = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Name == "finish0");
                return untraced == traced ? traced + " | " + string.Join(",", Ancestors(finish).OfType<MessageNode>().Select(n => n.Name).Distinct().OrderBy(n => n)) : "differs";
            }

            private static IEnumerable<Node> Ancestors(Node node) => node.Parents.SelectMany(p => Ancestors(p).Prepend(p));
        }
        """;

    [Test]
    public void Members_of_a_given_object_a_step_changes_or_reads_are_watched_and_read_by_the_interceptor()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Steps", null, Source));
        generated.AssertClean();
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];

        var lines = Regex.Matches(interceptors, @"__call\.(?<kind>FillsMember|SetsMember|ReadsMember)\((?<what>[^,]+, [^,]+),")
            .Select(m => $"{m.Groups["kind"].Value} {m.Groups["what"].Value}").ToList();
        Assert.That(lines, Is.EquivalentTo(new[]
        {
            "SetsMember \"s.Docs\", s", "FillsMember \"s.Log\", s", "ReadsMember 0, \"Question\"",
            "SetsMember \"s.Draft\", s", "ReadsMember 0, \"Docs\"",
            "ReadsMember 0, \"Draft\"", "ReadsMember 0, \"Log\"", "ReadsMember 0, \"Docs\"",
        }), "a value type (Turns) is not linked; what a lambda sets and a reassigned parameter are not watched; what a helper the object is given to reads is read");
        Assert.That(interceptors, Does.Contain("__call.SetsMember(\"s.Draft\", s, static __o => ((global::Steps.State)__o).Draft);"), "set by the helper the object is given to");
    }

    [Test]
    public void The_last_step_reaches_every_step_before_it_through_the_members_it_reads_and_runs_as_written()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Steps", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Steps.Agent", "Run")!;

        Assert.That(output, Is.EqualTo("answer from draft of docs of q1 after 1 steps | draft0,retrieve0"));
    }
}
