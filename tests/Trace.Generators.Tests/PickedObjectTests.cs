namespace Trace.Generators.Tests;

/// <summary>
/// Glue made from a member of an object LINQ picked of several traced results (<c>drafts.MaxBy(d => d.Score).Text</c>) links
/// to the call whose result was picked, as glue made from a picked text does (<see cref="PickedTextTests"/>); a member of an
/// element the compiler proves (<c>all[1].Text</c>, <c>all.First().Text</c> of one) links to that element's call. LINQ that
/// only takes or orders objects of the program's runs no code of theirs, so such reads are claimed in synchronous methods too.
/// </summary>
public class PickedObjectTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        namespace Picks;

        public sealed record Draft(string Text, int Score);

        public class Agent
        {
            [Traced] public Draft Write(string q) => new("W" + q, q.Length);
            [Traced] public string Answer(string r) => "A" + r;

            public string Best(string x)
            {
                var best = new[] { Write(x), Write(x + "22") }.MaxBy(d => d.Score)!;
                return Answer(best.Text + "!");
            }

            public string BestAsIs(string x)
            {
                var best = new List<Draft> { Write(x + "333"), Write(x) }.OrderByDescending(d => d.Score).First();
                return Answer(best.Text);
            }

            public async Task<string> Awaited(string x)
            {
                var all = await Task.WhenAll(Task.Run(() => Write(x)), Task.Run(() => Write(x + "4444")));
                var top = all.MinBy(d => d.Score)!;
                return Answer($"[{top.Text}]");
            }

            public string Indexed(string x)
            {
                var all = new[] { Write(x), Write(x + "1") };
                return Answer(all[1].Text);
            }

            public string OnlyOne(string x)
            {
                var all = new[] { Write(x) };
                return Answer(all.Where(d => d.Score > 0).First().Text.Trim());
            }

            // Chosen by a condition between two picks.
            public string Either(string x, bool first)
            {
                var all = new[] { Write(x), Write(x + "55") };
                var chosen = first ? all.First() : all.Last();
                return Answer(chosen.Text);
            }

            // A new object among the results: nothing to link for it.
            public string Replaced(string x)
            {
                var all = new List<Draft> { Write(x), Write(x + "6") };
                all[0] = new Draft("own", 9);
                return Answer(all.MaxBy(d => d.Score)!.Text);
            }

            public static string Run()
            {
                var agent = new Agent();
                string Steps() => string.Join(",", agent.Best("a"), agent.BestAsIs("b"), agent.Awaited("c").Result, agent.Indexed("d"), agent.OnlyOne("e"),
                    agent.Either("f", first: false), agent.Replaced("g"));
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("answer"))
                    .Select(n => n.Inputs.Single().Value)
                    .Select(input => input is GlueNode glue ? string.Join("+", glue.Parents.Select(p => $"{p.Name}({((Draft)p.Value!).Text})").DefaultIfEmpty("-")) : $"{input.Name}({input.Value})");
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void Glue_made_from_a_member_of_a_picked_object_links_to_the_call_whose_result_was_picked()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Picks", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Picks.Agent", "Run")!;

        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            "write1(Wa22)", // Best: the higher score
            "write2(Wb333)", // BestAsIs
            "write4(Wc)", // Awaited: the lower score
            "write7(Wd1)", // Indexed: the second
            "write8(We)", // OnlyOne
            "write10(Wf55)", // Either: the last
            "r6(own)", // Replaced: its own object, which no call made
        }));
    }

    [Test]
    public void Only_a_pick_of_an_object_a_traced_method_of_the_function_returns_is_intercepted()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Picks", null, Source, """
            using System.Collections.Generic;
            using System.Linq;
            using Opto;

            namespace Picks;

            public sealed record Note(string Text);

            public class Other
            {
                [Traced] public string Answer(string r) => r;

                // Notes no traced call returns.
                public string Latest(List<Note> notes) => Answer(notes.Last().Text);
            }
            """));
        generated.AssertClean();

        var glue = generated.Sources.Single(s => s.Key.EndsWith("Opto.GlueCalls.g.cs", StringComparison.Ordinal)).Value;

        // Best, BestAsIs's First, Awaited, OnlyOne's First, Either's First and Last, Replaced: seven picks of drafts.
        Assert.That(System.Text.RegularExpressions.Regex.Matches(glue, @"GlueCalls\.Picked\(").Count, Is.EqualTo(7), glue);
        Assert.That(glue, Does.Not.Contain("Other.cs"));
    }
}
