using Opto.Analyzers.CodeFixes;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.MethodGroupAnalyzer>;

namespace Trace.Analyzers.Tests;

public class MethodGroupTests
{
    private const string Agent = """
        using System;
        using System.Linq;
        using Opto;

        public class Agent
        {
            [Traced] public string Reply(string customer) => customer;
            [Traced] public int Sum(int a, int b) => a + b;
            public string Plain(string text) => text;
        }

        """;

    private const string Lambda = "use a lambda that calls it";

    [Test]
    public Task OPTO003_method_groups_of_traced_methods() => Verify.Analyze(Agent + """
        public static class Use
        {
            public static void Run(Agent agent)
            {
                Func<string, string> reply = {|#0:agent.Reply|};
                var all = new[] { "a" }.Select({|#1:agent.Reply|}).ToList();
                Func<int, int, int> sum = {|#2:agent.Sum|};
            }
        }
        """,
        Verify.Diagnostic("OPTO003").WithLocation(0).WithArguments("Agent.Reply", Lambda),
        Verify.Diagnostic("OPTO003").WithLocation(1).WithArguments("Agent.Reply", Lambda),
        Verify.Diagnostic("OPTO003").WithLocation(2).WithArguments("Agent.Sum", Lambda));

    [Test]
    public Task OPTO003_says_when_the_lambda_s_call_could_not_be_traced_either() => Verify.Analyze("""
        using System;
        using Opto;

        public static class H
        {
            public static readonly Func<int, int> F = {|#0:Twice|};
            public static readonly Func<int, int> G = {|#1:Thrice|};
            public static readonly Func<int, int> I = {|#2:Same<int>|};

            [Traced] private static int Twice(int x) => 2 * x;
            [Traced] internal static int Thrice(int x) => 3 * x;
            [Traced] private static T Same<T>(T x) => x;
        }

        public class Box<T>
        {
            private Func<T, T> _keep;

            public Box() => _keep = {|#3:Keep|};

            [Traced] private T Keep(T x) => x;
        }

        public class Plain
        {
            private Func<int, int> _keep;

            public Plain() => _keep = {|#4:Keep|};

            [Traced] private int Keep(int x) => x;
        }

        public class Holder
        {
            private class Secret
            {
                [Traced] public int Keep(int x) => x;
            }

            public static Func<int, int> Make() => {|#5:new Secret().Keep|};

            public static Func<int, int> Crated(Crate<int> crate) => {|#6:crate.Open|};

            private class Hidden { }

            public static Delegate Opener() => {|#7:new Crate<Hidden>().Open|};
        }

        public class Crate<T>
        {
            [Traced] internal T Open(T x) => x;
        }
        """,
        // From .NET 10 on, an accessor reaches private static methods of static classes.
        Verify.Diagnostic("OPTO003").WithLocation(0).WithArguments("H.Twice", Lambda),
        Verify.Diagnostic("OPTO003").WithLocation(1).WithArguments("H.Thrice", Lambda),
        Verify.Diagnostic("OPTO003").WithLocation(2).WithArguments("H.Same", Lambda),
        // Inside Box<T> a generic interceptor takes the lambda's call, through an accessor as generic as Box<T>.
        Verify.Diagnostic("OPTO003").WithLocation(3).WithArguments("Box.Keep", Lambda),
        Verify.Diagnostic("OPTO003").WithLocation(4).WithArguments("Plain.Keep", Lambda),
        Verify.Diagnostic("OPTO003").WithLocation(5).WithArguments("Secret.Keep",
            "use a lambda that calls it, but that call would not be traced either: generated code cannot name the type Holder.Secret (private or protected); make it internal"),
        Verify.Diagnostic("OPTO003").WithLocation(6).WithArguments("Crate.Open", Lambda),
        // A private type argument: a generic interceptor takes the lambda's call.
        Verify.Diagnostic("OPTO003").WithLocation(7).WithArguments("Crate.Open", Lambda));

    [Test]
    public Task OPTO003_does_not_advise_a_lambda_for_a_method_no_call_of_which_is_traced() => Verify.Analyze("""
        using System;
        using Opto;

        public class Counter
        {
            [Traced] public void Bump(ref int value) => value++;
        }

        public delegate void Bumper(ref int value);

        public abstract class Shape
        {
            [Traced] public abstract string Describe();
        }

        public static class Use
        {
            public static Bumper Make(Counter counter) => {|#0:counter.Bump|};

            public static Func<string> Describer(Shape shape) => {|#1:shape.Describe|};
        }
        """,
        Verify.Diagnostic("OPTO003").WithLocation(0).WithArguments("Counter.Bump",
            "no direct call of it is traced either (parameter 'value' is a value type passed by reference (ref), and a value the call sets there cannot be linked to it; return it instead)"),
        Verify.Diagnostic("OPTO003").WithLocation(1).WithArguments("Shape.Describe", Lambda));

    [Test]
    public Task OPTO003_does_not_advise_changing_a_library_s_method() => Verify.AnalyzeWithLibrary(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, """
        using Opto;

        public class LBase<T>
        {
            [Traced] protected int Q(int x) => x;
        }
        """,
        """
        using System;

        public class D : LBase<int>
        {
            public Func<int, int> A => {|#0:Q|};
        }
        """,
        Verify.Diagnostic("OPTO003").WithLocation(0).WithArguments("LBase.Q", Lambda));

    [Test]
    public Task OPTO003_not_reported_for_lambdas_calls_and_untraced_methods() => Verify.Analyze(Agent + """
        public static class Use
        {
            public static void Run(Agent agent)
            {
                Func<string, string> reply = customer => agent.Reply(customer);
                Func<string, string> plain = agent.Plain;
                var text = agent.Reply("x");
                var name = nameof(agent.Reply);
            }
        }
        """);

    [Test]
    public Task OPTO003_fix_calls_the_method_from_a_lambda_everywhere() => Verify.Fix<LambdaForMethodGroupFix>(Agent + """
        public static class Use
        {
            public static void Run(Agent agent)
            {
                Func<string, string> reply = {|OPTO003:agent.Reply|};
                var all = new[] { "a" }.Select({|OPTO003:agent.Reply|}).ToList();
                Func<int, int, int> sum = {|OPTO003:agent.Sum|};
            }
        }
        """, Agent + """
        public static class Use
        {
            public static void Run(Agent agent)
            {
                Func<string, string> reply = customer => agent.Reply(customer);
                var all = new[] { "a" }.Select(customer => agent.Reply(customer)).ToList();
                Func<int, int, int> sum = (a, b) => agent.Sum(a, b);
            }
        }
        """);

    [Test]
    public Task OPTO003_fix_types_the_lambda_where_needed_escapes_keywords_and_avoids_the_receivers_name() => Verify.Fix<LambdaForMethodGroupFix>("""
        using System;
        using Opto;

        public delegate void Bumper(ref int value);

        public class Agent
        {
            [Traced] public string Ask(string agent) => agent;
            [Traced] public string Tag(string @class) => @class;
            [Traced] public void Bump(ref int value) => value++;
        }

        public static class Use
        {
            public static void Run(Agent agent)
            {
                var ask = {|OPTO003:agent.Ask|};
                Func<string, string> tag = {|OPTO003:agent.Tag|};
                Bumper bump = {|OPTO003:agent.Bump|};
            }
        }
        """, """
        using System;
        using Opto;

        public delegate void Bumper(ref int value);

        public class Agent
        {
            [Traced] public string Ask(string agent) => agent;
            [Traced] public string Tag(string @class) => @class;
            [Traced] public void Bump(ref int value) => value++;
        }

        public static class Use
        {
            public static void Run(Agent agent)
            {
                var ask = (string agent1) => agent.Ask(agent1);
                Func<string, string> tag = @class => agent.Tag(@class);
                Bumper bump = (ref int value) => agent.Bump(ref value);
            }
        }
        """);
}
