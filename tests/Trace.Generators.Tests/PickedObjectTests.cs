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

        public sealed class Note { public string Text = ""; public int Score; }

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

            // Chosen between collections: the pick's own result decides, not the calls either collection holds.
            public string Chosen(string x, bool made)
            {
                var all = made ? new[] { Write(x), Write(x + "22") } : new[] { new Draft("own", 99), Write(x + "1") };
                var best = all.MaxBy(d => d.Score)!;
                return Answer(best.Text + "!");
            }

            [Traced] public Note Take(string q) => new() { Text = "T" + q, Score = q.Length };
            private static void Rewrite(Note note) => note.Text = "own";

            // A member of the picked object set again before it is read: what it holds is not the call's making.
            public string Rewritten(string x)
            {
                var all = new[] { Take(x), Take(x + "22") };
                var best = all.MaxBy(n => n.Score)!;
                Rewrite(best);
                return Answer(best.Text + "!");
            }

            public string SetAgain(string x)
            {
                var all = new[] { Take(x), Take(x + "1") };
                all[1].Text = "set";
                return Answer(all[1].Text + "!");
            }

            // A tuple captured by a lambda is a copy the lambda cannot change: the read of its item is claimed.
            public string Paired(string x)
            {
                var pair = (Write(x + "77"), 1);
                var keys = new List<Func<int>> { () => pair.Item2 };
                return Answer(pair.Item1.Text + "!");
            }

            private struct Box
            {
                public Note Held;
                public void Reset() => Held = new Note { Text = "own" };
            }

            // A struct's own method may change what it holds: not claimed.
            public string Boxed(string x)
            {
                var box = new Box { Held = Take(x) };
                box.Reset();
                return Answer(box.Held.Text + "!");
            }

            private static void Touch((Note Note, int N) pair) => pair.Note.Text = "own";

            // A value given whole shares the objects it holds: the helper may change them.
            public string HandedAsPair(string x)
            {
                var pair = (Take(x), 1);
                Touch(pair);
                return Answer(pair.Item1.Text + "!");
            }

            // Elements changed under other names: a loop's variable, a lambda's parameter.
            public string ChangedInLoop(string x)
            {
                var all = new[] { Take(x), Take(x + "1") };
                foreach (var note in all) note.Text = "own";
                return Answer(all[1].Text + "!");
            }

            public string ChangedInLambda(string x)
            {
                var all = new[] { Take(x), Take(x + "1") };
                _ = all.Select(n => { n.Text = "own"; return n; }).ToList();
                return Answer(all[1].Text + "!");
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
                    agent.Either("f", first: false), agent.Replaced("g"), agent.Chosen("h", made: true), agent.Chosen("i", made: false),
                    agent.Rewritten("j"), agent.SetAgain("k"), agent.Paired("l"), agent.Boxed("m"),
                    agent.HandedAsPair("n"), agent.ChangedInLoop("o"), agent.ChangedInLambda("p"));
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("answer"))
                    .Select(n => n.Inputs.Single().Value)
                    .Select(input => input is GlueNode glue ? string.Join("+", glue.Parents.Select(p => $"{p.Name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')}({(p.Value as Draft)?.Text ?? ((Note)p.Value!).Text})").DefaultIfEmpty("-")) : $"{input.Name}({input.Value})");
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
            "write(Wa22)", // Best: the higher score
            "write(Wb333)", // BestAsIs
            "write(Wc)", // Awaited: the lower score (the calls run concurrently, in either order)
            "write(Wd1)", // Indexed: the second
            "write(We)", // OnlyOne
            "write(Wf55)", // Either: the last
            "r6(own)", // Replaced: its own object, which no call made
            "write(Wh22)", // Chosen among results: the one picked only
            "r8(own!)", // Chosen among its own object and a result: its own object, which no call made
            "r9(own!)", "r10(set!)", // Rewritten, SetAgain: not linked (and reported)
            "write(Wl77)", // Paired: the tuple's item, captured by a lambda that cannot change it
            "r12(own!)", // Boxed: changed by the struct's own method
            "r13(own!)", "r14(own!)", "r15(own!)", // HandedAsPair, ChangedInLoop, ChangedInLambda: changed where the read cannot see
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

            public sealed record Memo(string Text);

            public class Other
            {
                [Traced] public string Answer(string r) => r;

                // Memos no traced call returns.
                public string Latest(List<Memo> memos) => Answer(memos.Last().Text);
            }
            """));
        generated.AssertClean();

        var glue = generated.Sources.Single(s => s.Key.EndsWith("Opto.GlueCalls.g.cs", StringComparison.Ordinal)).Value;

        // Best, BestAsIs's First, Awaited, OnlyOne's First, Either's First and Last, Chosen, Replaced: eight picks of drafts;
        // Rewritten's of notes.
        Assert.That(System.Text.RegularExpressions.Regex.Matches(glue, @"GlueCalls\.Picked\(").Count, Is.EqualTo(9), glue);
        Assert.That(glue, Does.Not.Contain("Other.cs"));
    }
}
