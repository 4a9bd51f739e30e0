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

            public string Chosen(string x, bool c)
            {
                Func<Draft> f = c ? () => Write(x) : () => Write(x + "1");
                return Answer({|#4:f().Text + "!"|});
            }

            public string Indexed(string x)
            {
                var makers = new Dictionary<string, Func<Draft>> { ["a"] = () => Write(x) };
                var list = new Func<Draft>[] { () => Write(x) };
                return Answer({|#5:makers["a"]().Text + "!"|}) + Answer({|#6:list[0]().Text + "!"|});
            }

            public string Looped(string x)
            {
                var makers = new List<Func<Draft>>();
                makers.Add(() => Write(x));
                var r = "";
                foreach (var f in makers) r += Answer({|#7:f().Text + "!"|});
                return r + Answer({|#8:makers.First()().Text + "!"|});
            }

            public string Nested(string x)
            {
                Func<Func<Draft>> make = () => () => Write(x);
                Func<Draft>? maybe = () => Write(x);
                return Answer({|#9:make()().Text + "!"|}) + Answer({|#10:maybe?.Invoke().Text + "!"|});
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Write", "Answer", "it is evaluated only when a value is not null (?.)"),
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Write", "Answer", Crosses));

    private const string Crosses = "it crosses into or out of a lambda or local function";
}
