namespace Trace.Generators.Tests;

/// <summary>
/// A local a null test decides a call by, set in branches before it: each run's decision is over the call whose result the
/// local held (the form OPTO017 asks for in place of <c>??=</c>, which the generator follows as a write).
/// </summary>
public class NullTestedLocalTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using Opto;

        namespace Routes;

        public class Agent
        {
            [Traced] public string? Summarize(string t) => t.Length > 1 ? null : t;
            [Traced] public string? Decide(string t) => t.Length > 2 ? null : t;
            [Traced] public string Classify(string p) => "C" + p;

            public string SetInBranches(string t, bool again)
            {
                var c = Summarize(t);
                if (again) c = Decide(t);
                if (c is null) c = Classify(t);
                return c;
            }

            public string Once(string t)
            {
                var c = Summarize(t);
                if (c == null) c = Classify(t);
                return c;
            }

            public static string Run()
            {
                var agent = new Agent();
                using var scope = TraceScope.Begin();
                agent.SetInBranches("abc", true);
                agent.SetInBranches("abc", false);
                agent.Once("abc");
                return string.Join(" ", scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Classify")
                    .Select(n => n.Name + "<" + (n.Decision is null ? "-" : string.Join("+", n.Decision.Parents.Select(p => p.Name))) + ">"));
            }
        }
        """;

    [Test]
    public void A_null_test_of_a_local_set_in_branches_decides_the_call_by_the_result_it_held()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Routes", null, Source));
        generated.AssertClean();
        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Routes.Agent", "Run")!;
        Assert.That(output, Is.EqualTo("classify0<decide0> classify1<summarize1> classify2<summarize2>"));
    }
}
