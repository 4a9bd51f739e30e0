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

    [Test]
    public Task OPTO017_follows_delegates_kept_in_fields_properties_objects_and_tuples_or_made_elsewhere() => Verify.Analyze("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public sealed record Draft(string Text, int Score);
        public sealed class Holder { public Func<Draft>? Make; public Func<string, Draft>? MakeFor { get; set; } }

        public class Agent
        {
            private Func<Draft>? _next;
            private readonly Func<string, Draft> _writer;
            private static Func<Agent, string, Draft>? s_writer;
            private Func<Draft>? Later { get; set; }

            public Agent() { _writer = s => Write(s); s_writer ??= (a, s) => a.Write(s); }

            [Traced] public Draft Write(string q) => new(q, q.Length);
            [Traced] public string Answer(string r) => r;
            [Traced] public string Keep(Draft d) => d.Text;

            private Func<Draft> Maker(string x) => () => Write(x);
            private string Use(Func<Draft> make) => Answer(make().Text + "!");
            private string UseMaybe(Func<Draft>? make) => Answer(make?.Invoke().Text + "!");
            private string Keeps(Func<Draft> make) => Answer(new Holder { Make = make }.ToString()!);
            private string KeepsMade(Func<Draft> make) => Keep(make());

            public string Field(string x) { _next = () => Write(x); return Answer({|#0:_next().Text + "!"|}); }
            public string SetInTheConstructor(string x) => Answer({|#1:_writer(x).Text + "!"|});
            public string Static(string x) => Answer({|#2:s_writer!(this, x).Text + "!"|});
            public string Property(string x) { Later = () => Write(x); return Answer({|#3:Later().Text + "!"|}); }
            public string OfAnObject(string x) { var h = new Holder { Make = () => Write(x) }; h.MakeFor = s => Write(s); return Answer({|#4:h.Make!().Text + "!"|}) + Answer({|#5:h.MakeFor(x).Text + "!"|}); }
            public string Item(string x) { var t = (Make: (Func<Draft>)(() => Write(x)), N: 1); return Answer({|#6:t.Make().Text + "!"|}); }
            public string Selected(string x) { Func<string, Draft> f = s => Write(s); return Answer({|#7:new[] { x }.Select(f).Last().Text + "!"|}); }
            public string LocalFunction(string x) { Draft Make(string s) => Write(s); return Answer({|#8:new[] { x }.Select(Make).Last().Text + "!"|}); }
            public string Returned(string x) => Answer({|#9:Maker(x)().Text + "!"|});
            public string Given(string x) => Use({|#10:() => Write(x)|}) + UseMaybe({|#11:() => Write(x)|});
            // Handed on uninvoked, the lambda reaches the call as a delegate: no result does.
            public string HandedOn(string x) => Keeps(() => Write(x));
            // Invoked and handed straight to a traced call, the result keeps its identity; glue the lambda made of it does not.
            public string Straight(string x) => KeepsMade(() => Write(x)) + KeepsMade({|#12:() => Write(x) with { Score = 0 }|});

            // Linked: the result as it is keeps its identity, however the delegate was kept.
            public string AsItIs(string x) { _next = () => Write(x); Func<string, Draft> f = s => Write(s); return Keep(_next()) + Keep(new[] { x }.Select(f).Last()); }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Write", "Answer", Crosses),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Write", "Answer", "it is passed to 'Use', which is not traced and passes it on changed to 'Answer'; make 'Use' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(11).WithArguments("Write", "Answer", "it is passed to 'UseMaybe', which is not traced and passes it on changed to 'Answer'; make 'UseMaybe' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(12).WithArguments("Write", "Keep", "it is passed to 'KeepsMade', which is not traced and passes it on changed to 'Keep'; make 'KeepsMade' [Traced]"));

    private const string Crosses = "it crosses into or out of a lambda or local function";
}
