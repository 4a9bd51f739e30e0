using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

// A member or an element of an element (`all[1].Inner`, `best.Inner` after a pick, `docs[0].Inner`) is not the element, even
// when it is of the element's own type; and a member an untraced helper sets to what it is given holds that value.
public class ElementPartTests
{
    [Test]
    public Task OPTO017_a_part_of_an_element_of_the_result_s_own_type_is_not_the_result() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public sealed record Draft(string Text, int Score, Draft? Inner = null);
        public sealed class Doc { public string Text = ""; public Doc? Inner; }

        public class Agent
        {
            [Traced] public Draft Write(string q) => new(q, q.Length, new Draft("i" + q, 0));
            [Traced] public List<Doc> Search(string q) => [new Doc { Text = q, Inner = new Doc() }];
            [Traced] public string Keep(Draft d) => d.Text;
            [Traced] public string KeepDoc(Doc d) => d.Text;
            [Traced] public string Log(object o) => o.ToString()!;
            public virtual void Hook() { }

            public string Indexed(string x) { var all = new[] { Write(x), Write(x + "1") }; Hook(); return Keep({|#0:all[1].Inner|}!); }
            public string Picked(string x) { var all = new[] { Write(x), Write(x + "22") }; var best = all.MaxBy(d => d.Score)!; Hook(); return Keep({|#1:best.Inner|}!); }
            public string Looped(string x) { var all = new[] { Write(x), Write(x + "1") }; var r = ""; foreach (var d in all) { Hook(); r += Keep({|#2:d.Inner|}!); } return r; }
            public string Added(string x) { var all = new List<Draft>(); all.Add(Write(x)); Hook(); return Keep({|#3:all[0].Inner|}!); }
            public string OfAList(string x) { var docs = Search(x); Hook(); return KeepDoc({|#4:docs[0].Inner|}!); }
            public string Looked(string x) { var map = new Dictionary<string, Draft> { ["a"] = Write(x) }; Hook(); return map.TryGetValue("a", out var d) ? Keep({|#5:d.Inner|}!) : ""; }
            public string FromTheEnd(string x) { var all = new[] { Write(x), Write(x + "1") }; Hook(); return Keep({|#6:all[^1].Inner|}!); }
            public string SetTwice(string x) { var all = new[] { Write(x), Write(x + "1") }; object o = all[0].Text; o = all[1].Text; Hook(); return Log({|#7:o|}); }
            public string Chosen(string x, bool b) { var all = new[] { Write(x), Write(x + "1") }; Hook(); return Log({|#8:b ? all[1].Text : (object)1|}); }
            public string TakenApart(string x) { var all = new[] { Write(x), Write(x + "1") }; var r = ""; foreach (var (text, score, inner) in all) { Hook(); r += Keep({|#11:inner|}!); } return r; }
            public string OfATuple(string x) { var t = (Write(x), 1); Hook(); return Keep({|#9:t.Item1.Inner|}!); }
            public string OfAPair(string x)
            {
                var map = new Dictionary<string, Draft> { ["a"] = Write(x), ["b"] = Write(x + "1") };
                var r = "";
                foreach (var kv in map) { Hook(); r += Keep({|#10:kv.Value.Inner|}!) + Keep(kv.Value); }
                return r;
            }

            // Linked: an element of a traced call's list as it is, an element of an element as it is, the compiler's flow.
            public string Element(string x) { var docs = Search(x); Hook(); return KeepDoc(docs[0]); }
            public string Jagged(string x) { var all = new[] { new[] { Write(x) }, new[] { Write(x + "1") } }; Hook(); return Keep(all[1][0]); }
            public string Item(string x) { var all = new[] { (Write(x), 1), (Write(x + "1"), 2) }; Hook(); return Keep(all[0].Item1); }
            public string SecondItem(string x) { var t = (Write(x), Write(x + "1")); return Log(t.Item2.Text + "!"); }
            public string Items(string x) { var all = new[] { (Write(x), 1), (Write(x + "1"), 2) }; var r = ""; foreach (var (draft, n) in all) { Hook(); r += Keep(draft); } return r; }
            public async Task<string> Flowed(string x) { await Task.Yield(); var all = new[] { Write(x), Write(x + "1") }; return Keep(all[1].Inner!); }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Write", "Keep", NotIsolated),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Write", "Keep",
            "it is read by 'all.MaxBy(d => d.Score)' from 'all', which holds more than one value, and the compiler cannot tell which one it reads; keep it in a local of its own, or read it at a constant key or place of a list, a dictionary or an array"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Write", "Keep", "'d' is assigned at each iteration of a loop"),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Write", "Keep", "it reaches 'all' through Add, which changes the object where the compiler does not follow it"),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Search", "KeepDoc", "it is read from an element of the result of 'Search'; only an element passed on unchanged is linked"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Write", "Keep", "'d' is set through an out or ref argument"),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Write", "Keep",
            "it is read at 'all[^1]', whose key or place the compiler cannot tell, from 'all', which holds more than one value; read it at a constant key or place"),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Write", "Log", "'o' is assigned more than once, so which call's result it holds is decided at run time"),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Write", "Log", "it is chosen by a condition"),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Write", "Keep", NotIsolated),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Write", "Keep", "'kv' is assigned at each iteration of a loop"),
        Verify.Diagnostic("OPTO017").WithLocation(11).WithArguments("Write", "Keep", "'inner' is assigned at each iteration of a loop"));

    [Test]
    public Task OPTO017_a_member_an_untraced_helper_sets_to_a_traced_result_is_reported_where_it_is_changed() => Verify.Analyze("""
        using System.Linq;
        using Opto;

        public sealed class Note { public string Text = ""; public int Score; }

        public static class Notes
        {
            public static void Put(this Note n, string t) => n.Text = t;
        }

        public class Agent
        {
            [Traced] public Note Take(string q) => new() { Text = q, Score = q.Length };
            [Traced] public string Other(string q) => q;
            [Traced] public string Answer(string r) => r;
            static void Set(Note n, string t) => n.Text = t;
            static void Framed(Note n, string t) => n.Text = "[" + t + "]";
            static void ThroughALocal(Note n, string t) { var kept = t; n.Text = kept; }
            static void Twice(Note n, string t) { n.Text = t; n.Text = n.Text + "?"; }

            public string Glued(string x) { var n = Take(x); Set(n, Other(x)); return Answer({|#0:n.Text + "!"|}); }
            public string ChangedByIt(string x) { var n = Take(x); Framed(n, Other(x)); return Answer({|#1:n.Text|}); }
            public string OfAPick(string x) { var all = new[] { Take(x), Take(x + "22") }; var best = all.MaxBy(d => d.Score)!; Set(best, Other(x)); return Answer({|#2:best.Text + "!"|}); }
            public string Local(string x) { var n = Take(x); ThroughALocal(n, Other(x)); return Answer({|#3:n.Text + "!"|}); }
            public string SetAgain(string x) { var n = Take(x); Twice(n, Other(x)); return Answer({|#4:n.Text|}); }
            public string Extended(string x) { var n = Take(x); n.Put(Other(x)); return Answer({|#5:n.Text + "!"|}); }

            // Linked: the text the helper set, passed on as it is, is the other call's result by its identity.
            public string AsItIs(string x) { var n = Take(x); Set(n, Other(x)); return Answer(n.Text); }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Other", "Answer", SetBy("n", "Set")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Other", "Answer", SetBy("n", "Framed")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Other", "Answer", SetBy("best", "Set")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Other", "Answer", SetBy("n", "ThroughALocal")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Other", "Answer", SetBy("n", "Twice")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Other", "Answer", SetBy("n", "Put")));

    [Test]
    public Task OPTO017_a_helper_s_set_is_followed_through_generics_fields_out_parameters_and_loops_and_one_it_may_skip_keeps_the_object_s_value() => Verify.Analyze("""
        using System;
        using Opto;

        public sealed class Note { public string Text = ""; }
        public sealed class Box<T> { public T Value = default!; }

        public class Agent
        {
            [Traced] public Note Take(string q) => new() { Text = q };
            [Traced] public string Other(string q) => q;
            [Traced] public string Answer(string r) => r;
            private static string? s_last;
            private string? _kept;

            static void Put<T>(Box<T> box, T value) => box.Value = value;
            static void ThroughAStatic(Note n, string t) { s_last = t; n.Text = s_last; }
            void ThroughAField(Note n, string t) { _kept = t; n.Text = _kept; }
            static void ThroughAnOut(Note n, string t, out string o) { o = t; n.Text = o; }
            static void FromEach(Note n, string[] ts) { foreach (var t in ts) n.Text = t; }
            static void Appended(Note n, string t) { n.Text = ""; n.Text += t; }
            static void Maybe(Note n, string t, bool b) { if (b) n.Text = t; }
            static void Early(Note n, string t) { if (t.Length > 99) return; n.Text = t; }
            static void Deferred(Note n, string t) { Action set = () => n.Text = t; if (t.Length > 0) set(); }
            static void Held(Note n, string t) { lock (n) { using (new System.IO.MemoryStream()) { n.Text = t; } } }
            static void AfterALoop(Note n, string t) { foreach (var c in t) { if (c == '?') break; } try { } finally { n.Text = t; } }
            static void FromItself(Note n, string t) => n.Text = n.Text + t;

            public string Generic(string x) { var box = new Box<string>(); Put(box, Other(x)); return Answer({|#0:box.Value + "!"|}); }
            public string Static(string x) { var n = Take(x); ThroughAStatic(n, Other(x)); return Answer({|#1:n.Text + "!"|}); }
            public string Field(string x) { var n = Take(x); ThroughAField(n, Other(x)); return Answer({|#2:n.Text + "!"|}); }
            public string Out(string x) { var n = Take(x); ThroughAnOut(n, Other(x), out _); return Answer({|#3:n.Text + "!"|}); }
            public string Loop(string x) { var n = Take(x); FromEach(n, [Other(x)]); return Answer({|#4:n.Text + "!"|}); }
            public string InPlace(string x) { var n = Take(x); Appended(n, Other(x)); return Answer({|#5:n.Text + "!"|}); }
            public string Skipped(string x) { var n = Take(x); Maybe(n, Other(x), false); return Answer({|#6:n.Text|}); }
            public string Returned(string x) { var n = Take(x); Early(n, Other(x)); return Answer({|#7:n.Text + "!"|}); }
            public string InALambda(string x) { var n = Take(x); Deferred(n, Other(x)); return Answer({|#8:n.Text|}); }
            public string Here(string x) { var n = Take(x); if (x.Length > 5) n.Text = Other(x); return Answer({|#9:n.Text|}); }
            public string InBlocks(string x) { var n = Take(x); Held(n, Other(x)); return Answer({|#10:n.Text + "!"|}); }
            public string Finally(string x) { var n = Take(x); AfterALoop(n, Other(x)); return Answer({|#11:n.Text + "!"|}); }
            public string Itself(string x) { var n = Take(x); FromItself(n, Other(x)); return Answer({|#12:n.Text|}); }

            // Linked: set on every path, the member holds the other call's result, passed on as it is.
            public string Surely(string x) { var n = Take(x); n.Text = Other(x); return Answer(n.Text) + Answer(Set(x)); }
            string Set(string x) { var n = Take(x); ThroughAStatic(n, Other(x)); return n.Text; }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Other", "Answer", SetBy("box", "Put", "Value")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Other", "Answer", SetBy("n", "ThroughAStatic")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Other", "Answer", SetBy("n", "ThroughAField")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Other", "Answer", SetBy("n", "ThroughAnOut")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Other", "Answer", SetBy("n", "FromEach")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Take", "Answer", MayBeSetAgain("n")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("Other", "Answer", SetBy("n", "Appended")),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("Take", "Answer", MayBeSetAgain("n")),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Other", "Answer", SetBy("n", "Early")),
        Verify.Diagnostic("OPTO017").WithLocation(7).WithArguments("Take", "Answer", MayBeSetAgain("n")),
        Verify.Diagnostic("OPTO017").WithLocation(8).WithArguments("Take", "Answer", MayBeSetAgain("n")),
        Verify.Diagnostic("OPTO017").WithLocation(9).WithArguments("Take", "Answer", MayBeSetAgain("n")),
        Verify.Diagnostic("OPTO017").WithLocation(10).WithArguments("Other", "Answer", SetBy("n", "Held")),
        Verify.Diagnostic("OPTO017").WithLocation(11).WithArguments("Other", "Answer", SetBy("n", "AfterALoop")),
        Verify.Diagnostic("OPTO017").WithLocation(12).WithArguments("Other", "Answer", SetBy("n", "FromItself")),
        Verify.Diagnostic("OPTO017").WithLocation(12).WithArguments("Take", "Answer", MayBeSetAgain("n")));

    [Test]
    public Task No_diagnostic_for_a_collection_argument_read_as_an_element() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public class Waiter
        {
            [Traced] public Task<List<int>> Pass(Task<List<int>> t) => t;
            [Traced] public List<int> Make(int n) => [n];
            [Traced] public int Count(List<int> l) => l.Count;
            public virtual void Hook() { }

            // The element read is the list given, linked as a whole by its identity: no part of it is sought.
            public int Run(Task<List<int>>[] sources)
            {
                var passed = sources.Select(source => Pass(source)).ToArray();
                var made = new[] { Make(1), Make(2) };
                var paired = (Make(3), 0);
                Hook();
                return Count(passed[0].Result) + Count(made[1]) + Count(made.First()) + Count(paired.Item1);
            }
        }
        """);

    [Test]
    public Task OPTO017_a_value_held_in_a_local_or_an_element_may_be_changed_through_what_shares_its_objects() => Verify.Analyze("""
        using System;
        using System.Collections.Generic;
        using Opto;

        public struct Mark { public int At; }
        public sealed class Note { public string Text = ""; public Mark Mark; }

        public struct Box
        {
            public Note Held;
            public void Reset() => Held = new Note { Text = "own" };
        }

        public class Agent
        {
            [Traced] public Note Take(string q) => new() { Text = q };
            [Traced] public string Answer(string r) => r;
            [Traced] public string Log(object o) => o.ToString()!;

            // A struct's own method may set what it holds.
            public string Boxed(string x)
            {
                var box = new Box { Held = Take(x) };
                box.Reset();
                return Answer({|#0:box.Held.Text + "!"|});
            }

            static void Touch((Note Note, int N) pair) => pair.Note.Text = "own";

            // Given whole, a value shares the objects it holds.
            public string Handed(string x)
            {
                var pair = (Take(x), 1);
                Touch(pair);
                return Answer({|#1:pair.Item1.Text + "!"|});
            }

            // An element changed under another name: a loop's variable.
            public string Looped(string x)
            {
                var all = new[] { Take(x), Take(x + "1") };
                foreach (var note in all) note.Text = "own";
                return Answer({|#2:all[1].Text + "!"|});
            }

            // A value read of an item, given as an object, uses no more of the tuple than its item's member: linked.
            public string MarkOf(string x)
            {
                var pair = (Take(x), 1);
                return Log(pair.Item1.Mark);
            }

            // A tuple captured by a lambda that reads a number of it: the read of its other item is linked.
            public string Captured(string x)
            {
                var pair = (Take(x), 1);
                var keys = new List<Func<int>> { () => pair.Item2 };
                return Answer(pair.Item1.Text + "!");
            }
        }
        """,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Take", "Answer",
            "a member of 'box.Held' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Take", "Answer",
            "a member of 'pair.Item1' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Take", "Answer",
            "a member of 'all[1]' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on"));

    private const string NotIsolated =
        "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: Hook()); make it [Traced] or async";

    private static string SetBy(string holder, string helper, string member = "Text") =>
        $"it is set in '{member}' of '{holder}' by '{helper}', which is not traced, where the compiler does not follow it; pass the value on through a local or an argument instead";

    private static string MayBeSetAgain(string holder) =>
        $"a member of '{holder}' may be set again before it is read, where the compiler does not follow it; pass the value itself on, or read the member before the object is changed or handed on";
}
