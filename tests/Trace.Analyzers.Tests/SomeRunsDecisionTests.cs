using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// A condition over a result that decides whether a call runs, but is not tested once before each of its runs (in a loop
/// before it, after it in the loop's previous step, on some paths only): no single result decided the call, so none is
/// linked, and the analyzer says so.
/// </summary>
public class SomeRunsDecisionTests
{
    private const string Agent = """
        using System;
        using System.Collections.Generic;
        using Opto;

        public partial class Agent
        {
            [Traced] public string Decide(string t) => t;
            [Traced] public string Classify(string p) => p;
            [Traced] public bool AnyBad(IEnumerable<string> xs) => false;
        }
        """;

    private const string InLoop = "it is tested in a loop before the call, once per step, and every step's test decided that the call runs; test it once, through a [Traced] method that runs the loop (if (AnyFails(items)) return ...)";
    private const string AfterInLoop = "it is tested after the call, in the step of the loop before (a do's condition, or a test that leaves the loop later in its body), and not at all before the first run; test it at the top of the loop (while (...))";
    private const string SomePaths = "it is tested before the call on some paths only (in a branch of another condition, or the guard of an earlier arm); test it where every path to the call passes";

    private const string AtInvocation = "it is tested where the local function or lambda the call is in is invoked, and no flow follows a result into a function that runs where it is invoked; test it in that function, or make the call where it is invoked";

    private const string ByThrow = "it is tested in the try block, where the throw it decides runs the catch, but so does any other throw there; handle it in the branch that throws, instead of throwing";

    private static string Because(string why) => "a condition that decides whether the call runs reads it, and " + why;

    [Test]
    public Task OPTO017_a_guard_tested_in_a_loop_before_the_call() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string? Foreach(string[] xs, string t)
            {
                foreach (var x in xs)
                {
                    if ({|#0:Decide(x) == "bad"|}) return null;
                }

                return Classify(t);
            }

            public string? UntilBreak(string t)
            {
                while (true)
                {
                    if ({|#1:Decide(t) == "ok"|}) break;
                    return null;
                }

                return Classify(t);
            }

            public string? GotoOut(string[] xs, string t)
            {
                for (var i = 0; i < xs.Length; i++)
                {
                    var verdict = Decide(xs[i]);
                    if ({|#2:verdict.StartsWith("bad")|}) goto refused;
                }

                return Classify(t);
            refused:
                return null;
            }

            public string? BranchLeavesTheLoopOnly(string[] xs, string t)
            {
                foreach (var x in xs)
                {
                    if (x.Length > 1)
                    {
                        if ({|#3:Decide(x) == "bad"|}) return null;
                        break;
                    }
                }

                return Classify(t);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", Because(InLoop)),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", Because(InLoop)),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify", Because(InLoop)),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify", Because(InLoop)));

    [Test]
    public Task OPTO017_a_test_after_the_call_in_its_loop() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string DoWhile(string d)
            {
                do d = Classify(d);
                while ({|#0:Decide(d) != "ok"|});
                return d;
            }

            public string LeavesLater(string d)
            {
                while (true)
                {
                    d = Classify(d);
                    if ({|#1:Decide(d) == "ok"|}) break;
                }

                return d;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", Because(AfterInLoop)),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", Because(AfterInLoop)));

    [Test]
    public Task OPTO017_a_guard_on_some_paths_before_the_call() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Nested(string t, bool strict)
            {
                if (strict)
                {
                    if ({|#0:Decide(t) == "x"|}) return t;
                }

                return Classify(t);
            }

            public string EarlierArm(string t) => t.Length switch
            {
                > 3 when {|#1:Decide(t) == "x"|} => t,
                _ => Classify(t),
            };

            public string? EarlierCase(string t)
            {
                switch (t.Length)
                {
                    case > 3 when {|#2:Decide(t) == "x"|}:
                        return null;
                    default:
                        return Classify(t);
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", Because(SomePaths)),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", Because(SomePaths)),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify", Because(SomePaths)));

    [Test]
    public Task OPTO017_a_guard_around_the_invocation_of_a_local_function_or_kept_lambda_the_call_is_in() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string? LocalFunction(string t)
            {
                if ({|#0:Decide(t) == "bad"|}) return null;
                return Act();

                string Act() => Classify(t);
            }

            public string? KeptLambda(string t)
            {
                System.Func<string> act = () => Classify(t);
                if ({|#1:Decide(t) == "bad"|}) return null;
                return act();
            }

            public string? Recursive(string t, int n)
            {
                return Again(n);

                string? Again(int left) => left == 0 ? Classify(t) : Decide(t) == "bad" ? null : Again(left - 1);
            }

            public string? GuardInside(string t)
            {
                return Act();

                string? Act()
                {
                    if (Decide(t) == "bad") return null;
                    return Classify(t);
                }
            }

            public System.Func<string> HandedOn(string t)
            {
                if (Decide(t) == "bad") return () => "";
                return Act;

                string Act() => Classify(t);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", Because(AtInvocation)),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", Because(AtInvocation)));

    [Test]
    public Task OPTO017_a_test_in_a_try_block_whose_branch_throws_into_the_catch() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Validated(string t)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        var reply = Decide(t);
                        if ({|#0:reply.Length == 0|}) throw new System.FormatException("empty");
                        return reply;
                    }
                    {|#40:catch|} (System.FormatException)
                    {
                        t = Classify(t);
                    }
                }

                return t;
            }

            public string ThrowExpression(string t)
            {
                try
                {
                    return {|#1:Decide(t)|} ?? throw new System.InvalidOperationException();
                }
                {|#41:catch|} (System.InvalidOperationException)
                {
                    return Classify(t);
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", Because(ByThrow)),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", Because(ByThrow)),
        Verify.Diagnostic("OPTO017").WithLocation(40).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, and so may a throw of the code after it in the try block, which no edge follows; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), and handle its result after the try"),
        Verify.Diagnostic("OPTO017").WithLocation(41).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, as a throw of other code in the try block does, and no edge says which one threw; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), with arguments that cannot throw"));

    [Test]
    public Task OPTO017_a_framework_guard_tested_in_a_loop_before_the_call_or_throwing_into_its_catch() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string EachChecked(string[] xs, string t)
            {
                foreach (var x in xs) {|#0:System.ArgumentException.ThrowIfNullOrWhiteSpace(Decide(x))|};
                return Classify(t);
            }

            public string Caught(string t)
            {
                try
                {
                    var reply = Decide(t);
                    {|#1:System.ArgumentException.ThrowIfNullOrEmpty(reply)|};
                    return reply;
                }
                {|#40:catch|} (System.ArgumentNullException)
                {
                    return Classify(t);
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", Because(InLoop)),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", Because(ByThrow)),
        Verify.Diagnostic("OPTO017").WithLocation(40).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, and so may a throw of the code after it in the try block, which no edge follows; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), and handle its result after the try"));

    [Test]
    public Task A_framework_guard_before_every_run_or_throwing_past_the_catch_is_not_reported() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Required(string t, object owner)
            {
                var reply = Decide(t);
                System.ArgumentException.ThrowIfNullOrWhiteSpace(reply);
                System.ArgumentOutOfRangeException.ThrowIfGreaterThan(reply.Length, 100);
                System.ObjectDisposedException.ThrowIf(reply == "closed", owner);
                return Classify(t);
            }

            public string NotCaughtThere(string t)
            {
                try
                {
                    var reply = Decide(t);
                    System.ArgumentException.ThrowIfNullOrEmpty(reply);
                    return reply;
                }
                {|#40:catch|} (System.FormatException)
                {
                    return Classify(t);
                }
            }

            public string NotThrownThere(string t)
            {
                try
                {
                    var reply = Decide(t);
                    System.ArgumentException.ThrowIfNullOrEmpty(reply);
                    return reply;
                }
                {|#41:catch|} (System.ArgumentOutOfRangeException)
                {
                    return Classify(t);
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(40).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, and so may a throw of the code after it in the try block, which no edge follows; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), and handle its result after the try"),
        Verify.Diagnostic("OPTO017").WithLocation(41).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, and so may a throw of the code after it in the try block, which no edge follows; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), and handle its result after the try"));

    [Test]
    public Task A_condition_tested_once_before_every_run_is_not_reported() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string? LeftOfAGuard(string t)
            {
                if (Decide(t) == "x" && t.Length > 2) return t;
                return Classify(t);
            }

            public string AtTheTop(string d)
            {
                while (Decide(d) != "ok") d = Classify(d);
                return d;
            }

            public void SkippedInTheBody(string[] xs)
            {
                foreach (var x in xs)
                {
                    if (Decide(x) == "skip") continue;
                    Classify(x);
                }
            }

            public string? OneTracedVerdict(string[] xs, string t)
            {
                if (AnyBad(xs)) return null;
                return Classify(t);
            }

            public string? LoopThatDecidesNothing(string[] xs, string t)
            {
                foreach (var x in xs)
                {
                    if (x.Length > 3) return null;
                }

                return Classify(t);
            }

            public string? InABranchThatReturns(string[] xs, string t, bool each)
            {
                if (each)
                {
                    foreach (var x in xs)
                    {
                        if (Decide(x) == "bad") return null;
                    }

                    return t;
                }

                return Classify(t);
            }

            public bool OwnConditionInTheLoop(string a, string b)
            {
                for (var i = 0; i < a.Length; i++)
                {
                    if (Classify(a[i].ToString()) != Classify(b[i].ToString())) return false;
                }

                return true;
            }

            public string? TestThatLeavesNothing(string[] xs, string t, int k)
            {
                foreach (var x in xs)
                {
                    System.Console.WriteLine(Decide(x) == "spam" ? "S" : "H");
                    if (x.Length > 1000) return null;
                }

                switch (k)
                {
                    case 1:
                        if (Decide(t) == "x") System.Console.WriteLine();
                        return null;
                }

                return Classify(t);
            }

            public string? EarlierCaseThatAlwaysMatches(string t)
            {
                switch (t.Length)
                {
                    case var _ when Decide(t) == "x":
                        return null;
                    default:
                        return Classify(t);
                }
            }

            public string ThrowsAnotherType(string t)
            {
                try
                {
                    if (Decide(t) == "x") throw new System.InvalidOperationException();
                    return t;
                }
                {|#40:catch|} (System.FormatException)
                {
                    return Classify(t);
                }
            }

            public string CaughtInside(string t)
            {
                try
                {
                    try
                    {
                        if (Decide(t) == "x") throw new System.FormatException();
                    }
                    catch (System.FormatException)
                    {
                    }

                    return t.Substring(1);
                }
                // Not the test, but a throw of the call itself, which no edge says ran this catch (another throw of the try
                // block may have): reported as such, though the inner catch takes what this one would.
                {|#0:catch|} (System.FormatException)
                {
                    return Classify(t);
                }
            }

            public string ThrownByOtherCode(string t)
            {
                try
                {
                    if (Decide(t) == "x") t = t.Trim();
                    return t.Substring(3);
                }
                {|#41:catch|} (System.ArgumentException)
                {
                    return Classify(t);
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify",
            "its throw runs the catch the call is in, as a throw of other code in the try block does, and no edge says which one threw; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), with arguments that cannot throw"),
        Verify.Diagnostic("OPTO017").WithLocation(40).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, as a throw of other code in the try block does, and no edge says which one threw; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), with arguments that cannot throw"),
        Verify.Diagnostic("OPTO017").WithLocation(41).WithArguments("Decide", "Classify", "its throw runs the catch the call is in, as a throw of other code in the try block does, and no edge says which one threw; make the try block the call's statement alone (try { reply = Ask(q); } catch ...), with arguments that cannot throw"));
}
