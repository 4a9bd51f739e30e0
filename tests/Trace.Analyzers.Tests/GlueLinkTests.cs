using Opto.Analyzers.CodeFixes;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

public class GlueLinkTests
{
    private const string Agent = """
        using System;
        using System.Collections.Generic;
        using Opto;

        public partial class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Decide(string t) => t;
            [Traced] public string Classify(string p) => p;
        }
        """;

    [Test]
    public Task A_value_read_from_a_traced_tuple_of_values_only_is_not_linked_and_the_analysis_does_not_fail() => Verify.Analyze("""
        using System;
        using Opto;

        static class Fractions
        {
            [Traced] static (long Num, long Den) ToFraction(long value) => (value, 1);
            [Traced] static long Abs(long x) => Math.Abs(x);
            public static long Limit(long input) { var value = ToFraction(input); return Abs(value.Num); }
        }
        """);

    [Test]
    public Task OPTO017_is_reported_once_per_call_when_the_same_result_is_both_its_object_and_an_argument() => Verify.Analyze("""
        using Opto;

        public readonly struct Size
        {
            public Size(int w) => W = w;
            public int W { get; }
            [Traced] public Size Add(Size other) => new(W + other.W);
            [Traced] public static Size Make(int w) => new(w);
        }

        public static class Layout
        {
            public static Size Twice(bool wide)
            {
                var size = wide ? Size.Make(2) : new Size(1);
                return size.Add({|#0:size|});
            }

            public static Size Other(bool wide)
            {
                var size = wide ? Size.Make(2) : new Size(1);
                var other = wide ? Size.Make(4) : new Size(3);
                return {|#1:size|}.Add({|#2:other|});
            }
        }
        """, interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Make", "Add", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Make", "Add", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Make", "Add", "it is chosen by a condition"));

    [Test]
    public Task No_diagnostic_for_glue_in_a_synchronous_method_whose_only_other_code_is_a_UTF8_literal() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Sized(string t)
            {
                var s = Summarize(t);
                if (s.Length != "é"u8.Length) return Classify(t);
                return Classify(s + "é"u8.Length);
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_a_result_read_by_a_condition_that_decides_a_call_where_the_compiler_cannot_prove_which() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            private string _label = "";

            public string Linked(string t)
            {
                if (Summarize(t) == "x") return Classify(t);
                var s = Decide(t);
                while (Summarize(s) != "ok") s = Classify(s);
                return s.Length > 3 ? Classify(t) : t;
            }

            public string BothRan(string t) => Summarize(t) == "a" && Decide(t) == "b" ? Classify(t) : t;

            public string MayNotRun(string t, bool check)
            {
                if ({|#0:check && Summarize(t) == "x"|}) return t;
                return Classify(t);
            }

            public string ThroughField(string t)
            {
                _label = Summarize(t);
                if ({|#1:_label == "x"|}) return Classify(t);
                return t;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "a condition that decides whether the call runs reads it, and it is evaluated only on some paths (&& or ||)"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "a condition that decides whether the call runs reads it, and it is kept in the field '_label'; pass it through a local or an argument"));

    [Test]
    public Task OPTO017_a_result_tested_for_null_or_switched_on_through_glue_the_compiler_cannot_prove() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            private string _label = "";

            public string Linked(string t)
            {
                var cached = Summarize(t)?.Trim() ?? Classify(t);
                switch (Decide(t).ToUpperInvariant())
                {
                    case "A": return Classify(cached);
                }

                return Decide(t).Trim() switch { "b" => Classify(t), _ => t };
            }

            public string SetInBranches(string t, bool again)
            {
                var c = Summarize(t);
                if (again) c = Decide(t);
                {|#2:c|} ??= Classify(t);
                return c;
            }

            public string ByReference(string t)
            {
                var c = Summarize(t);
                Touch(ref c);
                {|#3:c|} ??= Classify(t);
                return c;
            }

            private static void Touch(ref string c) { }

            public string Rewritten(string t, bool again)
            {
                var c = Summarize(t);
                if (again) c = Decide(t);
                if (c is null) c = Classify(t);
                return c;
            }

            public string Coalesced(string t)
            {
                _label = Decide(t);
                return {|#0:_label?.Trim()|} ?? Classify(t);
            }

            public string ThroughField(string t)
            {
                _label = Decide(t);
                switch ({|#1:_label.Trim()|})
                {
                    case "x": return Classify(t);
                    default: return t;
                }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "a condition that decides whether the call runs reads it, and it is kept in the field '_label'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "a condition that decides whether the call runs reads it, and it is kept in the field '_label'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", CoalescedLocal),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify", CoalescedLocal),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", "a condition that decides whether the call runs reads it, and 'c' is assigned more than once, so which call's result it holds is decided at run time"));

    // Before, a local tested by `??=` was silent: its result, unchanged, was taken for linked by its identity, which links no decision.
    private const string CoalescedLocal = "a condition that decides whether the call runs reads it, and 'c' is tested by ??=, which is followed as a write, not back to what 'c' held; write it as if (c is null) c = ...";

    [Test]
    public Task OPTO017_a_filters_predicate_that_the_code_before_the_call_it_decides_could_run_again() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            [Traced] public bool IsRelevant(string d) => d.Length > 0;

            public Action? Hook { get; set; }

            public List<string> Linked(string[] docs)
            {
                foreach (var d in docs.Where(d => IsRelevant(d))) Classify(d);
                return docs.Where(d => d.Length > 1).TakeWhile(d => IsRelevant(d) && Decide(d) == "y").Select(d => Summarize(d)).ToList();
            }

            public List<string> HookFirst(string[] docs) => docs.Where(d => {|#0:IsRelevant(d)|}).Select(d =>
            {
                Hook?.Invoke();
                return Summarize(d);
            }).ToList();

            public void Held(string[] docs)
            {
                var relevant = docs.Where(d => IsRelevant(d));
                foreach (var d in relevant) Classify(d);
            }

            public List<string> HeldThenHookFirst(string[] docs)
            {
                var relevant = docs.Where(d => {|#1:IsRelevant(d)|});
                return relevant.Select(d =>
                {
                    Hook?.Invoke();
                    return Summarize(d);
                }).ToList();
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("IsRelevant", "Summarize", HookRerun),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("IsRelevant", "Summarize", HookRerun));

    private const string HookRerun = "a condition that decides whether the call runs reads it, and the lambda is neither async nor a traced method, and runs other code of yours that could call it again before the value is used (here: Hook?.Invoke()); make it async, or move its code into a [Traced] method";

    [Test]
    public Task OPTO017_paths_the_generator_cannot_prove() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;

        public partial class Agent
        {
            private string _last = "";

            public string Branch(string t, bool fast)
            {
                var text = fast ? Summarize(t) : t.Length > 3 ? Decide(t) : t;
                return Classify({|#0:text.Trim()|});
            }

            public string Reassigned(IEnumerable<string> tickets)
            {
                var best = "";
                foreach (var t in tickets) { var s = Summarize(t); if (s.Length > best.Length) best = s; }
                return Classify({|#1:best + "!"|});
            }

            public string ThroughField(string t)
            {
                _last = Summarize(t);
                return Classify({|#2:_last.Trim()|});
            }

            public string InLambda(string t)
            {
                var s = Summarize(t);
                Func<string> later = () => Classify({|#3:s.Trim()|});
                return later();
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "'best' is assigned more than once, so which call's result it holds is decided at run time"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is kept in the field '_last'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"));

    [Test]
    public Task OPTO017_a_local_reassigned_call_after_call_reports_what_reaches_a_changed_read() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Chain(string input, int n)
            {
                // Straight-line code: `x` holds Decide's result, which links it (and Summarize's, through Decide's argument);
                // `y` holds Summarize's result all through the loop.
                var x = input;
                x = Summarize(x);
                x = Decide(x);
                var unchanged = Classify(x) + Classify(input);
                var y = "start";
                y = Summarize(y);
                for (var i = 0; i < n; i++) unchanged += Classify(y.Trim());
                y = Decide(y);
                // Set again inside the loop, each time by a call of its own: a later turn reads what the turn before made,
                // whose call ran last.
                var z = Summarize(input);
                for (var i = 0; i < n; i++)
                {
                    unchanged += Classify(z.Trim());
                    z = Decide(z);
                }

                // Set first by no call, then in the loop: a method that is not traced cannot tell its calls from another run's.
                var feedback = "";
                for (var i = 0; i < n; i++)
                {
                    unchanged += Classify({|#0:input + feedback|});
                    feedback = Decide(input + i);
                }

                // Set again on one path only, by a call of its own: the call that ran last set it.
                var w = Summarize(input);
                if (n > 1) w = Decide(w);
                // Added to at each turn of a method that is not traced: another run's calls could not be told from this one's.
                var context = "";
                foreach (var part in new[] { input, w }) context += Summarize(part) + "\n";
                return unchanged + Classify(x + "!") + Classify(w + "?") + Classify({|#2:context|});
            }
        }
        """], interceptorsEnabled: true,
        // Read unchanged, each result is linked by its identity; changed, every one that may be in it is lost.
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify",
            "'feedback' is set in a loop, and first by no traced call (feedback = \"\"), so which call's result it holds is decided at run time; make 'Chain' [Traced], whose running call tells its own calls from those of an earlier or inner call"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify",
            "'context' is added to at each turn of a loop of 'Chain', which is not traced, so its runs cannot be told apart; mark 'Chain' [Traced], put each result into a list and join it (string.Join), or append it to a StringBuilder"));

    [Test]
    public Task OPTO017_a_member_of_a_local_object_is_linked_when_set_once_and_another_member_set_in_the_initializer_holds_no_result() => Verify.Analyze([Agent, """
        using System;

        public sealed class State { public string Question { get; set; } = ""; public string Context { get; set; } = ""; public int Size; }

        public partial class Agent
        {
            [Opto.Traced] public int Count(string t) => t.Length;
            [Opto.Traced] public string Score(int n) => n.ToString();

            public string Run(string q)
            {
                var state = new State { Question = q, Size = Count(q) };
                state.Context = "Found: " + Summarize(state.Question).Trim();
                return Classify($"{state.Context} / {state.Question}") + Score(state.Size * 2);
            }

            public string SetTwice(string q)
            {
                var state = new State();
                state.Context = Summarize(q);
                state.Context += "!";
                return Classify({|#0:state.Context|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify",
            "it is kept in 'Context' of 'state'; pass it through a local or an argument, or set 'Context' once, after 'state' is made here and before it is read, and use 'state' only to read and set its fields and auto-properties"));

    [Test]
    public Task OPTO017_a_member_of_a_local_object_never_set_holds_no_result_and_one_set_elsewhere_is_still_reported() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;

        public enum Tone { Plain, Warm }

        public sealed class State
        {
            public string Question { get; set; } = "";
            public string Context { get; set; } = "";
            public string? Draft;
            public Tone Tone;
            public string Seed = Agent.Made();
            public List<string> Notes = new();
        }

        public partial class Agent
        {
            [Opto.Traced] public static string Made() => "seed";

            public string Untouched(string q)
            {
                var state = new State();
                state.Context = Summarize(q);
                return Classify($"{state.Question} {state.Draft} {state.Tone}".Trim());
            }

            public string SetByHelper(string q)
            {
                var state = new State();
                state.Context = Summarize(q);
                Fill(state, q);
                return Classify({|#0:state.Question.Trim()|});
            }

            public string SetInPlace(string q)
            {
                var state = new State { Question = "Q: " };
                state.Question += Summarize(q);
                return Classify({|#1:state.Question|});
            }

            public string StartsFromACall(string q)
            {
                var state = new State { Question = q };
                return Classify({|#2:state.Seed.Trim()|});
            }

            private readonly string _intro = Made();

            public string FromOwnInitializer() => Classify({|#3:_intro.Trim()|});

            private void Fill(State state, string q) => state.Question = Summarize(q);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is kept in 'Question' of 'state'; pass it through a local or an argument, or set 'Question' once, after 'state' is made here and before it is read, and use 'state' only to read and set its fields and auto-properties"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is kept in 'Question' of 'state'; pass it through a local or an argument, or set 'Question' once, after 'state' is made here and before it is read, and use 'state' only to read and set its fields and auto-properties"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Made", "Classify", "it is set in 'Seed' of 'state' by the declaration of 'Seed' as 'state' is made; make it here and pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Made", "Classify", "it is kept in the field '_intro'; pass it through a local or an argument"));

    [Test]
    public Task OPTO017_a_value_chosen_among_arms_is_linked_when_each_arm_makes_it_with_a_call_of_its_own() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Linked(string t, bool fast, int mode)
            {
                var text = fast ? Summarize(t) : Decide(t);
                var nested = fast ? Summarize(t) : mode > 1 ? Decide(t) : Decide(t + "!").Trim();
                var switched = mode switch { 0 => Summarize(t), 1 => Decide(t), _ => Summarize(t + "?") };
                return Classify(text.Trim()) + Classify(nested + "!") + Classify(switched + "!") + Classify((fast ? Summarize(t) : Decide(t)) + "!");
            }

            public string NotEveryArm(string t, bool fast, int mode)
            {
                var text = fast ? Summarize(t) : t;
                var switched = mode switch { 0 => Summarize(t), _ => "none" };
                var guarded = mode switch { _ when Decide(t).Length > 1 => t, _ => Summarize(t) };
                return Classify({|#0:text.Trim()|}) + Classify({|#1:switched + "!"|}) + Classify({|#2:guarded + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is chosen by a switch"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is chosen by a switch"));

    [Test]
    public Task OPTO017_locals_set_once_by_a_deconstruction_are_linked_and_set_again_are_reported() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Once(string q)
            {
                string summary, decision;
                (summary, decision) = (Summarize(q), Decide(q));
                return Classify(summary + decision);
            }

            public string Twice(string q)
            {
                string summary, decision;
                (summary, decision) = (Summarize(q), "");
                (summary, decision) = (summary.Trim(), Decide(q));
                return Classify({|#0:summary + decision|});
            }

            public string AfterAValue(string q)
            {
                string summary = "", decision = "";
                (summary, decision) = (Summarize(q), "");
                return Classify({|#1:summary + decision|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "'summary' is set by a deconstruction"),
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "'decision' is set by a deconstruction"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "'summary' is set by a deconstruction"));

    [Test]
    public Task OPTO017_what_an_object_sets_in_its_members_as_it_is_made_is_reported_where_glue_reads_it() => Verify.Analyze([Agent, """
        using System.Collections.Generic;

        public static class Helpers
        {
            public static Agent Shared = new();
            public static List<string> Notes() => new() { Shared.Summarize("seed") };
        }

        public sealed class Declared { public List<string> Notes = Helpers.Notes(); }
        public sealed class DeclaredProperty { public List<string> Notes { get; } = Helpers.Notes(); }
        public sealed class Constructed
        {
            public string Seed;
            public List<string> Notes = new();
            public Constructed() { Seed = Helpers.Shared.Summarize("c"); }
        }
        public sealed class Plain { public List<string> Notes = new(); public string Seed = "s"; }

        public partial class Agent
        {
            private readonly Declared _declared = new();
            public Declared Given = new();

            public string FromDeclaration(string q) { var h = new Declared(); return Classify({|#0:h.Notes[0] + q|}); }
            public string FromPropertyDeclaration(string q) { var h = new DeclaredProperty(); var n = h.Notes; return Classify({|#1:n[0] + q|}); }
            public string FromConstructor(string q) { var h = new Constructed(); return Classify({|#2:h.Seed.Trim()|}); }
            public string FromOwnField(string q) => Classify({|#3:_declared.Notes[0] + q|});

            // Passed on as it is: linked by its identity.
            public string AsItIs() { var h = new Declared(); return Classify(h.Notes[0]); }
            // Made with nothing that calls: nothing to lose.
            public string NothingCalled(string q) { var h = new Plain(); return Classify(h.Seed + string.Join(",", h.Notes) + q); }
            // A constructor that sets one member says nothing of another.
            public string OtherMember(string q) { var h = new Constructed(); return Classify(string.Join(",", h.Notes) + q); }
            // An object made elsewhere started as every object of its type does.
            public string FromPublicField(string q) => Classify({|#4:Given.Notes[0] + q|});
            public string FromParameter(Declared given, string q) => Classify({|#5:given.Notes[0] + q|});
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is set in 'Notes' of 'h' by the declaration of 'Notes' as 'h' is made; make it here and pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is set in 'Notes' of 'h' by the declaration of 'Notes' as 'h' is made; make it here and pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is set in 'Seed' of 'h' by the constructor of 'Constructed' as 'h' is made; make it here and pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", "it is set in 'Notes' of '_declared' by the declaration of 'Notes' as '_declared' is made; make it here and pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Classify", "it is set in 'Notes' of 'Given' by the declaration of 'Notes' as 'Given' is made; make it here and pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Summarize", "Classify", "it is set in 'Notes' of 'given' by the declaration of 'Notes' as 'given' is made; make it here and pass it through a local or an argument"));

    [Test]
    public Task OPTO017_text_built_up_in_a_loop_of_a_traced_method_is_linked_and_reported_where_a_result_may_not_be_added() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            [Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t; }
            [Traced] public int Count(string t) => t.Length;
            [Traced] public string Score(int n) => n.ToString();

            [Traced]
            public async Task<string> Linked(string q, IReadOnlyList<string> docs)
            {
                var notes = Summarize(q) + "\n";
                var total = 0;
                foreach (var doc in docs)
                {
                    var summary = await SummarizeAsync(doc);
                    notes = notes + "- " + summary.Trim() + "\n";
                    total += Count(doc);
                }

                return Classify(notes.Trim()) + Score(total * 2);
            }

            public string Untraced(IReadOnlyList<string> docs)
            {
                var notes = "";
                foreach (var doc in docs) notes += Summarize(doc) + "\n";
                return Classify({|#0:notes|});
            }

            [Traced]
            public string Skipped(IReadOnlyList<string> docs)
            {
                var notes = "";
                foreach (var doc in docs)
                {
                    var summary = Summarize(doc);
                    if (summary.Length == 0) continue;
                    notes += summary + "\n";
                }

                return Classify({|#1:notes|});
            }

            [Traced]
            public string ReadBetween(IReadOnlyList<string> docs)
            {
                var notes = "";
                foreach (var doc in docs) notes += Summarize(doc) + Decide({|#4:notes|});
                return Classify({|#2:notes|});
            }

            [Traced]
            public string Caught(IReadOnlyList<string> docs)
            {
                var notes = "";
                foreach (var doc in docs)
                {
                    try { notes += Summarize(doc) + Decide(doc); } catch (InvalidOperationException) { }
                }

                return Classify({|#3:notes|});
            }

            [Traced]
            public string ResetEachTurn(IReadOnlyList<string> docs)
            {
                var last = "";
                foreach (var doc in docs)
                {
                    var notes = "";
                    notes += Summarize(doc);
                    last = Classify(notes + "!");
                }

                return last;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify",
            "'notes' is added to at each turn of a loop of 'Untraced', which is not traced, so its runs cannot be told apart; mark 'Untraced' [Traced], put each result into a list and join it (string.Join), or append it to a StringBuilder"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", NotAddedWhereMade),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Decide", "Decide", NotAddedWhereMade),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Decide", NotAddedWhereMade),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify", NotAddedWhereMade),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", NotAddedWhereMade),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify", NotAddedWhereMade),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", NotAddedWhereMade));

    private const string NotAddedWhereMade =
        "'notes' is added to at each turn of a loop, where a result may be made and not added (a jump, a try, or a read of 'notes' in between); add each result in the statement that makes it or one declared just before it, or put each result into a list and join it (string.Join)";

    [Test]
    public Task OPTO017_an_element_read_after_a_change_that_may_take_elements_out_is_reported_and_text_joined_from_the_collection_is_linked() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            // Only added to or reordered: it holds all it was filled with, and that is linked.
            public async Task<string> Kept(string t, bool more)
            {
                await Task.Yield();
                var added = new List<string>();
                added.Add(Summarize(t));
                if (more) added.Add(t);
                var sorted = new List<string> { Decide(t), t };
                sorted.Sort();
                var reversed = new[] { Summarize(t + "2"), t };
                Array.Reverse(reversed);
                var queued = new Queue<string>();
                queued.Enqueue(Decide(t + "2"));
                return Classify(string.Join(",", added) + "!") + Classify(string.Join(",", sorted) + "!") + Classify(string.Join(",", reversed) + "?")
                    + Classify(string.Join(",", queued) + "?");
            }

            public async Task<string> Taken(string t, bool other)
            {
                await Task.Yield();
                var cleared = new List<string> { Summarize(t) };
                cleared.Clear();
                var removed = new Dictionary<string, string> { ["a"] = Decide(t) };
                removed.Remove("a");
                var handed = new List<string> { Summarize(t + "2") };
                Wipe(handed);
                var replaced = new List<string> { Decide(t + "3") };
                if (other) replaced[0] = t;
                var unique = new HashSet<string> { Summarize(t + "4") };
                unique.Clear();
                var stack = new Stack<string>();
                stack.Push(Decide(t + "5"));
                stack.Push(t);
                // Text string.Join made of the collection links to what it holds when joined, by identity: linked, or not there.
                return Classify(string.Join(",", cleared) + "!") + Classify(string.Join(",", removed.Values) + "!")
                    + Classify({|#2:handed.First() + "!"|}) + Classify(string.Join(",", replaced) + "!") + Classify(string.Join(",", unique) + "!")
                    + Classify({|#5:stack.Pop() + "!"|});
            }

            private static void Wipe(List<string> texts) => texts.Clear();
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify",
            "'handed' may be changed where the compiler does not follow it (Wipe(handed)) before it is read; fill it only by adding to it or setting an element at a constant key or place, in statements of the block it is declared in"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Decide", "Classify",
            "it is read by 'stack.Pop()' from 'stack', which holds more than one value, and the compiler cannot tell which one it reads; keep it in a local of its own, or read it at a constant key or place of a list, a dictionary or an array"));

    [Test]
    public Task OPTO017_an_element_read_back_from_a_collection_filled_in_steps_is_linked_and_reported_where_it_may_have_changed() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            public async Task<string> Filled(string t)
            {
                await Task.Yield();
                var d = new Dictionary<string, string>();
                d["summary"] = Summarize(t);
                d.Add("decision", Decide(t));
                var notes = new List<string> { "system" };
                notes.Add(Summarize(t + "2"));
                var places = new string[2];
                places[1] = Decide(t + "3");
                return Classify(d["summary"] + "!") + Classify(d["decision"].Trim()) + Classify(notes[1] + "?") + Classify($"[{places[1]}]");
            }

            // Written over, the element holds what was written last: no call's result reaches it, nothing is lost.
            public async Task<string> WrittenOver(string t)
            {
                await Task.Yield();
                var d = new Dictionary<string, string> { ["k"] = Summarize(t) };
                d["k"] = t;
                return Classify(d["k"] + "!");
            }

            public async Task<string> Changed(string t, string[] more, int place)
            {
                await Task.Yield();
                var handed = new[] { Summarize(t) };
                Rewrite(handed);
                var looped = new List<string>();
                foreach (var m in more) looped.Add(Summarize(m));
                var picked = new[] { Decide(t), t };
                return Classify({|#0:handed[0] + "!"|}) + Classify({|#1:looped[0] + "!"|}) + Classify({|#2:picked[place] + "!"|});
            }

            private static void Rewrite(string[] texts) => texts[0] = texts[0].ToUpperInvariant();
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify",
            "'handed' may be changed where the compiler does not follow it (Rewrite(handed)) before it is read; fill it only by adding to it or setting an element at a constant key or place, in statements of the block it is declared in"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it reaches 'looped' through Add, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify",
            "it is read at 'picked[place]', whose key or place the compiler cannot tell, from 'picked', which holds more than one value; read it at a constant key or place"));

    [Test]
    public Task OPTO017_a_result_of_Task_WhenAll_read_by_its_place_is_linked_and_reported_where_the_place_is_not_known() => Verify.Analyze([Agent, """
        using System;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            [Traced] public async Task<string> ForAsync(string t) { await Task.Yield(); return t; }
            [Traced] public async Task<string> AgainstAsync(string t) { await Task.Yield(); return t; }

            public async Task<string> Debated(string t)
            {
                var sides = await Task.WhenAll(ForAsync(t), AgainstAsync(t));
                return Classify($"For: {sides[0]} Against: {sides[1].Trim()}");
            }

            public async Task<string> Picked(string t, int i)
            {
                var sides = await Task.WhenAll(ForAsync(t), AgainstAsync(t));
                return Classify({|#0:sides[i] + "!"|});
            }

            public async Task<string> Reversed(string t)
            {
                var sides = await Task.WhenAll(ForAsync(t), AgainstAsync(t));
                Array.Reverse(sides);
                return Classify({|#1:sides[0] + "!"|});
            }

            public async Task<string> Handed(string t)
            {
                var tasks = new[] { ForAsync(t), AgainstAsync(t) };
                var sides = await Task.WhenAll(tasks);
                return Classify({|#2:sides[1] + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("ForAsync", "Classify",
            "it is read from the results of 'Task.WhenAll' at 'sides[i]', whose index the compiler cannot tell; read each result at a constant index (results[0])"),
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("AgainstAsync", "Classify",
            "it is read from the results of 'Task.WhenAll' at 'sides[i]', whose index the compiler cannot tell; read each result at a constant index (results[0])"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("ForAsync", "Classify",
            "the results of 'Task.WhenAll' in 'sides' may be changed before they are read (Array.Reverse(sides)); only read them, each at a constant index"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("AgainstAsync", "Classify",
            "the results of 'Task.WhenAll' in 'sides' may be changed before they are read (Array.Reverse(sides)); only read them, each at a constant index"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("ForAsync", "Classify",
            "it is one of the results of 'Task.WhenAll(tasks)', whose tasks are not written out in the call; write them out (Task.WhenAll(a, b)) to read each result by its place"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("AgainstAsync", "Classify",
            "it is one of the results of 'Task.WhenAll(tasks)', whose tasks are not written out in the call; write them out (Task.WhenAll(a, b)) to read each result by its place"));

    [Test]
    public Task OPTO017_a_local_set_in_branches_is_linked_when_each_path_calls_a_step_and_reported_when_one_does_not() => Verify.Analyze([Agent, """
        using System;

        public partial class Agent
        {
            public string Routed(string t, bool fast)
            {
                string text;
                if (fast) text = Summarize(t);
                else text = Decide(t);
                return Classify(text + "!");
            }

            public string Refined(string t)
            {
                var draft = Summarize(t);
                if (draft.Length > 500) draft = Decide(draft);
                return Classify($"Final: {draft}");
            }

            // The call is the whole try: its slot is this call's, empty when it failed.
            public string Fallback(string t)
            {
                string reply;
                try { reply = Summarize(t); }
                catch (InvalidOperationException) { reply = "sorry"; }
                return Classify(reply + "!");
            }

            public string FallbackAfterMore(string t)
            {
                string reply;
                try { reply = Summarize(t).Trim(); }
                catch (InvalidOperationException) { reply = "sorry"; }
                return Classify({|#0:reply + "!"|});
            }

            public string Maybe(string t, bool fast)
            {
                var context = "none";
                if (fast) context = Summarize(t);
                return Classify({|#1:$"Context: {context}"|});
            }

            // In a traced method, its running call tells whether this call made the summary: linked.
            [Opto.Traced] public string MaybeTraced(string t, bool fast)
            {
                var context = "none";
                if (fast) context = Summarize(t);
                return Classify($"Context: {context}") + Classify((fast ? Summarize(t) : "none") + "!");
            }

            public string Kept(string t)
            {
                var s = Summarize(t);
                try { s = Decide(t).Trim(); } catch (NullReferenceException) { }
                return Classify({|#2:s + "!"|});
            }

            // Set again in a loop by a call of its own: the call that ran last set it.
            public string Looped(string t, int n)
            {
                var s = Summarize(t);
                for (var i = 0; i < n; i++) { if (s.Length > 9) s = Decide(s); }
                return Classify(s + "!");
            }

            // A step without a call of its own in the loop: which set it last is not told by the calls.
            public string LoopedReset(string t, int n)
            {
                var s = Summarize(t);
                for (var i = 0; i < n; i++) { if (s.Length > 9) s = Decide(s); else s = t; }
                return Classify({|#3:s + "!"|});
            }

            // The last step chosen would not say whether the step before it ran: only the call every path holds is linked.
            public string AppendedTwice(string t, bool a, bool b)
            {
                var s = Summarize(t);
                if (a) s += Decide(t);
                if (b) s += Summarize(t + "2");
                return Classify({|#4:s + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify",
            "'reply' is set in branches, on one path by no traced call of its own (here: reply = \"sorry\"), so which call's result it holds is decided at run time; set it from a traced call on every path, or pass it on to the next call within each branch"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify",
            "'context' is set in branches, on one path by no traced call of its own (here: context = \"none\"), so which call's result it holds is decided at run time; set it from a traced call on every path, or pass it on to the next call within each branch"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify",
            "a catch may keep what 's' held before a step whose call completed and then failed, so which call's result it holds is decided at run time; set 's' in the catch too"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify",
            "a catch may keep what 's' held before a step whose call completed and then failed, so which call's result it holds is decided at run time; set 's' in the catch too"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify",
            "'s' is set in a loop, on one path by no traced call of its own (here: s = t), so which call's result it holds is decided at run time; set it from a traced call on every path, or pass it on to the next call within each branch"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify",
            "'s' is set in a loop, on one path by no traced call of its own (here: s = t), so which call's result it holds is decided at run time; set it from a traced call on every path, or pass it on to the next call within each branch"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Decide", "Classify", "'s' is assigned more than once, so which call's result it holds is decided at run time"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Classify", "'s' is assigned more than once, so which call's result it holds is decided at run time"));

    [Test]
    public Task OPTO016_trainable_values_glued_into_calls_the_runtime_cannot_link() => Verify.Analyze([Agent, """
        using Opto;

        public partial class Agent
        {
            [Trainable] public string Prompt { get; set; } = "p";
            [Trainable] public static string Shared { get; set; } = "s";

            public string Linked(string t) => Classify($"{Prompt}: {t}") + Classify(Shared + t);
            [Traced] public string FromTraced(Agent other, string t) => other.Classify($"{Prompt}: {t}");
            public string Unlinked(Agent other, string t) => other.Classify($"{{|#0:Prompt|}}: {t}");
            public string OnSomePaths(bool b, string t) => Classify(b ? {|#1:Prompt|} : t);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Classify", "Prompt", "glue code passed to it",
            "the call is not made on 'this' (but on another object, or it is a static or extension method's) in a method that is not traced, so the object the value belongs to cannot be found again; make the method [Traced]"),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Classify", "Prompt", "glue code passed to it", "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"));

    [Test]
    public Task OPTO017_follows_results_into_objects_loops_patterns_and_returned_lambdas() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        public sealed class Request { public string Summary = ""; public int Count { get; set; } }

        public partial class Agent
        {
            [Opto.Traced] public int Count(string t) => t.Length;
            [Opto.Traced] public string Score(int n) => n.ToString();
            // What it reads of the request as it is (the summary set to a traced call's result) is linked as it starts; a count is not.
            [Opto.Traced] public string Handle(Request r) => r.Summary + r.Count;
            [Opto.Traced] public string ClassifyAll(IReadOnlyList<string> ps) => string.Join(",", ps);

            public async Task<string> Shapes(string t, object o, string[] tickets)
            {
                await Task.Yield();
                var s = Summarize(t);
                var builder = new StringBuilder();
                builder.Append("Summary: ").Append(s);
                // A builder's text links to the results appended to it unchanged.
                var a = Classify(builder.ToString());

                var list = new List<string>();
                foreach (var ticket in tickets) list.Add(Summarize(ticket));
                // A combiner's text links to the calls that made its parts, by their identity; parts changed on the way do not.
                var b = Classify(string.Join("\n", list)) + Classify({|#1:string.Join("\n", list.Select(l => l.Trim()))|});
                var unchanged = "";
                foreach (var item in list) unchanged += Classify(item);

                var again = Decide(t);
                again += "!";
                var c = Classify(again);

                Func<string> prompt = () => $"Classify: {s}";
                string Local() => Decide(t);
                var d = Classify({|#3:prompt()|}) + Classify({|#4:Local() + "!"|});

                var request = new Request();
                request.Summary = Summarize(t);
                request.Count = Count(t);
                var e = Classify({|#5:request.Summary + "!"|}) + Score({|#6:request.Count|}) + Handle({|#7:request|});

                // The parts of a deconstruction are glue over what they were taken from.
                var (p, q) = (Summarize(t), Decide(t));
                var f = Classify(p + q);

                object boxed = Decide(t);
                var g = boxed is string matched ? Classify({|#9:matched + "!"|}) : "";

                var h = "";
                foreach (var r in new[] { Summarize(t) }) h += Classify(r + "!");

                var i = ClassifyAll([s + "!", Decide(t)]);
                var j = Classify(list[0]) + Classify(list[^1]) + ClassifyAll([.. list, s]) + Classify({|#11:list[0] + "!"|});
                // An element of a list a traced call returned is linked to it, and so is a chunk of a traced iterator, or a member of an
                // element (glue over the call whose result the loop reads); an element of another lazy sequence is not.
                foreach (var found in Search(t)) j += Classify(found);
                foreach (var found in Lazy(t)) j += Classify(found);
                foreach (var found in Query(t)) j += Classify({|#12:found|});
                foreach (var doc in Docs(t)) j += Classify(doc.Text);
                var both = await Task.WhenAll(SummarizeAsync(t), SummarizeAsync(t));
                var k = Classify(both[0]) + Classify(request.Summary) + new Agent(this).Classify(Copied);
                return a + b + unchanged + c + d + e + f + g + h + i + j + k;
            }

            [Opto.Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t; }

            [Opto.Traced] public List<string> Search(string t) => [t];

            [Opto.Traced] public IEnumerable<string> Lazy(string t) { yield return t; }
            [Opto.Traced] public IEnumerable<string> Query(string t) => new[] { t }.Select(x => x + "?");

            [Opto.Traced] public Doc[] Docs(string t) => [new Doc { Text = t }];

            public sealed class Doc { public string Text = ""; }

            public string Copied { get; } = "";

            // Another object's member of the same name is not this object's.
            public Agent(Agent other) => Copied = Summarize(other.Copied);

            public Agent() { }
        }
        """], interceptorsEnabled: true,
        // An unchanged result keeps its identity, whatever the path (`foreach (var item in list) Classify(item)`).
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Decide", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Summarize", "Classify", "it is kept in 'Summary' of 'request'; pass it through a local or an argument, or set 'Summary' once, after 'request' is made here and before it is read, and use 'request' only to read and set its fields and auto-properties"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Count", "Score", "it is kept in 'Count' of 'request'; pass it through a local or an argument, or set 'Count' once, after 'request' is made here and before it is read, and use 'request' only to read and set its fields and auto-properties"),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Count", "Handle", "it is stored in 'request', where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Decide", "Classify", "'matched' is declared by a pattern"),
        Verify.Diagnostic("OPTO017").WithLocation(11).WithArguments("Summarize", "Classify", "it reaches 'list' through Add, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(12).WithArguments("Query", "Classify", "it is an element of the result of 'Query', which is linked as a whole"));

    [Test]
    public Task OPTO017_is_not_reported_for_glue_a_framework_collection_stores_where_the_flow_is_proven() => Verify.Analyze([Agent, """
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            [Traced] public int Count(string t) => t.Length;
            [Traced] public string Score(int n) => n.ToString();
            [Traced] public string ClassifyAll(IReadOnlyList<string> ps) => string.Join(",", ps);

            public async Task<string> Stored(string t, string[] tickets)
            {
                await Task.Yield();
                var messages = new List<string> { "system" };
                messages.Add(Summarize(t) + "!");
                foreach (var ticket in tickets) messages.Add(Summarize(ticket).Trim());
                var queue = new Queue<string>();
                queue.Enqueue($"[{Decide(t)}]");
                var a = ClassifyAll(messages) + Classify(queue.Peek());

                // Chosen by a condition in an async method, whose slots are its own: linked when the arm with the call ran. A
                // value with no identity, and an object the generated code cannot name, each read back from where it was put:
                // linked by the compiler's flow.
                var chosen = new List<string>();
                chosen.Add(t.Length > 0 ? Summarize(t) + "?" : "none");
                var lengths = new List<int>();
                lengths.Add(Count(t) + 1);
                var hidden = new List<Hidden>();
                hidden.Add(new Hidden(Summarize(t) + "#"));
                return a + ClassifyAll(chosen) + Score(lengths[0]) + Classify(hidden[0].Text);
            }

            private sealed class Hidden(string text) { public string Text { get; } = text; }

            // A synchronous method that runs only the framework's code is linked; one that could run the program's (a list of
            // objects compares and formats them with their own methods) could be called again before the value is read.
            public string Cached(string t)
            {
                var cache = new ConcurrentDictionary<string, string>();
                cache.TryAdd(t, Summarize(t) + "!");
                return Classify(cache[t]);
            }

            public string Boxed(string t)
            {
                var items = new List<object>();
                items.Add(Summarize(t) + "!");
                return Classify({|#2:(string)items[0]|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify",
            "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: items[0]); make it [Traced] or async"));

    [Test]
    public Task OPTO017_follows_what_other_methods_put_into_a_collection_and_reports_what_they_do_not_link() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Opto;

        public static class Puts
        {
            public static void AddSummary(this List<string> into, Agent agent, string t, Action<string>? hook) { var s = agent.Summarize(t); hook?.Invoke(t); into.Add(s + "!"); }
        }

        public partial class Agent
        {
            [Traced] public string ClassifyAll(IReadOnlyList<string> ps) => string.Join(",", ps);

            public Action<string>? OnNote { get; set; }
            private readonly List<string> _log = new();
            private void Note(string t) => OnNote?.Invoke(t);

            // Linked: the store is where the compiler proves the flow (a method that runs only the framework's code, or
            // code of the program's only after the store, an async method, a traced one), or the result goes in unchanged.
            private void Fill(List<string> into, string t) => into.Add(Summarize(t) + "!");
            private void FillThenNote(List<string> into, string t) { into.Add(Summarize(t) + "!"); Note(t); }
            private async Task FillAsync(ICollection<string> into, string t) { into.Add(Decide(t).Trim()); Note(t); await Task.Yield(); }
            [Traced] public void FillTraced(List<string> into, string t) { into.Add($"[{Summarize(t)}]"); Note(t); }
            private void FillUnchanged(List<string> into, string t) { into.Add(Summarize(t)); Note(t); }

            public async Task<string> Linked(string t)
            {
                var list = new List<string>();
                Fill(list, t);
                FillThenNote(list, t);
                await FillAsync(list, t);
                FillTraced(list, t);
                FillUnchanged(list, t);
                return ClassifyAll(list);
            }

            // Lost: the method that puts the glue in runs code of the program's that could call it again between the call and
            // the store, or the way it is put in is not linked at all.
            private void FillNoted(List<string> into, string t) { var s = Summarize(t); Note(t); into.Add(s + "!"); }
            private void FillTwice(List<string> into, string t) => FillNoted(into, t);
            private void RememberNoted(string t) { var d = Decide(t); Note(t); _log.Add(d + "!"); }
            private void MakeNoted(string t, out List<string> made) { made = new List<string>(); var s = Summarize(t); Note(t); made.Add(s + "?"); }
            private void SetFirst(string[] into, string t) => into[0] = Decide(t) + "#";

            public string Lost(string t)
            {
                var list = new List<string>();
                FillNoted(list, t);
                var nested = new List<string>();
                FillTwice(nested, t);
                var extended = new List<string>();
                extended.AddSummary(this, t, OnNote);
                RememberNoted(t);
                MakeNoted(t, out var made);
                var array = new string[1];
                SetFirst(array, t);
                return ClassifyAll({|#0:list|}) + ClassifyAll({|#1:nested|}) + ClassifyAll({|#2:extended|}) + ClassifyAll({|#3:_log|}) + ClassifyAll({|#4:made|}) + ClassifyAll({|#5:array|});
            }

            // In the method itself: a field, a parameter.
            public string Own(List<string> into, string t)
            {
                var s = Summarize(t);
                var d = Decide(t);
                Note(t);
                _log.Add(s + "!");
                into.Add(d + "?");
                return ClassifyAll({|#6:_log|}) + ClassifyAll({|#7:into|});
            }

            // A collection another object holds: what calls on that member put in.
            public string HeldLinked(string t)
            {
                var chat = new Chat();
                chat.Messages.Add(Summarize(t) + "!");
                return ClassifyAll(chat.Messages);
            }

            public string Held(string t)
            {
                var noted = new Chat();
                var d = Decide(t);
                Note(t);
                noted.Messages.Add(d + "?");
                return ClassifyAll({|#9:noted.Messages|});
            }

            public sealed class Chat { public List<string> Messages { get; } = new(); }

            // What the constructor the object was made with put into its list.
            public sealed class Filled
            {
                public List<string> Lines { get; } = new();
                public Filled(Agent agent, string t, Action<string> hook) { var d = agent.Decide(t); hook(t); Lines.Add(d + "."); }
            }

            public string Made(string t) => ClassifyAll({|#11:new Filled(this, t, Note).Lines|});

            // A method that sets its ref parameter hands back a value of its own making.
            private static void Decorate(ref string s) => s = s + "!";
            public string ByRef(string t)
            {
                var s = Summarize(t);
                Decorate(ref s);
                return Classify({|#10:s|});
            }

            // A parameter set to glue is not followed: the compiler's proof follows locals.
            public async Task<string> Reassigned(string t)
            {
                await Task.Yield();
                t = Summarize(t) + "!";
                return Classify({|#8:t|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "ClassifyAll", $"'FillNoted' puts it into 'list': {NotIsolated("Note(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "ClassifyAll", $"'FillTwice' puts it into 'nested': 'FillNoted' puts it into 'into': {NotIsolated("Note(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "ClassifyAll", $"'AddSummary' puts it into 'extended': {NotIsolated("hook?.Invoke(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "ClassifyAll", $"'RememberNoted' puts it into '_log': {NotIsolated("Note(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "ClassifyAll", $"'Own' puts it into '_log': {NotIsolated("Note(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "ClassifyAll", $"'MakeNoted' puts it into 'made': {NotIsolated("Note(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Decide", "ClassifyAll", "'SetFirst' puts it into 'array': it is stored in 'into', where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Decide", "ClassifyAll", $"'RememberNoted' puts it into '_log': {NotIsolated("Note(t)")}"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Summarize", "ClassifyAll", NotIsolated("Note(t)")),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Decide", "ClassifyAll", NotIsolated("Note(t)")),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Summarize", "Classify", "it is kept in the parameter 't', which the compiler follows only as it was passed; give the new value a local of its own"),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Decide", "ClassifyAll", NotIsolated("Note(t)")),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Summarize", "Classify", "'s' is set through an out or ref argument"),
        Verify.Diagnostic("OPTO017").WithLocation(11).WithArguments("Decide", "ClassifyAll", "'Filled' puts it into 'Lines': the constructor runs other code of yours that could call it again before the value is used (here: hook(t)); move that work into a [Traced] method"));

    [Test]
    public Task OPTO017_follows_a_member_of_an_object_to_where_it_is_set() => Verify.Analyze([Agent, """
        using Opto;

        public static class Board { public static string Last { get; set; } = ""; }
        public sealed class State { public string Summary { get; set; } = ""; }

        public partial class Agent
        {
            private readonly State _state = new();

            private void RememberLast(string t) => Board.Last = Summarize(t) + "!";
            private void RememberState(string t) => _state.Summary = Decide(t) + "?";
            private void FillState(State into, string t) => into.Summary = Summarize(t).Trim();

            public string Members(string t)
            {
                RememberLast(t);
                RememberState(t);
                var given = new State();
                FillState(given, t);
                // Set once on an object made here and only read and set after: what it was set to, linked as glue.
                var here = new State();
                here.Summary = Decide(t) + "#";
                // A result set unchanged keeps its identity.
                var kept = new State { Summary = Summarize(t) };
                kept.Summary = Summarize(t);
                return Classify({|#0:Board.Last|}) + Classify({|#1:_state.Summary|}) + Classify({|#2:given.Summary|}) + Classify(here.Summary) + Classify(kept.Summary);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is kept in the property 'Last'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "it is kept in 'Summary' of '_state'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is kept in 'Summary' of 'given'; pass it through a local or an argument, or set 'Summary' once, after 'given' is made here and before it is read, and use 'given' only to read and set its fields and auto-properties"));

    [Test]
    public Task OPTO017_follows_an_object_through_its_other_names_and_the_framework_methods_that_fill_it() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            public string Views(string t)
            {
                var array = new string[2];
                var span = array.AsSpan();
                span[0] = Summarize(t) + "!";
                var list = new List<string> { "" };
                IList<string> view = list;
                view[0] = Decide(t) + "?";
                var other = new string[1];
                ref var slot = ref other[0];
                slot = Summarize(t).Trim();
                var pinned = new List<string> { "" };
                CollectionsMarshal.AsSpan(pinned)[0] = Decide(t) + "#";
                var segmented = new string[1];
                var segment = new ArraySegment<string>(segmented);
                segment[0] = Summarize(t) + ":";
                // A result put in as it is keeps its identity, under whatever name.
                var kept = new string[1];
                kept.AsSpan()[0] = Summarize(t);
                return Classify({|#0:string.Join(",", array)|}) + Classify({|#1:string.Join(",", list)|}) + Classify({|#2:string.Join(",", other)|})
                    + Classify({|#3:string.Join(",", pinned)|}) + Classify({|#4:string.Join(",", segmented)|}) + Classify(string.Join(",", kept));
            }

            public string Filled(string t)
            {
                var filled = new string[1];
                Array.Fill(filled, Summarize(t) + "!");
                var from = new[] { Decide(t) + "?" };
                var to = new string[1];
                Array.Copy(from, to, 1);
                var copied = new string[1];
                new List<string> { Summarize(t).Trim() }.CopyTo(copied);
                return Classify({|#5:string.Join(",", filled)|}) + Classify({|#6:string.Join(",", to)|}) + Classify({|#7:string.Join(",", copied)|});
            }

            public async Task<string> Containers(string t)
            {
                var source = new TaskCompletionSource<string>();
                source.SetResult(Summarize(t) + "!");
                var channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
                await channel.Writer.WriteAsync(Decide(t) + "?");
                // A result put in as it is keeps its identity.
                var same = System.Threading.Channels.Channel.CreateUnbounded<string>();
                await same.Writer.WriteAsync(Summarize(t));
                return Classify({|#8:await source.Task|}) + Classify({|#9:await channel.Reader.ReadAsync()|}) + Classify(await same.Reader.ReadAsync());
            }

            public string Patterns(string t) =>
                Summarize(t) is { Length: > 0 } whole ? Classify({|#10:whole + "!"|}) : Decide(t) is [var first, ..] ? Classify({|#11:first + "?"|}) : "";
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it reaches 'array' through 'span', which shares its object; the compiler does not follow it there"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "it reaches 'list' through 'view', which shares its object; the compiler does not follow it there"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is stored in 'other' through the ref local 'slot', where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify", "it is stored in 'pinned', where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Classify", "it reaches 'segmented' through 'segment', which shares its object; the compiler does not follow it there"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Summarize", "Classify", "it reaches 'filled' through Fill, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Decide", "Classify", "it reaches 'to' through Copy, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Summarize", "Classify", "it reaches 'copied' through CopyTo, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Summarize", "Classify", "it reaches 'source' through SetResult, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Decide", "Classify", "it reaches 'channel' through WriteAsync, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Summarize", "Classify", "'whole' is declared by a pattern"),
        Verify.Diagnostic("OPTO017").WithLocation(11).WithArguments("Decide", "Classify", "'first' is declared by a pattern"));

    [Test]
    public Task OPTO017_reports_what_a_traced_method_puts_into_what_it_is_given() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Text;
        using Opto;

        public sealed class Request { public string Text { get; set; } = ""; }
        public sealed class Notes : List<string> { }

        public partial class Agent
        {
            [Trainable("How to summarize.")]
            public string Instruction { get; set; } = "Summarize";

            // What a traced method adds to a framework collection or a builder it is given is linked to its call.
            [Traced] public void AddSummary(List<string> into, string t) => into.Add(Instruction + t);
            [Traced] public void AppendSummary(StringBuilder into, string t) => into.Append(Instruction).Append(t);
            [Traced] public void SetFirst(string[] into, string t) => into[0] = Instruction + t;
            [Traced] public void AddThroughInterface(ICollection<string> into, string t) { var alias = into; alias.Add(Instruction + t); }
            [Traced] public void Label(IDictionary<string, string> into, string t) => into[t] = Instruction + t;
            // What it sets on a member of an object is linked where that member is read as it is; what it adds to a
            // collection class of the project's own is not.
            [Traced] public void Fill(Request into, string t) => into.Text = Instruction + t;
            [Traced] public void AddNote(Notes into, string t) => into.Add(Instruction + t);
            // A traced call's result, or glue over one the compiler proves, is linked where it goes in.
            [Traced] public void AddResult(Notes into, string t) => into.Add(Summarize(t));
            [Traced] public void SetResult(Request into, string t) => into.Text = Summarize(t);

            public static string LastStatic { get; set; } = "";
            public string Last { get; set; } = "";
            [Traced] public void RememberStatic(string t) => LastStatic = Instruction + t;
            [Traced] public void Remember(string t) => Last = Instruction + t;
            [Traced] public void RememberResult(string t) => Last = Summarize(t);

            public string Kept(Agent other, string t)
            {
                RememberStatic(t);
                other.Remember(t);
                // What a traced method sets a member of its object, or a static one, to is linked to its call where the
                // member is passed on as it is; not through what untraced code makes of it.
                var fromStatic = Classify(LastStatic) + Classify({|#4:LastStatic + "!"|});
                var fromOther = Classify(other.Last) + Classify({|#5:other.Last.Trim()|});
                // A traced call's result kept as it is links by its identity.
                other.RememberResult(t);
                return fromStatic + fromOther + Classify(other.Last);
            }

            public string Given(string t)
            {
                var list = new List<string>();
                AddSummary(list, t);
                var builder = new StringBuilder();
                AppendSummary(builder, t);
                var request = new Request();
                Fill(request, t);
                var array = new string[1];
                SetFirst(array, t);
                var collected = new HashSet<string>();
                AddThroughInterface(collected, t);
                var labels = new Dictionary<string, string>();
                Label(labels, t);
                var notes = new Notes();
                AddNote(notes, t);
                var linked = new Notes();
                AddResult(linked, t);
                var set = new Request();
                SetResult(set, t);
                return Classify(string.Join(",", list)) + Classify(builder.ToString()) + Classify(request.Text) + Classify({|#2:request.Text + "!"|}) + Classify(string.Join(",", array))
                    + Classify(string.Join(",", collected)) + Classify(labels[t]) + Classify({|#3:string.Join(",", notes)|}) + Classify(linked[0]) + Classify(set.Text);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Fill", "Classify", "'Fill' keeps in 'request.Text' a value it made itself, which is linked to it where 'request.Text' is passed on as it is, or read by a traced method given 'request', not through what is made of it here; pass 'request.Text' itself, or return the value from 'Fill'"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("AddNote", "Classify", "'AddNote' puts into 'notes' a value it made itself, and only what a traced call returns is linked to it; return the value from 'AddNote' instead"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("RememberStatic", "Classify", "'RememberStatic' keeps in 'LastStatic' a value it made itself, which is linked to it where 'LastStatic' is passed on as it is, not through what is made of it here; pass 'LastStatic' itself, or return the value from 'RememberStatic'"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Remember", "Classify", "'Remember' keeps in 'Last' a value it made itself, which is linked to it where 'Last' is passed on as it is, not through what is made of it here; pass 'Last' itself, or return the value from 'Remember'"));

    [Test]
    public Task OPTO017_follows_a_handler_parameter_to_what_the_event_or_delegate_is_raised_with() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using Opto;

        public partial class Agent
        {
            public event Action<string>? Replied;
            public Action<string>? OnReply { get; set; }
            public event Action<string>? Forwarded;

            private void Reply(string t)
            {
                Replied?.Invoke(Summarize(t) + "!");
                OnReply?.Invoke(Decide(t).Trim());
                // A result raised as it is keeps its identity.
                Forwarded?.Invoke(Summarize(t));
            }

            public string Subscribe(string t)
            {
                var answer = "";
                Replied += s => answer += Classify({|#0:s|});
                OnReply = s => answer += Classify({|#1:s|});
                Replied += Handle;
                Forwarded += s => answer += Classify(s);
                Reply(t);
                return answer;
            }

            private void Handle(string s) => Classify({|#2:s|});

            // Given to a method of the project that invokes it, or keeps it for later.
            private readonly List<Action<string>> _handlers = new();
            private void Subscribe(Action<string> handler) => _handlers.Add(handler);
            private void Now(string t, Action<string> handler) => handler(Decide(t) + "?");
            private void Publish(string t) { var text = Summarize(t) + "#"; foreach (var h in _handlers) h(text); }

            public string Given(string t)
            {
                var answer = "";
                Subscribe(s => answer += Classify({|#4:s|}));
                Now(t, s => answer += Classify({|#5:s|}));
                Publish(t);
                return answer;
            }

            [Traced] public string ClassifyAll(IReadOnlyList<string> ps) => string.Join(",", ps);

            public string Ranges(string t, Action<string> hook)
            {
                var some = new List<string>();
                var summary = Summarize(t);
                hook(t);
                some.Add(summary + "!");
                var all = new List<string>();
                all.AddRange(some);
                return ClassifyAll({|#3:all|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it reaches the handler through the event 'Replied', which no edge follows; raise it with a traced call's result as it is"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "it reaches the handler through the delegate 'OnReply', which no edge follows; raise it with a traced call's result as it is"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it reaches the handler through the event 'Replied', which no edge follows; raise it with a traced call's result as it is"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "ClassifyAll",
            "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: hook(t)); make it [Traced] or async"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Classify", "it reaches the handler through '_handlers', where 'Subscribe' keeps it, which no edge follows; raise it with a traced call's result as it is"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Decide", "Classify", "it reaches the handler through the method 'Now' it is given to, which no edge follows; raise it with a traced call's result as it is"));

    [Test]
    public Task OPTO017_only_code_of_the_user_s_after_the_read_leaves_a_flow_claimed() => Verify.Analyze([Agent, """
        using System;
        using Opto;

        public partial class Agent
        {
            [Traced] public int Make(int i) => i * 10;
            [Traced] public int Twice(int x) => x * 2;

            public int After(int i, Action done)
            {
                var v = Make(i);
                var a = Twice(v);
                done();
                return a;
            }

            // Before the producer: it may have handed the framework a handler that runs between the producer and the read.
            public string Before(string t, Action first)
            {
                first();
                var s = Summarize(t);
                return Classify({|#4:s + "!"|});
            }

            public int Between(int i, Action between, Action done)
            {
                var v = Make(i);
                between();
                var a = Twice({|#0:v|});
                done();
                return a;
            }

            public int Looped(int i, Action each)
            {
                var total = 0;
                for (var k = 0; k < 2; k++)
                {
                    var v = Make(i + k);
                    total += Twice({|#1:v|});
                    each();
                }

                return total;
            }

            public int Deferred(int i, Action inner)
            {
                Action later = () => inner();
                var v = Make(i);
                return Twice({|#2:v|});
            }

            public string Labelled(string t, Action done)
            {
                var s = Summarize(t);
                var c = Classify({|#3:s + "!"|});
                done();
                if (c.Length > 99) goto again;
                return c;
            again:
                return c + "?";
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Make", "Twice", NotIsolated("between()")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Make", "Twice", NotIsolated("each()")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Make", "Twice", NotIsolated("inner()")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", NotIsolated("done()")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Summarize", "Classify", NotIsolated("first()")));

    [Test]
    public Task OPTO017_names_code_of_the_user_s_that_looks_like_the_framework_s() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using Opto;

        public sealed class Hook : IDisposable { public void Dispose() { } }
        public sealed class Items : List<string>, ICollection<string> { void ICollection<string>.Add(string item) { } }
        public static class Once { public static Action? Then; static Once() { Console.Write(""); Then?.Invoke(); } public static void Touch() { } }
        public static class Quiet { static Quiet() { } public static readonly int Value = "ab".Length; public static int Count() => 0; }

        public partial class Agent
        {
            [Traced] public int Make(int i) => i * 10;
            [Traced] public int Twice(int x) => x * 2;

            public int Disposing(int i, IDisposable given)
            {
                var v = Make(i);
                using (IDisposable d = new Hook()) { }
                using (given) { }
                return Twice({|#0:v|});
            }

            public int Initialized(int i)
            {
                var v = Make(i);
                Once.Touch();
                return Twice({|#1:v|});
            }

            public int Collected(int i)
            {
                var v = Make(i);
                ICollection<string> items = new Items();
                return Twice({|#2:v|});
            }

            public int Framework(int i)
            {
                var v = Make(i);
                using (var cancel = new CancellationTokenSource()) { }
                using (var writer = new StringWriter()) { }
                ICollection<string> items = new List<string>();
                items.Add("x");
                Quiet.Count();
                return Twice(v + Quiet.Value);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Make", "Twice", NotIsolated("using (IDisposable d = new Hook()) { }")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Make", "Twice", NotIsolated("Once.Touch()")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Make", "Twice", NotIsolated("new Items()")));

    [Test]
    public Task OPTO017_an_element_read_back_after_code_of_the_project_may_have_replaced_it() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            private static void Normalize(List<string> texts) { for (var i = 0; i < texts.Count; i++) texts[i] = texts[i].Trim(); }
            private static void Log(List<string> texts) { foreach (var t in texts) Console.WriteLine(t.Length); }
            private static void More(List<string> texts, string t) => texts.Add(t + "?");
            private static void Twice(List<string> texts) { Log(texts); Normalize(texts); }
            [Opto.Traced] public string ClassifyAll(IReadOnlyList<string> ps) => string.Join(",", ps);

            public async Task<string> Replaced(string t)
            {
                await Task.Yield();
                var byPlace = new List<string> { Summarize(t) };
                Normalize(byPlace);
                var picked = new List<string> { Summarize(t + "1") };
                Normalize(picked);
                var whole = new List<string> { Summarize(t + "2") };
                Twice(whole);
                var joined = new List<string> { Decide(t) };
                Normalize(joined);
                var inLambda = new List<string> { Decide(t + "1") };
                Action trim = () => inLambda[0] = inLambda[0].Trim();
                trim();
                // Passed whole, the list is glue over what it was filled with, which the compiler proves.
                var result = Classify({|#0:byPlace[0]|}) + Classify({|#1:picked.First()|}) + ClassifyAll(whole) + Classify({|#3:string.Join(",", joined)|})
                    + Classify({|#4:inLambda[0]|});
                foreach (var each in picked) result += Classify({|#5:each|});
                return result;
            }

            private static void InsertTrimmed(List<string> texts) => texts.Insert(0, texts[0].Trim());
            private sealed class Holder(List<string> texts) { public void Trim() => texts[0] = texts[0].Trim(); }

            // Other ways for code of the project to reach the elements.
            public async Task<string> ReplacedElsewhere(string t)
            {
                await Task.Yield();
                var inserted = new List<string> { Summarize(t) };
                InsertTrimmed(inserted);
                var aliased = new List<string> { Summarize(t + "1") };
                var alias = aliased;
                Normalize(alias);
                var cast = new List<string> { Decide(t) };
                Normalize((List<string>)cast);
                var delegated = new List<string> { Decide(t + "1") };
                Action<List<string>> normalize = Normalize;
                normalize(delegated);
                var held = new List<string> { Summarize(t + "2") };
                new Holder(held).Trim();
                return Classify({|#6:inserted[0]|}) + Classify({|#7:aliased[0]|}) + Classify({|#8:cast[0]|}) + Classify({|#9:delegated[0]|}) + Classify({|#10:held[0]|});
            }

            // Read or added to only: what was put in is still there, by its identity.
            public async Task<string> Kept(string t)
            {
                await Task.Yield();
                var read = new List<string> { Summarize(t) };
                Log(read);
                var added = new List<string> { Decide(t) };
                More(added, t);
                return Classify(read[0]) + ClassifyAll(added);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Replaced("byPlace", "Normalize(byPlace)")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", Replaced("picked", "Normalize(picked)")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify", Replaced("joined", "Normalize(joined)")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Decide", "Classify", Replaced("inLambda", "inLambda[0] = inLambda[0].Trim()")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Summarize", "Classify", "'each' is assigned at each iteration of a loop"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Summarize", "Classify", Replaced("inserted", "InsertTrimmed(inserted)")),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Summarize", "Classify", Replaced("aliased", "var alias = aliased;")),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Decide", "Classify", Replaced("cast", "Normalize((List<string>)cast)")),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Decide", "Classify", Replaced("delegated", "normalize(delegated)")),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Summarize", "Classify", Replaced("held", "new Holder(held).Trim()")));

    [Test]
    public Task OPTO017_a_member_of_an_element_is_not_the_element_s_result() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public sealed record Draft(string Text, int Score);
        public sealed class Note { public string Text = ""; public int Score; }

        public class Agent
        {
            [Traced] public Draft Write(string q) => new(q, q.Length);
            [Traced] public Note Take(string q) => new() { Text = q, Score = q.Length };
            // A member of the object set again before it is read: what it holds is not the take's making.
            public async Task<string> Rewritten(string x)
            {
                await Task.Yield();
                var all = new[] { Take(x), Take(x + "22") };
                all[1].Text = "set";
                return Answer({|#5:all[1].Text + "!"|});
            }
            [Traced] public string Answer(string r) => r;
            [Traced] public string Keep(Draft d) => d.Text;
            [Traced] public string Log(object o) => o.ToString()!;
            public virtual void Hook() { }

            // The text read of an element is not the object a traced call returned: only the compiler's flow links it, and
            // none can be claimed where code of the program's runs before the read.
            public string Hooked(string x)
            {
                var all = new[] { Write(x), Write(x + "1") };
                object held = all[0].Text;
                Hook();
                return Answer({|#0:all[1].Text|}) + Answer({|#1:all.First().Text|}) + Answer({|#2:all.MaxBy(d => d.Score)!.Text|}) + Log({|#4:held|});
            }

            // Several candidates and no interceptor of the pick to tell which: a find by a condition.
            public string Found(string x)
            {
                var all = new List<Draft> { Write(x), Write(x + "1") };
                return Answer({|#3:all.Find(d => d.Score > 1)!.Text|});
            }

            // Linked: the compiler's flow, the pick's slot, or the element itself by its identity.
            public async Task<string> Linked(string x)
            {
                await Task.Yield();
                var all = new[] { Write(x), Write(x + "1") };
                var best = all.MaxBy(d => d.Score)!;
                var other = all.MaxBy(d => d.Score)!;
                other = all.MinBy(d => d.Score)!;
                return Answer(all[1].Text) + Answer(best.Text + "!") + Keep(all[0]) + Keep(best) + Answer(other.Text);
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Write", "Answer", NotIsolated("Hook()")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Write", "Answer", OneOfSeveral("all.First()")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Write", "Answer", OneOfSeveral("all.MaxBy(d => d.Score)")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Write", "Answer", OneOfSeveral("all.Find(d => d.Score > 1)")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Write", "Log", NotIsolated("Hook()")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Take", "Answer",
            "a member of 'all[1]' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on"));

    private static string OneOfSeveral(string read) =>
        $"it is read by '{read}' from 'all', which holds more than one value, and the compiler cannot tell which one it reads; keep it in a local of its own, or read it at a constant key or place of a list, a dictionary or an array";

    private static string Replaced(string local, string change) =>
        $"'{local}' may be changed where the compiler does not follow it ({change}) before it is read; fill it only by adding to it or setting an element at a constant key or place, in statements of the block it is declared in";

    private static string NotIsolated(string culprit) =>
        $"the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: {culprit}); make it [Traced] or async";

    [Test]
    public Task OPTO017_follows_results_to_the_object_a_traced_call_is_made_on() => Verify.Analyze([Agent, """
        using System;
        using System.Threading.Tasks;

        public class Doc { public Doc? Next; public string Text = ""; [Opto.Traced] public string Title() => Text + Mark(); [Opto.Traced] public string Mark() => "!"; }
        public struct Pt
        {
            public static Func<int, int> Scale = x => x * 2;
            public int X;
            [Opto.Traced] public int Get() => X;
            public readonly Pt Doubled() => new Pt { X = X * 2 };
            public readonly Pt Scaled() => new Pt { X = Scale(X) };
        }

        public partial class Agent
        {
            private Doc? _kept;
            private Pt _point;
            [Opto.Traced] public Doc Load(string t) => new Doc { Text = t, Next = new Doc() };
            [Opto.Traced] public Pt Make(int x) => new Pt { X = x };

            public async Task<string> Linked(string t, bool fast)
            {
                await Task.Yield();
                // Unchanged objects keep their identity whatever the path; glue and structs through locals are proven.
                var chosen = fast ? Load(t) : Load(t + "?");
                _kept = Load(t);
                var next = Load(t).Next!;
                var pt = Make(1);
                var twice = Make(2).Doubled();
                return chosen.Title() + _kept.Title() + next.Title() + Load(t)?.Title() + pt.Get() + twice.Get() + this.Classify(t);
            }

            public async Task<string> Lost(string t, bool fast)
            {
                await Task.Yield();
                // Chosen among arms one of which calls nothing, in an async method: the arm whose call left a node ran.
                var next = (fast ? Load(t) : t.Length > 1 ? Load(t + "?") : new Doc()).Next!;
                // Set again in straight-line code, the value is the last call's result: linked.
                var pt = Make(1);
                pt = Make(2);
                _point = Make(3);
                Func<Doc> later = () => Load(t).Next!;
                var fromLambda = later();
                return next.Title() + pt.Get() + {|#2:_point|}.Get() + {|#3:fromLambda|}.Title();
            }

            // What was put into an object is the object's own state: calls made on it are not reported.
            public string Kept(string t)
            {
                var list = new System.Collections.Generic.List<string>();
                list.Add(Summarize(t));
                var doc = new Doc();
                doc.Text = Summarize(t);
                doc.Next = Load(t);
                return doc.Title() + list.Count + doc.Next.Title();
            }

            // A delegate could run this method again before the value is used; making a value could not.
            public string NotIsolated(string t)
            {
                var twice = Make(t.Length).Scaled();
                return {|#4:twice|}.Get().ToString();
            }

            public string IsolatedByWhatItRuns(string t)
            {
                var twice = Make(t.Length).Doubled();
                return twice.Get().ToString();
            }

            // A lambda or a local function is its own function: a traced method around it does not isolate it.
            [Opto.Traced]
            public string InALambdaOfATracedMethod(string t)
            {
                Func<string, string> run = x => { var twice = Make(x.Length).Scaled(); return {|#5:twice|}.Get().ToString(); };
                string Local(string x) { var twice = Make(x.Length).Scaled(); return {|#6:twice|}.Get().ToString(); }
                return run(t) + Local(t);
            }
        }
        """], interceptorsEnabled: true,
        // One diagnostic for the two Make calls whose result may be the object: the same message twice at one place would
        // say nothing more.
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Make", "Get", "it is kept in the field '_point'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Load", "Title", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Make", "Get", "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: Make(t.Length).Scaled()); make it [Traced] or async"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Make", "Get", "the lambda is neither async nor a traced method, and runs other code of yours that could call it again before the value is used (here: Make(x.Length).Scaled()); make it async, or move its code into a [Traced] method"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Make", "Get", "the local function is neither async nor a traced method, and runs other code of yours that could call it again before the value is used (here: Make(x.Length).Scaled()); make it async, or make it a [Traced] method of the class"));

    [Test]
    public Task OPTO017_follows_results_out_of_lambdas_passed_to_untraced_code() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t + "."; }
            [Opto.Traced] public int Count(string t) => t.Length;
            [Opto.Traced] public string Score(int n) => n.ToString();

            public async Task<string> Lambdas(List<string> xs)
            {
                var all = await Task.WhenAll(xs.Select(x => SummarizeAsync(x)));
                var joined = Classify(string.Join(", ", all)) + Classify({|#0:string.Concat(all.Select(a => a.ToUpperInvariant()))|});
                // Unchanged results keep their identity: read back, picked, or handed back by Task.Run.
                var first = Classify(all[0]) + Classify(xs.Select(x => Summarize(x)).First()) + Classify(await Task.Run(() => Summarize(xs[0])));
                var total = Score({|#1:xs.Sum(x => Count(x))|});
                var byName = xs.ToDictionary(x => x, x => Summarize(x));
                foreach (var entry in byName) first += Classify(entry.Value);
                return joined + first + total;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("SummarizeAsync", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Count", "Score", "it crosses into or out of a lambda or local function"));

    [Test]
    public Task OPTO017_reads_a_query_expression_as_the_calls_it_is_translated_to() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;

        public partial class Agent
        {
            [Opto.Traced] public List<string> Split(string t) => [t];

            public string Queries(List<string> xs, string t)
            {
                // Linked as `xs.Select(x => Summarize(x))` is: the combiner links the unchanged results by their identity.
                var summaries = from x in xs select Summarize(x);
                var r = Classify(string.Concat(summaries)) + Classify(string.Join(", ", from x in xs where x.Length > 0 select Decide(x)));
                r += Classify(string.Concat(from x in xs from y in xs select Summarize(x + y)));
                // The query runs no code of the method's own: each element of the split reaches Summarize as it is.
                var kept = from part in Split(t) where part.Length > 0 select Summarize(part);
                r += Classify(string.Join("|", kept));
                // Changed in the query's lambda: no identity is left to link.
                var changed = from x in xs select Summarize(x) + "!";
                return r + Classify({|#0:string.Concat(changed)|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"));

    [Test]
    public Task OPTO017_follows_results_into_the_parameters_of_lambdas_and_local_functions() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public List<string> Search(string t) => [t];
            [Opto.Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t + "."; }

            public async Task<string> Lambdas(List<string> xs, string t)
            {
                var r = "";
                var one = Summarize(t);
                Search(t).ForEach(s => r += Classify({|#0:s + "!"|}));
                var projected = xs.Select(x => Summarize(x)).Select(s => Classify({|#1:s + "!"|})).ToList();
                r += Apply(one, x => Classify({|#2:x + "!"|}));
                var all = await Task.WhenAll(xs.Select(x => SummarizeAsync(x)));
                var each = all.Select(s => Classify({|#3:s.Trim()|})).ToList();
                var folded = all.Aggregate((p, q) => Classify({|#4:p + q|}));
                var continued = await SummarizeAsync(t).ContinueWith(task => Classify({|#5:task.Result + "!"|}));
                Action<string> act = s => Classify({|#6:s + "%"|});
                act(one);
                string Local(string x) => Classify({|#7:x.ToUpperInvariant()|});
                Func<string, string> group = Local;
                r += Local(one) + string.Concat(Search(t).Select(Local)) + group("literal");
                // Glue over a delegate's call is glue over its arguments, which the generator links.
                Func<string, string> same = x => x;
                r += Classify(same(one) + "?");
                return r + projected.Count + each.Count + folded + continued;
            }

            // Unchanged, a result keeps its identity through a lambda's parameter; what only picks among results, or computes
            // with other values, is not a path to them.
            public async Task<string> Unchanged(List<string> xs, string t)
            {
                var r = "";
                var one = Summarize(t);
                Search(t).ForEach(s => r += Classify(s));
                r += Apply(one, x => Classify(x)) + Classify(Search(t).First(s => s.Length > 1));
                r += await SummarizeAsync(t).ContinueWith(task => Classify(task.Result));
                r += Classify(SummarizeAsync(t).Result);
                var indexed = xs.Select((x, i) => Classify(x + i)).ToList();
                Action<string> act = s => Classify(s);
                act(one);
                return r + indexed.Count;
            }

            private static string Apply(string value, Func<string, string> f) => f(value);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Search", "Classify", "it is made from an element of the result of 'Search'; only an element passed on unchanged is linked"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("SummarizeAsync", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("SummarizeAsync", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("SummarizeAsync", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Summarize", "Classify", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Search", "Classify", "it is made from an element of the result of 'Search'; only an element passed on unchanged is linked"));

    [Test]
    public Task OPTO017_not_reported_for_parts_a_combiner_links_by_their_identity() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t + "."; }
            [Opto.Traced] public IEnumerable<string> Lazy(string t) { yield return t; }

            public async Task<string> Combined(List<string> xs, string t)
            {
                var all = await Task.WhenAll(xs.Select(x => SummarizeAsync(x)));
                var list = new List<string>();
                foreach (var x in xs) list.Add(Summarize(x));
                var last = "";
                foreach (var x in xs) last = Summarize(x);
                var r = Classify(string.Join(", ", all)) + Classify(string.Concat(list)) + Classify(string.Join(',', Lazy(t)))
                    + Classify(string.Join(", ", xs.Select(x => Summarize(x)))) + Classify(string.Join(", ", t, last, t));
                // Not combiners over parts: the two-argument Concat is glue the compiler must prove. Parts changed on the way.
                r += Classify({|#0:string.Concat(t, last)|}) + Classify({|#1:string.Join(", ", all.Select(a => a + "!"))|});
                return r;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify",
            "'last' is set in a loop, and first by no traced call (last = \"\"), so which call's result it holds is decided at run time; make 'Combined' [Traced], whose running call tells its own calls from those of an earlier or inner call"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("SummarizeAsync", "Classify", "it crosses into or out of a lambda or local function"));

    [Test]
    public Task OPTO017_follows_results_into_untraced_methods_that_pass_them_on_changed() => Verify.Analyze([Agent, """
        using System.Threading.Tasks;

        public static class Prompts
        {
            public static string Framed(this Agent agent, string text) => agent.Classify("[" + text + "]");
            public static string Plain(Agent agent, string text) => agent.Classify(text);
        }

        public partial class Agent
        {
            [Opto.Traced] public int Count(string t) => t.Length;
            [Opto.Traced] public string Score(int n) => n.ToString();
            [Opto.Traced] public string Described(string docs) => Classify($"Docs: {docs}");

            public async Task<string> Run(string q)
            {
                await Task.Yield();
                var docs = Summarize(q);
                var r = Answer(q, {|#0:docs|}) + Middle({|#1:Decide(q)|}) + ScoreOf({|#2:Count(q)|}) + this.Framed({|#3:docs|});
                // Passed on unchanged (a reference keeps its identity), into a traced method (its node links it), an input, a literal.
                r += Same(docs) + Prompts.Plain(this, docs) + Described(docs) + Answer(q, q) + Answer("literal", "docs") + Recursive(docs, 3);
                return r;
            }

            private string Answer(string q, string docs) => Classify($"Q: {q}\nDocs: {docs}");
            private string Middle(string text) => Answer("q", text.Trim());
            private string ScoreOf(int n) => Score(n);
            private string Same(string docs) => Classify(docs);
            private string Recursive(string text, int n) => n == 0 ? Classify(text) : Recursive(text, n - 1);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is passed to 'Answer', which is not traced and passes it on changed to 'Classify'; make 'Answer' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "it is passed to 'Middle', then 'Answer', which are not traced and pass it on changed to 'Classify'; make 'Middle' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Count", "Score", "it is passed to 'ScoreOf', which is not traced and passes it to 'Score' as a value, which has no identity; make 'ScoreOf' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "Classify", "it is passed to 'Framed', which is not traced and passes it on changed to 'Classify'; make 'Framed' [Traced]"));

    [Test]
    public Task OPTO017_follows_results_kept_by_other_members_and_returned_by_untraced_methods() => Verify.Analyze([Agent, """
        using System.Threading.Tasks;

        public partial class Agent
        {
            private string _summary = "";
            private string _note = "n";
            public string Last { get; set; } = "";

            public Agent(string seed) => _note = seed.Trim();

            public async Task<string> Remember(string q)
            {
                await Task.Yield();
                var found = Summarize(q);
                _summary = found;
                Last = Decide(q);
                return Classify({|#0:Last + "!"|});
            }

            public async Task<string> Later(string q)
            {
                await Task.Yield();
                var r = Classify({|#1:_summary + "?"|}) + Classify({|#2:GetDocs(q)|}) + Classify({|#3:await GetDocsAsync(q)|});
                // Unchanged, a result keeps its identity whichever member kept or returned it; a traced method is a producer itself.
                r += Classify(_summary) + Classify(Last) + Classify(Echo(q)) + Classify(Described(q)) + Classify(_note + "!");
                return r;
            }

            private string GetDocs(string q) => "Docs: " + Summarize(q);
            private async Task<string> GetDocsAsync(string q) { var d = Decide(q); await Task.Yield(); return $"Docs: {d}"; }
            private string Echo(string q) => Summarize(q);
            [Opto.Traced] public string Described(string q) => "D: " + Summarize(q);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "it is kept in the property 'Last'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is kept in the field '_summary'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is returned by 'GetDocs', which is not traced; make 'GetDocs' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify", "it is returned by 'GetDocsAsync', which is not traced; make 'GetDocsAsync' [Traced]"));

    [Test]
    public Task OPTO017_text_made_from_the_exception_of_a_try_whose_only_traced_call_comes_first_is_linked_where_the_method_keeps_its_flow() => Verify.Analyze([Agent, """
        using System;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public string Execute(string code) => code.Length > 3 ? throw new InvalidOperationException("too long") : code;
            [Opto.Traced] public string Fix(string error) => error;

            // Async: the try's only traced call comes first, so the exception a catch holds, when that call threw it, is its own.
            public async Task<string> Observe(string code)
            {
                await Task.Yield();
                string observation;
                try { observation = Execute(code); } catch (InvalidOperationException e) { observation = $"Tool failed: {e.Message}"; }
                try { return Execute(code); } catch (Exception e) { return Fix("Error: " + e.Message) + observation; }
            }

            // Neither async nor traced: reading the message may run an exception's own code, which could call the method again.
            public string Plain(string code)
            {
                try { return Execute(code); } {|#40:catch|} (InvalidOperationException e) { return Fix({|#0:"Error: " + e.Message|}); }
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Execute", "Fix", "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: e.Message); make it [Traced] or async"),
        Verify.Diagnostic("OPTO017").WithLocation(40).WithArguments("Execute", "Fix", "its throw runs the catch the call is in, and the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: e.Message); make it [Traced] or async"));

    [Test]
    public Task OPTO017_follows_a_caught_exception_a_traced_call_threw() => Verify.Analyze([Agent, """
        using System;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public string Execute(string code) => code.Length > 3 ? throw new InvalidOperationException("too long") : code;
            [Opto.Traced] public string Fix(string code, string error) => code[..3];
            [Opto.Traced] public string Explain(Exception error) => error.Message;

            public async Task<string> Repair(string code)
            {
                await Task.Yield();
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return Execute(Summarize({|#2:code|}));
                    }
                    {|#6:catch|} (InvalidOperationException e)
                    {
                        // The exception itself keeps its identity (its node is Execute's); its message is new text, which of two
                        // traced calls threw it the compiler cannot tell. What the parameter is set to is glue the compiler does
                        // not follow into the next attempt.
                        code = Fix({|#3:code|}, {|#0:e.Message|}) + Explain(e) + Fix({|#4:code|}, {|#1:$"Error: {e}"|});
                    }
                    {|#7:catch|} (Exception other) when (other is ArgumentException)
                    {
                        code = Fix({|#5:code|}, "retry");
                    }
                }

                return code;
            }
        }
        """], interceptorsEnabled: true, [
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Execute", "Fix", "it is read from the exception 'e' a traced call in the try block threw, which the compiler cannot tell; make that call the first thing the try does and its only traced call, or pass the exception itself, whose node is that call's"),
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Fix", "it is read from the exception 'e' a traced call in the try block threw, which the compiler cannot tell; make that call the first thing the try does and its only traced call, or pass the exception itself, whose node is that call's"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Execute", "Fix", "it is read from the exception 'e' a traced call in the try block threw, which the compiler cannot tell; make that call the first thing the try does and its only traced call, or pass the exception itself, whose node is that call's"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Fix", "it is read from the exception 'e' a traced call in the try block threw, which the compiler cannot tell; make that call the first thing the try does and its only traced call, or pass the exception itself, whose node is that call's"),
        // Which of the two traced calls of the try block threw into each catch, no edge says.
        .. new[] { 6, 7 }.SelectMany(at => new[] { "Execute", "Summarize" }.Select(producer => Verify.Diagnostic("OPTO017").WithLocation(at).WithArguments(producer, "Fix",
            "its throw runs the catch the call is in, as the throw of another traced call in the try block does, and no edge says which one threw; give each call a try of its own"))),
        .. new[] { (2, "Summarize"), (3, "Fix"), (4, "Fix"), (5, "Fix") }.SelectMany(at => new[] { "Explain", "Fix" }.Select(producer =>
            Verify.Diagnostic("OPTO017").WithLocation(at.Item1).WithArguments(producer, at.Item2, "it is kept in the parameter 'code', which the compiler follows only as it was passed; give the new value a local of its own")))]);

    [Test]
    public Task OPTO017_follows_results_into_a_StringBuilder_and_reports_what_its_text_does_not_link() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        public partial class Agent
        {
            private readonly StringBuilder _log = new();
            private StringBuilder _started = new();
            private StringBuilder _notes { get; } = new();
            private void Note(string t) => _notes.AppendLine(Decide(t).Trim()).Append(Summarize(t));
            [Opto.Traced] public int Count(string t) => t.Length;
            [Opto.Traced] public List<string> Search(string t) => [t];
            [Opto.Traced] public Reply Ask(string t) => new() { Text = t };
            public sealed class Reply { public string Text = ""; }

            public async Task<string> Prompts(string t, IEnumerable<string> tickets)
            {
                await Task.Yield();
                var s = Summarize(t);
                // Linked: results put in unchanged with Append, AppendLine or Insert, through a chain, a loop, a field, or
                // after the builder was cleared.
                var prompt = new StringBuilder("Summary: ");
                prompt.Append(s).AppendLine().Append(' ');
                foreach (var ticket in tickets) prompt.AppendLine(Decide(ticket));
                prompt.Insert(0, (object)Decide(t)).AppendJoin("\n", Search(t));
                _log.Append(Summarize(t));
                var a = Classify(prompt.ToString()) + Classify(new StringBuilder().Append(Decide(t)).Append(", ").ToString()) + Classify(_log.ToString());
                // What another member put into the field changed, where the compiler proves the flow there: linked as glue.
                var h = Classify(_notes.ToString());
                prompt.Clear();
                prompt.Append(Summarize(t));
                var b = Classify(prompt.ToString());

                // Changed on the way in where the compiler proves the flow: recorded as glue where it goes in, linked.
                var changed = new StringBuilder();
                changed.Append(Summarize(t).Trim());
                var reply = Ask(t);
                changed.AppendLine(reply.Text);
                var c = Classify(changed.ToString());
                // Not linked: interpolated, formatted, joined, the starting text, a value type.
                var interpolated = new StringBuilder();
                interpolated.AppendLine($"Docs: {Decide(t)}");
                var d = Classify({|#1:interpolated.ToString()|});
                var formatted = new StringBuilder();
                formatted.AppendFormat("{0}!", Summarize(t)).AppendJoin(", ", Search(t)).AppendJoin(',', Search(t).Select(s => s.Trim()));
                var e = Classify({|#2:formatted.ToString()|});
                _started = new StringBuilder(Decide(t)).Append(Count(t));
                var f = Classify({|#3:_started.ToString()|});
                // Made in one expression, or from a local assigned once, the compiler proves the flow itself.
                var proven = new StringBuilder(Decide(t)).Append(Count(t));
                var g = Classify(proven.ToString()) + Classify(new StringBuilder().AppendFormat("{0}", Summarize(t)).ToString());
                // The text itself changed on its way: none of its parts is linked.
                var trimmed = new StringBuilder();
                trimmed.Append(Decide(t));
                var i = Classify({|#5:trimmed.ToString().Trim()|});
                return a + b + c + d + e + f + g + h + i;
            }

            // Changed on the way in where the compiler cannot prove the flow: not linked.
            public string Unproven(string t, Action hook)
            {
                var changed = new StringBuilder();
                var summary = Summarize(t);
                hook();
                changed.Append(summary.Trim());
                return Classify({|#0:changed.ToString()|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", NotIsolated("hook()")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "it is interpolated into 'interpolated', whose holes no interceptor sees; append it on its own (.Append(value))"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Search", "Classify", "it is made from an element of the result of 'Search'; only an element passed on unchanged is linked"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it reaches 'formatted' through AppendFormat(string, object?), which is not linked; put text or objects in with Append, AppendLine or Insert"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Count", "Classify", "it reaches 'the StringBuilder' through Append(int), which is not linked; put text or objects in with Append, AppendLine or Insert"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify", "it is the starting text of a StringBuilder, which is not linked; append it instead"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Decide", "Classify", "the text of 'trimmed' is changed before it is passed on; only the text ToString() returns is linked"));

    [Test]
    public Task OPTO017_follows_a_StringBuilder_into_the_untraced_methods_that_fill_it() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public List<string> Search(string t) => [t];

            public async Task<string> Filled(string q)
            {
                await Task.Yield();
                var linked = new StringBuilder();
                Fill(linked, Search(q));
                Joined(linked, Search(q));
                AddOne(linked, Summarize(q), "- ");
                var changed = new StringBuilder();
                FillChanged(changed, Search(q));
                var one = new StringBuilder();
                AddOneChanged(one, Decide(q));
                var own = new StringBuilder();
                AddOwn(own, q);
                var joined = new StringBuilder();
                JoinedChanged(joined, Search(q));
                return Classify(linked.ToString()) + Classify({|#0:changed.ToString()|}) + Classify({|#1:one.ToString()|}) + Classify(own.ToString()) + Classify({|#3:joined.ToString()|});
            }

            private static void Fill(StringBuilder sb, List<string> docs) { foreach (var d in docs) sb.Append("- ").AppendLine(d); }
            private static void AddOne(StringBuilder sb, string doc, string bullet) => sb.Append(bullet).Append((object)doc);
            private static void FillChanged(StringBuilder sb, List<string> docs) { foreach (var d in docs) sb.AppendLine("- " + d); }
            private static void AddOneChanged(StringBuilder sb, string doc) => sb.AppendFormat("- {0}", doc);
            // Its own calls' results changed where the compiler proves the flow: recorded as glue where they go in, linked.
            private void AddOwn(StringBuilder sb, string q) => sb.Append(Summarize(q).ToUpperInvariant()).Append(Decide(q));
            private static void Joined(StringBuilder sb, List<string> docs) => sb.AppendJoin("\n", docs);
            private static void JoinedChanged(StringBuilder sb, List<string> docs) => sb.AppendJoin("\n", docs.Select(d => d.Trim()));
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Search", "Classify", "'FillChanged' changes it before it puts it into the StringBuilder 'sb'; only a value appended unchanged is linked"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "'AddOneChanged' puts it into the StringBuilder 'sb' through AppendFormat, which is not linked; put text or objects in with Append, AppendLine or Insert"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Search", "Classify", "'JoinedChanged' changes it before it puts it into the StringBuilder 'sb'; only a value appended unchanged is linked"));

    [Test]
    public Task OPTO017_fix_appends_interpolated_parts_one_by_one() => Verify.Fix<SplitInterpolatedAppendFix>(""""
        using System.Text;
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Decide(string t) => t;
            [Traced] public string Classify(string p) => p;

            public async Task<string> Prompt(string t)
            {
                await Task.Yield();
                var s = Summarize(t);
                var d = Decide(t);
                var prompt = new StringBuilder();
                prompt.AppendLine($"Summary: {s}");
                prompt.Append($@"Decision ""{d}"" {{done}}").AppendLine($"{d.Length}");
                prompt.Append($"{s,10}");
                return Classify({|#0:prompt.ToString()|});
            }
        }
        """", """"
        using System.Text;
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Decide(string t) => t;
            [Traced] public string Classify(string p) => p;

            public async Task<string> Prompt(string t)
            {
                await Task.Yield();
                var s = Summarize(t);
                var d = Decide(t);
                var prompt = new StringBuilder();
                prompt.Append("Summary: ").AppendLine(s);
                prompt.Append(@"Decision """).Append(d).Append(@""" {done}").Append(d.Length).AppendLine();
                prompt.Append($"{s,10}");
                return Classify({|#0:prompt.ToString()|});
            }
        }
        """",
        [
            Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is interpolated into 'prompt', whose holes no interceptor sees; append it on its own (.Append(value))"),
            Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "it is interpolated into 'prompt', whose holes no interceptor sees; append it on its own (.Append(value))"),
        ],
        // What the fix cannot split (an aligned hole), and a value type, which has no identity, are still reported.
        [
            Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "it reaches 'prompt' through Append(int), which is not linked; put text or objects in with Append, AppendLine or Insert"),
            Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is interpolated into 'prompt', whose holes no interceptor sees; append it on its own (.Append(value))"),
        ]);

    [Test]
    public Task OPTO017_follows_a_value_used_unchanged_and_changed_along_both_ways() => Verify.Analyze([Agent, """
        using System.Collections.Generic;

        public partial class Agent
        {
            private string _kept = "";

            public string Both(string t, bool plain, List<string> tickets)
            {
                _kept = Summarize(t);
                // Unchanged on one branch, changed on the other: the changed one is not linked, whichever is seen first.
                var a = Classify({|#0:plain ? _kept : _kept + "!"|}) + Classify({|#1:plain ? _kept + "?" : _kept|});
                var last = "";
                foreach (var ticket in tickets) last = Decide(ticket);
                return a + Classify({|#2:plain ? last : last.Trim()|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify", "it is chosen by a condition"));

    [Test]
    public Task OPTO017_a_local_a_loop_sets_again_is_linked_where_the_runtime_tells_this_call_s_steps_apart() => Verify.Analyze([Agent, """
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            // The running call tells its own critiques from an earlier call's.
            [Traced] public string Refine(string q, int turns)
            {
                var feedback = "";
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Classify(q + feedback);
                    feedback = Decide(reply);
                }

                return reply;
            }

            // An async method's slots are its own only until a call of it runs inside it, through any chain of calls.
            public async Task<string> RefineAsync(string q, int turns)
            {
                await Task.Yield();
                var feedback = "";
                var reply = "";
                for (var i = 0; i < turns; i++)
                {
                    reply = Classify({|#3:$"{q} / {feedback}"|});
                    feedback = Decide(reply);
                }

                return reply;
            }

            // Calling itself: the inner call starts with the outer call's critique.
            public async Task<string> Recursive(string q, int depth)
            {
                await Task.Yield();
                var feedback = "";
                for (var i = 0; i < 2; i++)
                {
                    var reply = Classify({|#0:q + feedback|});
                    feedback = Decide(reply);
                    if (depth > 0) await Recursive(q, depth - 1);
                }

                return feedback;
            }

            // Given to the call that sets it again: its earlier result is linked. With another call in the step, which runs
            // before the read, it is not.
            public string Improve(string q, int turns)
            {
                var answer = Summarize(q);
                for (var i = 0; i < turns; i++) answer = Decide($"{answer}\nBe brief.");
                var other = Summarize(q);
                for (var i = 0; i < turns; i++) other = Summarize(q) + Decide({|#2:other + "?"|});
                return answer + other;
            }

            // A step in a try that catches may fail after its call ran, and leave the local as it was.
            [Traced] public string Caught(string q, int turns)
            {
                var feedback = "";
                for (var i = 0; i < turns; i++)
                {
                    Classify({|#1:q + feedback|});
                    try { feedback = Decide(q).Trim(); } catch (System.InvalidOperationException) { }
                }

                return feedback;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify",
            "'feedback' is set in a loop, and first by no traced call (feedback = \"\"), so which call's result it holds is decided at run time; make 'Recursive' [Traced], whose running call tells its own calls from those of an earlier or inner call"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Decide", "Classify",
            "'feedback' is set in a loop, and first by no traced call (feedback = \"\"), so which call's result it holds is decided at run time; make 'RefineAsync' [Traced], whose running call tells its own calls from those of an earlier or inner call"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Decide", "Classify", "'feedback' is assigned more than once, so which call's result it holds is decided at run time"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Decide", "'other' is assigned more than once, so which call's result it holds is decided at run time"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Decide", "'other' is assigned more than once, so which call's result it holds is decided at run time"));

    [Test]
    public Task OPTO017_leaves_out_assignments_that_cannot_run_before_the_read() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public partial class Agent
        {
            public string Later(string t, List<string> tickets)
            {
                // Straight-line code: each read holds the last call's result before it, linked.
                var x = Summarize(t);
                var a = Classify(x + "!");
                x = Decide(t);
                var b = Classify(x + "?");
                var y = "";
                foreach (var ticket in tickets)
                {
                    b += Classify({|#2:y + "."|});
                    y = Decide(ticket);
                }

                return a + b;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Decide", "Classify",
            "'y' is set in a loop, and first by no traced call (y = \"\"), so which call's result it holds is decided at run time; make 'Later' [Traced], whose running call tells its own calls from those of an earlier or inner call"));

    [Test]
    public Task OPTO017_follows_a_member_set_from_itself_once() => Verify.Analyze([Agent, """
        using System;
        using System.Threading.Tasks;

        public struct Ctx { public double X; }

        public partial class Agent
        {
            [Opto.Traced] public double Measure(string t) => t.Length;
            [Opto.Traced] public string Score(double x) => x.ToString();

            public async Task<string> SelfUpdated(string t)
            {
                await Task.Yield();
                var c = new Ctx();
                c.X = Measure(t);
                c.X = Math.Clamp(c.X, 0, 1) * 0.99;
                return Score({|#0:c.X|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Measure", "Score", "it is kept in 'X' of 'c'; pass it through a local or an argument, or set 'X' once, after 'c' is made here and before it is read, and use 'c' only to read and set its fields and auto-properties"));

    [Test]
    public Task OPTO017_not_reported_where_an_unchanged_result_is_read_back_from_a_collection_an_object_or_a_deconstruction() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;

        public sealed record Pair(string First, string Second);
        public sealed class Request { public Request(string text) => Text = text; public string Text { get; } }

        public partial class Agent
        {
            [Opto.Traced] public string ClassifyAll(IReadOnlyList<string> ps) => string.Join(",", ps);

            public string Reads(string t, bool flag)
            {
                var list = new List<string>();
                foreach (var x in new[] { "a", "bb" }) list.Add(Summarize(x));
                var best = list.MaxBy(s => s.Length)!;
                var dictionary = new Dictionary<string, string> { ["k"] = Decide(t) };
                var pair = new Pair(Summarize(t), Decide(t));
                var (first, second) = pair;
                var result = Classify(best) + Classify(list.First()) + Classify(list.Last()) + ClassifyAll(list.ToList()) + ClassifyAll(list.Where(s => s.Length > 1).ToList());
                foreach (var entry in dictionary) result += Classify(entry.Value);
                foreach (var value in dictionary.Values.Where(v => v.Length > 0)) result += Classify(value);
                result += Classify(first) + Classify(pair.Second) + Classify(new Request(Summarize(t)).Text);
                if (pair is var (one, _)) result += Classify(one);
                if (dictionary.TryGetValue("k", out var found)) result += Classify(found);
                if (Copy(Summarize(t), out var copied)) result += Classify(copied) + Classify(copied + "!");
                return result;
            }

            private static bool Copy(string text, out string copy) { copy = text; return true; }
        }
        """], interceptorsEnabled: true);
        // An out result is glue over the call's arguments and the object the call is made on (the lambdas given to LINQ are
        // walked with the method, which runs no other code of the program's); unchanged, it links.

    [Test]
    public Task OPTO017_does_not_advise_tracing_a_helper_whose_calls_cannot_be_traced() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            private string Wrap(ref bool wrapped) { wrapped = true; return Summarize("x") + "!"; }
            private string Plain() => Summarize("y") + "!";

            public string Run()
            {
                var wrapped = false;
                return Classify({|#0:Wrap(ref wrapped)|}) + Classify({|#1:Plain()|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify",
            "it is returned by 'Wrap', which is not traced and cannot be: parameter 'wrapped' is a value type passed by reference (ref), and a value the call sets there cannot be linked to it; return it instead"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is returned by 'Plain', which is not traced; make 'Plain' [Traced]"));

    [Test]
    public Task OPTO017_follows_results_out_of_computed_properties_and_iterators() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            [Opto.Traced] public string AnswerAll(IReadOnlyList<string> parts) => string.Join("|", parts);
            [Opto.Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t; }
            [Opto.Traced] public string Number(int n) => n.ToString();

            public string Latest => Summarize("latest");
            public string Labelled => "S: " + Summarize("labelled");
            public string Block { get { var s = Summarize("block"); return s.Trim(); } }

            [Opto.Traced] public static string Fetch(string t) => t;
            private readonly System.Lazy<string> _first = new(() => Fetch("first"));

            public string FromProperties() =>
                Classify(Latest) + Classify({|#0:Latest + "!"|}) + Classify({|#1:Labelled|}) + Classify({|#2:Block|}) + Classify(_first.Value) + Classify({|#5:_first.Value + "!"|});

            private IEnumerable<string> Wrapped(string t) { yield return "[" + Summarize(t) + "]"; }
            private IEnumerable<string> Unchanged(string t) { yield return Summarize(t); }
            private async IAsyncEnumerable<int> Counts(string t) { yield return (await SummarizeAsync(t)).Length; }

            public async Task<string> FromIterators(string t)
            {
                var text = AnswerAll({|#3:Wrapped(t).ToList()|}) + AnswerAll(Unchanged(t).ToList());
                await foreach (var n in Counts(t)) text += Number({|#4:n|});
                return text;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is returned by the property 'Latest', whose getter is not traced; make it a [Traced] method"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "it is returned by the property 'Labelled', whose getter is not traced; make it a [Traced] method"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Classify", "it is returned by the property 'Block', whose getter is not traced; make it a [Traced] method"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Summarize", "AnswerAll", "it is yielded by 'Wrapped', which is not traced; make 'Wrapped' [Traced]"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Fetch", "Classify", "it is kept in the field '_first'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("SummarizeAsync", "Number", "'n' is assigned at each iteration of a loop"));

    [Test]
    public Task OPTO017_follows_an_out_result_to_the_object_the_call_is_made_on() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;

        public partial class Agent
        {
            public static Action? Hook;
            [Opto.Traced] public Dictionary<string, int> Scores(string t) => new() { ["k"] = t.Length };
            [Opto.Traced] public Dictionary<string, string> Table(string t) => new() { ["k"] = t + "!" };
            [Opto.Traced] public string Number(int n) => n.ToString();

            // Nothing here can run this method again before the value is used: the compiler proves the out result's flow.
            public string Proven(string t) => Scores(t).TryGetValue("k", out var n) ? Number(n) : "";

            // A delegate could, between the call and the read: a number has no identity to link by; a dictionary's text value is
            // linked at run time by its own.
            public string Unproven(string t)
            {
                var scores = Scores(t);
                Hook?.Invoke();
                var table = Table(t);
                var text = scores.TryGetValue("k", out var n) ? Number({|#0:n|}) : "";
                if (table.TryGetValue("k", out var value)) text += Classify(value);
                foreach (var entry in table) text += Classify(entry.Value);
                return text;
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Scores", "Number", "it is a value read from an element of the result of 'Scores', which has no identity to be linked by at run time"));

    [Test]
    public Task OPTO017_not_reported_where_the_producer_or_the_consumer_is_not_intercepted() => Verify.Analyze([Agent, """
        public static class Tools
        {
            // Methods whose parameter clashes with the interceptor's names: their calls are not traced (OPTO013), so there is no node to link.
            [Opto.Traced] private static string Hidden(string __t) => __t;
            [Opto.Traced] private static string Shadow(string __t) => __t;

            public static string Glued(Agent agent, string t, bool fast)
            {
                var hidden = fast ? Hidden(t) : Hidden(t + "!");
                var fromHidden = agent.Classify(hidden.Trim());
                var picked = fast ? agent.Summarize(t) : agent.Decide(t);
                var intoShadow = Shadow(picked.Trim());
                var again = fast ? agent.Summarize(t) : t.Length > 1 ? agent.Decide(t) : t;
                return fromHidden + intoShadow + agent.Classify({|#0:again.Trim()|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Decide", "Classify", "it is chosen by a condition"));

    [Test]
    public Task OPTO017_not_reported_for_flows_the_generator_links() => Verify.Analyze([Agent, """
        using System.Threading.Tasks;

        public partial class Agent
        {
            public string Linked(string t)
            {
                var summary = Summarize(t);
                var language = Decide(t);
                var prompt = $"In {language}: {summary.Trim()}";
                return Classify(prompt) + Classify(Summarize(t).ToUpperInvariant()) + Classify(summary);
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_an_unchanged_result_put_into_a_collection_class_of_the_program_is_not_read_by_tracing() => Verify.Analyze("""
        using System.Collections;
        using System.Collections.Generic;
        using Opto;

        public sealed class Bag : IReadOnlyCollection<string>
        {
            private readonly List<string> _items = new();
            public void Add(string item) => _items.Add(item);
            public int Count => _items.Count;
            public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        public class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public Bag Collect(string t) => new() { t };
            [Traced] public string Merge(IReadOnlyCollection<string> all) => string.Join(",", all);

            [Traced]
            public string Run(string t)
            {
                var filled = new Bag { Summarize(t) };
                var s = Summarize(t);
                var added = new Bag();
                added.Add(s);
                var list = new List<string> { Summarize(t) };
                // A List<T>, an array and a collection expression are read; a collection a traced call returned links as a
                // whole; a collection the compiler saw filled (an initializer, a wrapper over one) is glue over what it put in.
                return Merge(filled) + Merge({|#0:added|}) + Merge(list.AsReadOnly()) + Merge(list) + Merge([s]) + Merge(new[] { s })
                    + Merge(Collect(t));
            }

            // The elements of a collection class a traced call returned are not read either, but the loop's variable is an
            // element of what the loop read: glue over the call (here, where the method's running call keeps its flow its own).
            [Traced]
            public string Each(string t)
            {
                var all = "";
                foreach (var item in Collect(t)) all += Summarize(item);
                foreach (var item in new List<string>(Collect(t))) all += Summarize(item);
                foreach (var item in Listed(t)) all += Summarize(item);
                return all;
            }

            [Traced] public List<string> Listed(string t) => [t];
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Merge", "it is an element of 'Bag', whose elements tracing does not read (it reads arrays and the framework's own collections only, as enumerating another could run your code); pass a List<T> or an array"));

    [Test]
    public Task OPTO017_not_reported_for_a_result_kept_in_a_property_or_field_and_passed_on_unchanged() => Verify.Analyze("""
        using Opto;

        class Pool
        {
            [Traced] public int[] Rent(int n) => new int[n];
            [Traced] public void Return(int[] array) { }
        }

        class Group(Pool pool)
        {
            private readonly Pool _pool = pool;
            private int[] _items = new int[1];
            public int[] Lines { get; set; } = new int[1];

            // The array Rent returned in an earlier call, passed on whole and unchanged, is linked to Rent by its identity.
            [Traced] public void Grow()
            {
                var newItems = _pool.Rent(4);
                _pool.Return(Lines);
                Lines = newItems;
            }

            [Traced] public void GrowItems()
            {
                var newItems = _pool.Rent(4);
                _pool.Return(_items);
                _items = newItems;
            }
        }
        """);

    [Test]
    public Task OPTO017_a_member_read_from_a_kept_result_is_not_an_element_of_it() => Verify.Analyze("""
        using Opto;

        class Pool
        {
            [Traced] public int[] Rent(int n) => new int[n];
            [Traced] public void Return(int[] array) { }
        }

        class Group(Pool pool)
        {
            private readonly Pool _pool = pool;
            public int[] Lines { get; set; } = new int[1];

            // The length is computed from the array Rent returned, which was kept in a property on its way.
            [Traced] public void Grow()
            {
                var newItems = _pool.Rent({|#0:Lines.Length * 2|});
                _pool.Return(Lines);
                Lines = newItems;
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Rent", "Rent", "it is kept in the property 'Lines'; pass it through a local or an argument"));

    [Test]
    public Task OPTO017_reported_for_an_element_of_a_kept_result() => Verify.Analyze("""
        using Opto;

        class Pool
        {
            [Traced] public int[] Rent(int n) => new int[n];
            [Traced] public void Return(int[] array) { }
            [Traced] public void Use(int line) { }
        }

        class Group(Pool pool)
        {
            private readonly Pool _pool = pool;
            public int[] Lines { get; set; } = new int[1];

            // An int element has no identity, and the array is linked as a whole: only the array itself is linked.
            [Traced] public void Grow()
            {
                var newItems = _pool.Rent(4);
                _pool.Use({|#0:Lines[0]|});
                _pool.Return(Lines);
                Lines = newItems;
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Rent", "Use", "it is an element of the result of 'Rent', which is linked as a whole"));

    /// <summary>The same when another method keeps the result: an element read of it is still an element, not the collection.</summary>
    [Test]
    public Task OPTO017_reported_for_an_element_of_a_result_another_method_kept() => Verify.Analyze("""
        using Opto;

        class Pool
        {
            [Traced] public int[] Rent(int n) => new int[n];
            [Traced] public void Return(int[] array) { }
            [Traced] public void Use(int line) { }
        }

        class Group(Pool pool)
        {
            private readonly Pool _pool = pool;
            private int[] _kept = new int[1];
            public int[] Lines { get; set; } = new int[1];

            public void Fill() { Lines = _pool.Rent(4); _kept = _pool.Rent(2); }

            [Traced] public void Other()
            {
                _pool.Use({|#0:Lines[0]|});
                _pool.Use({|#1:_kept[1]|});
                _pool.Return(Lines);
                _pool.Return(_kept);
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Rent", "Use", "it is kept in the property 'Lines'; pass it through a local or an argument"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Rent", "Use", "it is kept in the field '_kept'; pass it through a local or an argument"));
}
