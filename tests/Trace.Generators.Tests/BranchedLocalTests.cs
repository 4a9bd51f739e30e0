using System.Text.RegularExpressions;

namespace Trace.Generators.Tests;

/// <summary>
/// Glue over a local one of several steps set in branches: the calls every step's value holds are exact sources, and when
/// each step makes its value with a call of its own, the interceptor is given the choice among them (see GlueFlow.Choose).
/// </summary>
public class BranchedLocalTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        namespace Routes;

        public class Agent
        {
            [Traced] public string Search(string q) => "S:" + q;
            [Traced] public string Recall(string q) => "R:" + q;
            [Traced] public int Count(string q) => q.Length;
            [Traced] public string Answer(string context) => "A(" + context + ")";

            public string Routed(string q, bool search)
            {
                string context;
                if (search) context = Search(q);
                else context = Recall(q);
                return Answer("[" + context + "]");
            }

            public string Marked(string q, bool loud)
            {
                var text = Search(q);
                if (loud) text += "!";
                return Answer(text);
            }

            public string Maybe(string q, bool search)
            {
                var context = "none";
                if (search) context = Recall(q);
                return Answer("[" + context + "]");
            }

            public static string Run()
            {
                var agent = new Agent();
                string Steps() => agent.Routed("a", true) + agent.Routed("b", false) + agent.Marked("c", true) + agent.Marked("d", false) + agent.Maybe("e", false);
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("answer"))
                    .Select(n => string.Join("+", n.Inputs.Single().Value.Parents.Select(p => p.Name).DefaultIfEmpty("-")));
                return untraced == traced ? string.Join(" ", parents) : "differs";
            }
        }
        """;

    [Test]
    public void A_choice_is_one_source_that_names_each_steps_own_call_and_the_exact_calls_stay_plain_sources()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Routes", null, Source));
        generated.AssertClean();
        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];

        var glued = Regex.Matches(interceptors, @"__call\.Glued\(0, context, ""(?<expression>([^""\\]|\\.)*)"", null, \[(?<sources>[^\]]*)\]\);")
            .Select(m => (Expression: m.Groups["expression"].Value, Sources: m.Groups["sources"].Value)).ToList();
        Assert.That(glued.Select(g => g.Expression), Is.EqualTo(new[] { @"\""[\"" + context + \""]\""", @"var text = Search(q); if (loud) text += \""!\"";" }),
            "Maybe claims nothing: one path sets the local by no call; Marked is shown with how the local was built");
        Assert.That(glued[0].Sources, Does.Match(@"^""\|[^|,;""]+\|[^|,;""]+""$"), "one choice of two alternatives, each one call of its own");
        Assert.That(glued[1].Sources, Does.Match(@"^""[^|,;""]+""$"), "the call both paths hold is an exact source");
    }

    [Test]
    public void Each_call_links_the_step_its_own_path_ran_and_runs_as_written()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Routes", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Routes.Agent", "Run")!;

        Assert.That(output, Is.EqualTo("search0 recall0 search1 search2 -"));
    }
}
