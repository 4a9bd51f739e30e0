namespace Trace.Generators.Tests;

/// <summary>
/// Glue over a local that a loop sets again, read by a later turn (<c>feedback = Critique(r)</c>, then
/// <c>Ask(q + feedback)</c>): the step that set it last is the one whose own call ran last, so the glue links that call;
/// when the local starts with no call's result, only calls of this activation count, which a traced method's running call
/// tells apart.
/// </summary>
public class LoopCarriedTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        namespace Carried;

        public class Agent
        {
            [Traced] public string Ask(string q) => "A" + q.Length;
            [Traced] public string Critique(string r) => "C" + r;
            [Traced] public string Judge(string r) => r;
            [Traced] public int Score(string r) => r.Length;
            [Traced] public List<string> Search(string q) => [q];
            [Traced] public int Count(List<string> docs) => docs.Count;

            [Traced] public string Refine(string q, int turns)
            {
                var feedback = "";
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Ask(q + feedback);
                    feedback = Critique(reply);
                }

                return reply;
            }

            // Not traced: an async method's context is its own, until a call of it runs inside it (through any chain of calls).
            public async Task<string> RefineAsync(string q, int turns)
            {
                await Task.Yield();
                var feedback = "";
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Ask($"{q} / {feedback}");
                    feedback = Critique(reply);
                }

                return reply;
            }

            // Not traced, not async: another run's calls cannot be told from this one's, so no call is claimed for the local.
            public string RefineUntraced(string q, int turns)
            {
                var feedback = "";
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Ask(q + feedback);
                    feedback = Critique(reply);
                }

                return reply;
            }

            // Every step has a call of its own: the latest call tells which, in any method.
            public string FromFirst(string q, int turns)
            {
                var feedback = Critique(q);
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Ask(q + feedback);
                    feedback = Critique(reply);
                }

                return reply;
            }

            // A turn that skips the critique keeps the one before.
            [Traced] public string Skipping(string q, int turns)
            {
                var feedback = "";
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Ask(q + feedback);
                    if (i == 1) continue;
                    feedback = Critique(reply);
                }

                return reply;
            }

            // A call of the same method inside the loop runs its own turns: its first turn starts with no critique, although the
            // outer call's critique is the latest one in the flow.
            [Traced] public string Recursive(string q, int depth)
            {
                var feedback = "";
                var reply = "";
                for (var i = 0; i < 2; i++)
                {
                    reply = Ask(q + feedback);
                    feedback = Critique(reply);
                    if (depth > 0 && i == 0) Judge(Recursive(q + "+", depth - 1));
                }

                return reply;
            }

            // An async method that calls itself: the inner call starts with this one's context, where this one's critique is
            // the latest, so no call is claimed for a local that starts with none.
            public async Task<string> RecursiveAsync(string q, int depth)
            {
                await Task.Yield();
                var feedback = "";
                var reply = "";
                for (var i = 0; i < 2; i++)
                {
                    reply = Ask(q + feedback);
                    feedback = Critique(reply);
                    if (depth > 0 && i == 0) await RecursiveAsync(q + "+", depth - 1);
                }

                return reply;
            }

            // A value with no identity, set again in a loop: glue over the call that set it last.
            public string Scored(string q, int turns)
            {
                var best = Score(q);
                for (var i = 0; i < turns; i++) best = Score(q + i);
                return Judge("best: " + best);
            }

            // A collection set again in a loop and passed on as it is: linked by its identity, as before.
            [Traced] public int Searched(string q, int turns)
            {
                var docs = new List<string>();
                for (var i = 0; i < turns; i++) docs = Search(q + i);
                return Count(docs);
            }

            // Given to the call that sets it again: that call's slot is opened anew before it records what it was given, and
            // its earlier result is found in the slot it replaced.
            public string Improving(string q, int turns)
            {
                var answer = Ask(q);
                for (var i = 0; i < turns; i++) answer = Judge(answer + "!");
                return answer;
            }

            [Traced] public string ImprovingFromNothing(string q, int turns)
            {
                var answer = "";
                for (var i = 0; i < turns; i++) answer = Judge(q + answer);
                return answer;
            }

            // Another call of the step runs before the read, in the step: which set the local last is not told by the calls.
            public string ImprovingWithMore(string q, int turns)
            {
                var answer = Ask(q);
                for (var i = 0; i < turns; i++) answer = Critique(q) + Judge(answer + "?");
                return answer;
            }

            // Read in the turn that set it: that turn's call, in any method.
            public string SameTurn(string q, int turns)
            {
                var reply = "";
                var judged = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Ask(q + i);
                    judged += Judge(reply + "!");
                }

                return judged;
            }

            // Read after the loop: the last turn's call.
            [Traced] public string AfterTheLoop(string q, int turns)
            {
                var reply = "";
                foreach (var i in Enumerable.Range(0, turns)) reply = Ask(q + i);
                return Judge(reply + ".");
            }

            public static string Run()
            {
                var agent = new Agent();
                Func<string, int, string> viaDelegate = agent.Refine;
                string Steps() =>
                    agent.Refine("a", 3) + agent.RefineAsync("b", 2).Result + agent.RefineUntraced("c", 2) + agent.RefineUntraced("c", 2) + agent.FromFirst("d", 2)
                    + agent.Skipping("e", 3) + agent.Recursive("f", 1) + agent.SameTurn("g", 2) + agent.AfterTheLoop("h", 2) + agent.AfterTheLoop("i", 0)
                    + viaDelegate("j", 2) + agent.RecursiveAsync("k", 1).Result + agent.Scored("l", 2) + agent.Searched("m", 2) + agent.Searched("n", 0) + agent.Improving("o", 2) + agent.ImprovingFromNothing("p", 2) + agent.ImprovingWithMore("r", 2);
                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var linked = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("ask") || n.Name.StartsWith("judge") || n.Name.StartsWith("count"))
                    .Select(n => n.Name + "<" + (n.Inputs.Single().Value is GlueNode glue ? string.Join("+", glue.Parents.Select(p => p.Name))
                        : n.Name.StartsWith("count") ? "=" + n.Inputs.Single().Value.GetType().Name + "(" + string.Join("+", n.Inputs.Single().Value.Parents.Select(p => p.Name)) + ")" : "-"));
                return untraced == traced ? string.Join(" ", linked) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void Glue_over_a_local_a_loop_sets_again_links_the_call_that_set_it_last()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Carried", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Carried.Agent", "Run")!;

        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            // Refine: the first turn has no critique yet; each later one the turn before's.
            "ask0<-", "ask1<critique0", "ask2<critique1",
            // RefineAsync: never claimed.
            "ask3<-", "ask4<-",
            // RefineUntraced, twice: never claimed, although its second run finds the first run's critiques.
            "ask5<-", "ask6<-", "ask7<-", "ask8<-",
            // FromFirst: the critique before the loop, then the turn before's.
            "ask9<critique9", "ask10<critique10",
            // Skipping: the turn after the skipped critique reads the one before it.
            "ask11<-", "ask12<critique12", "ask13<critique12",
            // Recursive: the inner call's first turn links nothing, its second its own critique; the outer call's second turn
            // links the outer critique, made before the inner call ran.
            "ask14<-", "ask15<-", "ask16<critique15", "judge0<-", "ask17<critique14",
            // SameTurn: each turn's own call; AfterTheLoop: the last turn's, and none when the loop never ran.
            "ask18<-", "judge1<ask18", "ask19<-", "judge2<ask19", "ask20<-", "ask21<-", "judge3<ask21", "judge4<-",
            // A traced method reached without its interceptor has no running call to tell its turns apart: nothing claimed.
            "ask22<-", "ask23<-",
            // RecursiveAsync: never claimed (the inner call's first turn would otherwise take the outer call's critique).
            "ask24<-", "ask25<-", "ask26<-", "ask27<-",
            // Scored: the last score; Searched: the last search's list itself, or the new empty list when the loop never ran.
            "judge5<score2", "count0<=CollectionNode(search1+searchItem0)", "count1<=InputNode()",
            // Improving: the draft, then the turn before's; from nothing: nothing, then the turn before's; with another call
            // in the step: never claimed.
            "ask28<-", "judge6<ask28", "judge7<judge6", "judge8<-", "judge9<judge8", "ask29<-", "judge10<-", "judge11<-",
        }));
    }
}
