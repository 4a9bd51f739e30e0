namespace Trace.Generators.Tests;

/// <summary>
/// Glue made from a text LINQ picked of a sequence (<c>MaxBy</c>, <c>OrderBy(...).First()</c>, <c>Last</c>) links to the
/// traced call whose result was picked, whichever it was: the pick's interceptor leaves that result's node in its slot.
/// A picked text no traced call made links to nothing, and one picked with tracing off is the framework's pick alone.
/// </summary>
public class PickedTextTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        namespace Picks;

        public class Agent
        {
            [Traced] public string Summarize(string q) => "S" + q;
            [Traced] public string Answer(string r) => "A" + r;

            public string Longest(string x)
            {
                var best = new[] { Summarize(x), Summarize(x + "22") }.MaxBy(s => s.Length)!;
                return Answer(best + "!");
            }

            public string Shortest(string x)
            {
                var best = new[] { Summarize(x + "333"), Summarize(x) }.OrderBy(s => s.Length).First();
                return Answer($"[{best}]");
            }

            public string Latest(string x)
            {
                var notes = new List<string>();
                notes.Add(Summarize(x));
                notes.Add(Summarize(x + "1"));
                return Answer(notes.Last() + ".");
            }

            public async Task<string> Awaited(string x)
            {
                await Task.Yield();
                var all = await Task.WhenAll(Task.FromResult(Summarize(x)), Task.FromResult(Summarize(x + "4444")));
                var top = all.MaxBy(s => s.Length)!;
                return Answer(top.ToUpperInvariant());
            }

            // Picked in a loop: each turn's glue links to that turn's pick.
            public string EachTurn(string x)
            {
                var replies = "";
                foreach (var q in new[] { x, x + "55" })
                {
                    var top = new[] { Summarize(q), Summarize(q + "6") }.MinBy(s => s.Length)!;
                    replies += Answer(top + "?");
                }

                return replies;
            }

            // A text no traced call made: nothing to link.
            public string Plain(string x)
            {
                var top = new[] { x, x + "7" }.Max()!;
                return Answer(top + "!");
            }

            // An element the compiler proves (one glue element, a default value, one result): linked as it was proven, not
            // through the pick, which finds by identity only results themselves, and the latest call that returned the object.
            public string GlueElement(string x)
            {
                var best = new[] { Summarize(x).Trim() + "?" }.First();
                return Answer(best + "!");
            }

            public string DefaultValue(string x)
            {
                var top = new List<string>().FirstOrDefault(Summarize(x) + "?");
                return Answer(top + "!");
            }

            [Traced] public string Echo(string q) => q;

            public string Echoed(string x)
            {
                var made = Summarize(x);
                var echoed = Echo(made);
                var best = new[] { made }.First();
                return Answer(best + "!") + echoed.Length;
            }

            public static string Run()
            {
                var agent = new Agent();
                string Steps() => string.Join(",", agent.Longest("a"), agent.Shortest("b"), agent.Latest("c"), agent.Awaited("d").Result, agent.EachTurn("e"), agent.Plain("f"),
                    agent.GlueElement("g"), agent.DefaultValue("h"), agent.Echoed("i"));
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("answer"))
                    .Select(n => n.Inputs.Single().Value)
                    .Select(input => input is GlueNode glue ? string.Join("+", glue.Parents.Select(p => $"{p.Name}({p.Value})").DefaultIfEmpty("-")) : $"{input.Name}({input.Value})");
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void Glue_made_from_a_picked_text_links_to_the_call_whose_result_was_picked()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Picks", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Picks.Agent", "Run")!;

        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            "summarize1(Sa22)", // Longest
            "summarize3(Sb)", // Shortest
            "summarize5(Sc1)", // Latest
            "summarize7(Sd4444)", // Awaited
            "summarize8(Se)", "summarize10(Se55)", // EachTurn
            "r6(f7!)", // Plain
            "summarize12(Sg)", "summarize13(Sh)", "summarize14(Si)", // GlueElement, DefaultValue, Echoed
        }));
    }

    [Test]
    public void Only_a_pick_of_a_text_in_a_function_that_calls_a_traced_method_is_intercepted()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Picks", null, Source, """
            using System.Linq;

            namespace Picks;

            public static class Untraced
            {
                public static string Longest(string[] texts) => texts.MaxBy(t => t.Length) + "!";
                public static int Largest(int[] numbers) => numbers.Max();
            }
            """));
        generated.AssertClean();

        var glue = generated.Sources.Single(s => s.Key.EndsWith("Opto.GlueCalls.g.cs", StringComparison.Ordinal)).Value;

        // Longest, Shortest's First (not OrderBy, which makes a sequence), Latest, Awaited, EachTurn, Plain, GlueElement,
        // DefaultValue and Echoed: nine picks.
        Assert.That(System.Text.RegularExpressions.Regex.Matches(glue, @"GlueCalls\.Picked\(").Count, Is.EqualTo(9), glue);
        Assert.That(glue, Does.Contain("MaxBy_0<TSource, TKey>").And.Contain("First_1<TSource>").And.Contain("Last_2<TSource>").And.Contain("MinBy_4<TSource, TKey>").And.Contain("Max_5<TSource>"));
    }
}
