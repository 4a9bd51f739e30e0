namespace Trace.Generators.Tests;

/// <summary>
/// A method neither async nor traced that runs code of the user's (a delegate, a virtual call) could be called again by that
/// code, whose calls would then be the latest in the flow. Code that runs only after the read changes nothing of the flow,
/// which is claimed; code before the read leaves it unclaimed, even before the producer (it may hand the framework a handler
/// that code found inert then runs between the producer and the read). Each case re-enters the method from that code, so a
/// wrong link would show the inner call's value.
/// </summary>
public class UserCodeWindowTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using Opto;

        namespace Window;

        public class Agent
        {
            [Traced] public int Make(int i) => i * 10;
            [Traced] public int Twice(int x) => x * 2;
            [Traced] public string Summarize(string t) => "S:" + t;
            [Traced] public string Answer(string t) => "A(" + t + ")";

            // Code of the user's after the read: it re-enters the method, whose inner flow is its own.
            public int After(int i, Action<int> then)
            {
                var v = Make(i);
                var a = Twice(v);
                then(i - 1);
                return a;
            }

            // Before the producer: not claimed (see Hooked).
            public string Before(string t, Action<string> first)
            {
                first(t + "'");
                var s = Summarize(t);
                return Answer(s + "!");
            }

            // Between the producer and the read: the inner activation's call would be the latest one; not claimed.
            public int Between(int i, Action<int> between)
            {
                var v = Make(i);
                between(i - 1);
                return Twice(v);
            }

            // In the read's own statement, before the read: not claimed.
            public int InTheRead(int i, Func<int, int> other) => Twice(Make(i)) + other(i - 1);

            // In a loop that holds the producer and the read: it runs between them from the second turn on; not claimed.
            public int Looped(int i, Action<int> each)
            {
                var total = 0;
                for (var k = 0; k < 2; k++)
                {
                    var v = Make(i + k);
                    total += Twice(v);
                    each(i - 1);
                }

                return total;
            }

            // A handler subscribed before the producer, raised by the runtime between the producer and the read: not claimed.
            public string Hooked(string t, EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> handler)
            {
                AppDomain.CurrentDomain.FirstChanceException += handler;
                var s = Summarize(t);
                try { throw new InvalidOperationException(t); } catch (InvalidOperationException) { }
                AppDomain.CurrentDomain.FirstChanceException -= handler;
                return Answer(s + "!");
            }

            // In a lambda the method calls later: what the lambda runs is judged where it is called, so not claimed.
            public int Deferred(int i, Action<int> inner)
            {
                Action later = () => inner(i - 1);
                var v = Make(i);
                later();
                return Twice(v);
            }

            public static string Run()
            {
                var agent = new Agent();
                string Steps()
                {
                    Action<int> reenterAfter = n => { if (n > 0) agent.After(n, _ => { }); };
                    Action<string> reenterBefore = t => { if (t.Length < 3) agent.Before(t, _ => { }); };
                    Action<int> reenterBetween = n => { if (n > 0) agent.Between(n, _ => { }); };
                    Func<int, int> reenterRead = n => n > 0 ? agent.InTheRead(n, _ => 0) : 0;
                    Action<int> reenterLoop = n => { if (n > 0) agent.Looped(n, _ => { }); };
                    Action<int> reenterDeferred = n => { if (n > 0) agent.Deferred(n, _ => { }); };
                    EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> reenterHooked = (_, e) => { if (e.Exception.Message == "y") agent.Hooked("inner", (_, _) => { }); };
                    return string.Join(",", agent.After(2, reenterAfter), agent.Before("x", reenterBefore), agent.Between(2, reenterBetween),
                        agent.InTheRead(2, reenterRead), agent.Looped(2, reenterLoop), agent.Deferred(2, reenterDeferred), agent.Hooked("y", reenterHooked));
                }

                var untraced = Steps();
                using var scope = TraceScope.Begin();
                var traced = Steps();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("twice") || n.Name.StartsWith("answer"))
                    .Select(n => n.Inputs.Single().Value)
                    .Select(input => input is GlueNode glue ? string.Join("+", glue.Parents.Select(p => $"{p.Name}({p.Value})").DefaultIfEmpty("-")) : $"{input.Name}({input.Value})");
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void A_flow_is_claimed_where_code_of_the_user_s_runs_only_after_its_read()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Window", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Window.Agent", "Run")!;

        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            // After: each activation's Twice is given its own Make, the outer one's first.
            "make0(20)", "make1(10)",
            // Before: not claimed.
            "t1(S:x'!)", "t3(S:x!)",
            // Between: not claimed; the outer Twice would otherwise have linked the inner Make(1).
            "x0(10)", "x1(20)",
            // In the read's statement: the result passed straight in is handed over by the call itself, before `other` runs.
            "make4(20)", "make5(10)",
            // In a loop around the producer and the read: not claimed (the inner activation runs at each turn).
            "x2(20)", "x3(10)", "x4(20)", "x5(30)", "x6(10)", "x7(20)",
            // In a lambda the method calls between them: not claimed.
            "x8(10)", "x9(20)",
            // A handler subscribed before, raised between: not claimed (claimed, the outer Answer would link the inner Summarize).
            "t6(S:inner!)", "t7(S:y!)",
        }));
    }
}
