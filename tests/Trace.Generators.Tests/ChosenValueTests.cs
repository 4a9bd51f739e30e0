namespace Trace.Generators.Tests;

/// <summary>
/// Glue over a value chosen by <c>?:</c> or a switch expression: only the arm chosen runs, so when every arm makes its value
/// with a call of its own, the glue links the call of the arm that ran, and nothing when an arm makes it without one.
/// </summary>
public class ChosenValueTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        namespace Chosen;

        public class Agent
        {
            [Traced] public string Search(string q) => "S:" + q;
            [Traced] public string Recall(string q) => "R:" + q;
            [Traced] public int Count(string q) => q.Length;
            [Traced] public string Answer(string context) => "A(" + context + ")";

            public string Ternary(string q, bool search)
            {
                var context = search ? Search(q) : Recall(q);
                return Answer("[" + context + "]");
            }

            public string Inline(string q, bool search) => Answer("[" + (search ? Search(q) : Recall(q)) + "]");

            public string Switched(string q, int mode)
            {
                var context = mode switch { 0 => Search(q), 1 => Recall(q), _ => Search(q + "?").Trim() };
                return Answer(context + "!");
            }

            public string Guarded(string q) => Answer(q switch { _ when Count(q) > 1 => Search(q), _ => Recall(q) } + "!");

            public string NotEveryArm(string q, bool search)
            {
                var context = search ? Search(q) : "none";
                return Answer(context + "!");
            }

            public string Nested(string q, int mode) => Answer((mode == 0 ? Search(q) : mode == 1 ? Recall(q) : Search(q + "!")) + "|");

            public string InALoop(string q)
            {
                var answers = new List<string>();
                for (var i = 0; i < 3; i++)
                {
                    var context = i % 2 == 0 ? Search(q + i) : Recall(q + i);
                    answers.Add(Answer(context + "!"));
                }

                return string.Join(",", answers);
            }

            public static string Run()
            {
                var agent = new Agent();
                string Steps() =>
                    agent.Ternary("a", true) + agent.Ternary("b", false) + agent.Inline("c", false) + agent.Switched("d", 1) + agent.Switched("e", 2)
                    + agent.Guarded("f") + agent.Guarded("gg") + agent.NotEveryArm("h", false) + agent.NotEveryArm("i", true) + agent.InALoop("j")
                    + agent.Nested("k", 1) + agent.Nested("l", 2);
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("answer"))
                    .Select(n => string.Join("+", n.Inputs.Single().Value.Parents.Select(p => $"{p.Name}({p.Value})").DefaultIfEmpty("-")));
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void Glue_over_a_chosen_value_links_the_call_of_the_arm_that_ran()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Chosen", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Chosen.Agent", "Run")!;

        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            "search0(S:a)", "recall0(R:b)", "recall1(R:c)", "recall2(R:d)", "search1(S:e?)",
            // A guard's call is not the value: only the arm's.
            "recall3(R:f)", "search2(S:gg)",
            // One arm makes the value without a call: which arm ran is not known from the calls, so none is claimed.
            "-", "-",
            // Each turn links the call its own arm made.
            "search4(S:j0)", "recall4(R:j1)", "search5(S:j2)",
            // Conditions nested in an arm: each arm of theirs is one more.
            "recall5(R:k)", "search6(S:l!)",
        }));
    }

    private const string TracedSource = """
        using System;
        using System.Linq;
        using Opto;

        namespace ChosenTraced;

        public class Agent
        {
            [Traced] public string Search(string q) => "S:" + q;
            [Traced] public string Answer(string context) => "A(" + context + ")";

            // A path with no call of its own: in a traced method the running call tells its own call's slot from another
            // call's, so the glue links the search only when this call made it.
            [Traced] public string Branched(string q, bool search)
            {
                var context = "none";
                if (search) context = Search(q);
                return Answer($"Context: {context}");
            }

            [Traced] public string Arms(string q, bool search) => Answer((search ? Search(q) : "none") + "!");

            [Traced] public string Coalesced(string q, string? cached) => Answer((cached ?? Search(q)) + "?");

            // The first call searches and calls itself, which does not: the inner call's glue must not take the outer search.
            [Traced] public string Recursive(string q, int depth)
            {
                var context = depth > 0 ? Search(q) : "none";
                if (depth > 0) Recursive(q, depth - 1);
                return Answer(context + ".");
            }

            // In a loop, an arm's call of an earlier turn is this call's too: not claimed.
            [Traced] public string Looped(string q)
            {
                var answers = "";
                for (var i = 0; i < 2; i++) answers += Answer((i == 0 ? Search(q) : "none") + "~");
                return answers;
            }

            public static string Run()
            {
                var agent = new Agent();
                string Steps() =>
                    agent.Branched("a", true) + agent.Branched("b", false) + agent.Arms("c", true) + agent.Arms("d", false)
                    + agent.Coalesced("e", null) + agent.Coalesced("f", "kept") + agent.Recursive("g", 1) + agent.Looped("h");
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("answer"))
                    .Select(n => n.Inputs.Single().Value is GlueNode glue ? string.Join("+", glue.Parents.Select(p => p.Name)) : "-");
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void In_a_traced_method_a_path_with_no_call_of_its_own_is_told_from_another_call_s()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("ChosenTraced", null, TracedSource));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "ChosenTraced.Agent", "Run")!;

        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            // Branched, Arms, Coalesced: the search when this call made it; nothing when the path without a call ran, although
            // the call before searched (an input of each call is named `search` too: search0, search2, ...).
            "search1", "-", "search4", "-", "search6", "-",
            // Recursive: the inner call (no search) first, then the outer.
            "-", "search7",
            // Looped: not claimed at either turn.
            "-", "-",
        }));
    }
}
