using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

// A delegate invoked here returns what the lambdas it may be return: a local set to more than one, a lambda's parameter given
// a collection of them (`fs.Select(f => f())`). No edge crosses a delegate, so a result changed on the way back is lost.
public class InvokedLambdaTests
{
    [Test]
    public Task OPTO017_follows_results_out_of_lambdas_invoked_through_a_local_a_parameter_or_a_collection() => Verify.Analyze("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public sealed record Draft(string Text, int Score);

        public class Agent
        {
            [Traced] public Draft Write(string q) => new(q, q.Length);
            [Traced] public string Answer(string r) => r;

            public string SetTwice(string x)
            {
                Func<Draft> f = () => Write(x);
                f = () => Write(x + "22");
                var d = f();
                return Answer({|#0:d.Text + "!"|});
            }

            public string OfAnArray(string x)
            {
                var all = new Func<Draft>[] { () => Write(x), () => Write(x + "22") }.Select(f => f()).ToArray();
                return Answer({|#1:all.MaxBy(d => d.Score)!.Text + "!"|});
            }

            public string OfAList(string x)
            {
                var makers = new List<Func<Draft>> { () => Write(x) };
                var all = makers.Select(f => f()).ToList();
                return Answer({|#2:all[0].Text + "!"|});
            }

            public string OfACollectionExpression(string x)
            {
                Func<Draft>[] makers = [() => Write(x)];
                return Answer({|#3:makers.Select(f => f()).First().Text + "!"|});
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Write", "Answer", Crosses));

    private const string Crosses = "it crosses into or out of a lambda or local function";
}
