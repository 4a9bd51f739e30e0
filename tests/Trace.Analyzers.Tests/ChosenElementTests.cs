using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// A traced call in the predicate or the key of a LINQ method decides which elements reach a call made with them
/// (<c>docs.Where(d =&gt; IsRelevant(d)).ToList()</c>, <c>cands.MaxBy(c =&gt; Score(c))</c>). The generator links only a filter
/// whose elements are used as it lets them through; every other choice is reported, so no check or score is left out of
/// the graph in silence.
/// </summary>
public class ChosenElementTests
{
    private const string Agent = """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            [Traced] public bool IsRelevant(string d) => d.Length > 1;
            [Traced] public int Score(string d) => d.Length;
            [Traced] public string Answer(string p) => p;
            [Traced] public string Label(string d) => d;
        }
        """;

    private static string Filtered(string method) =>
        $"it decides which elements '{method}' lets through, and a list or a sort made of them before they are used runs every check first, so no element's own check is known; filter where the elements are used (foreach (var d in docs.Where(...)), or .Select after the filter), or choose them in a [Traced] method";

    private static string Picked(string method) =>
        $"it decides which elements '{method}' picks or in which order, and no edge follows a choice between elements; choose them in a [Traced] method (string Best(string[] items) => items.MaxBy(i => Score(i)))";

    private static string Removed(string method) =>
        $"it decides which elements '{method}' removes, and no edge follows that choice to what stays; filter where the elements are used (foreach (var d in docs.Where(...))), or choose them in a [Traced] method";

    private static string Keyed(string method) =>
        $"it decides under which key '{method}' puts each element, and no edge follows that choice to the element read back by its key; choose the element in a [Traced] method";

    private static string Put(string how) =>
        $"it decides whether {how}, a choice no edge follows; choose the values in a [Traced] method (List<string> Relevant(string[] docs)), or test each where it is used";

    [Test]
    public Task OPTO017_a_filter_whose_elements_are_stored_before_they_are_used() => Verify.Analyze([Agent, """
        using System.Linq;

        public partial class Agent
        {
            public string Listed(string[] docs)
            {
                var relevant = docs.Where(d => IsRelevant(d)).ToList();
                var last = "";
                foreach (var d in relevant) last = Answer({|#1:d|});
                return last;
            }

            public string Indexed(string[] docs)
            {
                var relevant = docs.Where(d => IsRelevant(d)).ToArray();
                return relevant.Length == 0 ? "none" : Answer({|#3:relevant[0]|});
            }

            public string Blocked(string[] docs)
            {
                var last = "";
                foreach (var d in docs.Where(d => { var keep = IsRelevant(d); return keep; })) last = Answer({|#6:d|});
                return last;
            }

            public string Counted(string[] docs, string q)
            {
                var relevant = docs.Where(d => IsRelevant(d)).ToList();
                if ({|#5:relevant.Count == 0|}) return "none";
                return Answer(q);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("IsRelevant", "Answer", Filtered("Where")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("IsRelevant", "Answer", Filtered("Where")),
        Verify.Diagnostic("OPTO017").WithLocation(6).WithArguments("IsRelevant", "Answer", "it decides which elements 'Where' lets through, in a predicate of more than one statement, which is not followed; write the predicate as one expression (d => IsRelevant(d))"),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("IsRelevant", "Answer", "a condition that decides whether the call runs reads it, and " + Filtered("Where")));

    [Test]
    public Task OPTO017_an_element_picked_or_ordered_by_a_traced_key_or_predicate() => Verify.Analyze([Agent, """
        using System.Linq;

        public partial class Agent
        {
            public string Best(string[] cands) => Answer({|#0:cands.MaxBy(c => Score(c))|}!);

            public string Sorted(string[] cands)
            {
                var best = cands.OrderByDescending(c => Score(c)).First();
                return Answer({|#1:best|});
            }

            public string FirstRelevant(string[] cands) => Answer({|#2:cands.First(c => IsRelevant(c))|});

            public string Smallest(string[] docs) => Answer({|#4:docs.MinBy(d => Label(d))|}!);

            public string UsedAfterTheLoop(string[] docs)
            {
                var last = "";
                foreach (var d in docs.Where(d => IsRelevant(d))) last = d;
                return Answer({|#5:last|});
            }

            public string TopTwo(string[] docs)
            {
                var top = docs.OrderByDescending(d => Score(d)).Take(2).ToList();
                return Answer({|#3:string.Join(",", top)|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Score", "Answer", Picked("MaxBy")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Score", "Answer", Picked("OrderByDescending")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("IsRelevant", "Answer", Picked("First")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Score", "Answer", Picked("OrderByDescending")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("Label", "Answer", Picked("MinBy")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("IsRelevant", "Answer", "it decides which elements 'Where' lets through, and the element is used after the code the filter runs for it (the loop's body, the Select's selector), where its check is no longer known; make the call there"));

    [Test]
    public Task OPTO017_an_element_picked_by_a_result_kept_beside_it() => Verify.Analyze([Agent, """
        using System.Linq;

        public partial class Agent
        {
            public string ScoredPairs(string[] cands)
            {
                var scored = cands.Select(c => (Text: c, Score: Score(c))).ToList();
                var best = scored.MaxBy(x => x.Score).Text;
                return Answer({|#0:best|});
            }

            public string ScoredTable(string[] cands)
            {
                var scores = cands.ToDictionary(c => c, c => Score(c));
                var best = scores.OrderByDescending(kv => kv.Value).First().Key;
                return Answer({|#1:best|});
            }
        }
        """], interceptorsEnabled: true,
        // The pair or the entry picked holds the score itself, which the walk to its text reaches first, by the lambda that made it.
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Score", "Answer", "it crosses into or out of a lambda or local function"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Score", "Answer", "it crosses into or out of a lambda or local function"));

    [Test]
    public Task OPTO017_a_value_put_into_a_collection_a_builder_or_text_on_a_traced_condition() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Text;

        public partial class Agent
        {
            public string Listed(string[] docs)
            {
                var kept = new List<string>();
                foreach (var d in docs) if (Score(d) > 1) kept.Add(d);
                return Answer({|#0:string.Join(",", kept)|});
            }

            public string Built(string[] docs)
            {
                var context = new StringBuilder();
                foreach (var d in docs)
                {
                    if (!IsRelevant(d)) continue;
                    context.AppendLine(d);
                }

                return Answer({|#1:context.ToString()|});
            }

            public string Added(string[] docs)
            {
                var context = "";
                foreach (var d in docs) if (IsRelevant(d)) context += d;
                return Answer({|#2:context|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Score", "Answer", Put("'Add' puts a value into 'kept'")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("IsRelevant", "Answer", Put("'AppendLine' puts a value into 'context'")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("IsRelevant", "Answer", Put("a value is added to 'context'")));

    [Test]
    public Task OPTO017_a_local_a_loop_sets_on_a_traced_condition() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            public string Argmax(string[] docs)
            {
                var bestIndex = 0;
                var bestScore = int.MinValue;
                for (var i = 0; i < docs.Length; i++)
                {
                    var s = Score(docs[i]);
                    if (s > bestScore) { bestScore = s; bestIndex = i; }
                }

                return Answer({|#0:docs[bestIndex]|});
            }

            public string LastRelevant(string[] docs)
            {
                var kept = "";
                foreach (var d in docs) if (IsRelevant(d)) kept = d;
                return Answer({|#1:kept|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Score", "Answer", Put("a loop sets 'bestIndex'")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("IsRelevant", "Answer", Put("a loop sets 'kept'")));

    [Test]
    public Task A_put_decided_by_the_value_put_or_of_a_value_the_decision_made_is_not_reported() => Verify.Analyze([Agent, """
        using System.Collections.Generic;

        public partial class Agent
        {
            public string Kept(string[] docs)
            {
                var notes = new List<string>();
                foreach (var d in docs)
                {
                    var note = Answer(d);
                    if (note.Length > 2) notes.Add(note);
                }

                return Answer(string.Join(",", notes));
            }

            public void Scanned(string s)
            {
                var end = 0;
                while (end < s.Length)
                {
                    if (!IsRelevant(s.Substring(end, 1))) return;
                    end += 1;
                }
            }

            public void Searched(string[] sorted, string key)
            {
                var low = 0;
                var high = sorted.Length - 1;
                while (low <= high)
                {
                    var middle = low + (high - low) / 2;
                    var entry = sorted[middle];
                    if (Score(entry + key) < 0) low = middle + 1;
                    else high = middle - 1;
                }
            }

            public string MadeUnderIt(string[] docs)
            {
                var notes = new List<string>();
                foreach (var d in docs) if (IsRelevant(d)) notes.Add(Answer(d));
                return Answer(string.Join(",", notes));
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task A_filter_whose_elements_are_used_as_it_lets_them_through_or_a_choice_in_a_traced_method_is_not_reported() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            public string Inline(string[] docs)
            {
                var last = "";
                foreach (var d in docs.Where(d => IsRelevant(d))) last = Answer(d);
                return last;
            }

            public string Selected(string[] docs) => string.Join(",", docs.Where(d => IsRelevant(d)).Select(d => Answer(d)));

            public string HeldOnce(string[] docs)
            {
                var relevant = docs.Where(d => IsRelevant(d));
                var last = "";
                foreach (var d in relevant) last = Answer(d);
                return last;
            }

            [Traced] public string PickBest(string[] cands) => cands.MaxBy(c => Score(c))!;

            public string Wrapped(string[] cands) => Answer(PickBest(cands));

            public record Doc(string Text, int Score);

            public string NothingTracedChooses(string[] cands) => Answer(cands.MaxBy(c => c.Length)!);

            [Traced] public List<Doc> Search(string q) => [new Doc(q, 1)];
            [Traced] public string Use(Doc d) => d.Text;

            public string PickedFromAResult(string q) => Use(Search(q).MaxBy(r => r.Score)!);

            public string GuardedBeforeThePut(string q)
            {
                if (!IsRelevant(q)) return "refused";
                var notes = new List<string>();
                notes.Add("Q: " + q);
                return Answer(string.Join(",", notes));
            }

            public string GuardedAroundBoth(string q)
            {
                var notes = new List<string>();
                if (IsRelevant(q))
                {
                    notes.Add(q);
                    return Answer(string.Join(",", notes));
                }

                return "none";
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_elements_removed_or_sorted_in_place_by_a_traced_predicate_or_key() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;
        using System.Linq;

        public partial class Agent
        {
            public string Removed(List<string> docs)
            {
                docs.RemoveAll(d => !IsRelevant(d));
                var last = "";
                foreach (var d in docs) last = Answer({|#0:d|});
                return last;
            }

            public string RemovedFromACopy(string[] given)
            {
                var docs = new List<string>(given);
                docs.RemoveAll(d => !IsRelevant(d));
                return Answer({|#1:string.Join(",", docs)|});
            }

            public string Sorted(List<string> docs)
            {
                docs.Sort((a, b) => Score(b).CompareTo(Score(a)));
                return Answer({|#2:docs[0]|});
            }

            public string ArraySorted(string[] docs)
            {
                Array.Sort(docs, (a, b) => Score(b) - Score(a));
                return Answer({|#3:docs[0]|});
            }

            public string SetRemoved(HashSet<string> docs)
            {
                docs.RemoveWhere(d => !IsRelevant(d));
                return Answer({|#4:docs.First()|});
            }

            public string Found(List<string> docs)
            {
                var i = docs.FindIndex(d => IsRelevant(d));
                return i < 0 ? "" : Answer({|#5:docs[i]|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("IsRelevant", "Answer", Removed("RemoveAll")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("IsRelevant", "Answer", Removed("RemoveAll")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Score", "Answer", Picked("Sort")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("Score", "Answer", Picked("Sort")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("IsRelevant", "Answer", Removed("RemoveWhere")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("IsRelevant", "Answer", "it crosses into or out of a lambda or local function"));

    [Test]
    public Task Elements_removed_or_sorted_in_place_by_untraced_code_or_after_their_use_are_not_reported() => Verify.Analyze([Agent, """
        using System;
        using System.Collections.Generic;

        public partial class Agent
        {
            public string Untraced(List<string> docs)
            {
                docs.RemoveAll(d => d.Length < 2);
                docs.Sort((a, b) => a.Length - b.Length);
                return Answer(docs[0]);
            }

            public string After(List<string> docs)
            {
                var answer = Answer(docs[0]);
                docs.RemoveAll(d => !IsRelevant(d));
                return answer;
            }

            public string Another(List<string> docs, List<string> others)
            {
                others.RemoveAll(d => !IsRelevant(d));
                var copy = docs.ToArray();
                Array.Sort(copy, (a, b) => Score(a) - Score(b));
                return Answer(docs[0]);
            }

            public string RemovedInATracedMethod(List<string> docs) => Answer(Relevant(docs)[0]);

            [Opto.Traced]
            public List<string> Relevant(List<string> docs)
            {
                docs.RemoveAll(d => !IsRelevant(d));
                return docs;
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_an_element_read_back_by_a_key_a_traced_call_made() => Verify.Analyze([Agent, """
        using System.Linq;

        public partial class Agent
        {
            public string Keyed(string x)
            {
                var byKind = new[] { x, x + "!" }.ToDictionary(d => Label(d));
                return Answer({|#0:byKind["Billing"]|});
            }

            public string Grouped(string x)
            {
                var groups = new[] { x, x + "!" }.ToLookup(d => Label(d));
                return Answer({|#1:string.Join(",", groups["Billing"])|});
            }

            // The key itself, read back, is the result: linked by its identity, also through a list's indexer.
            public string KeyRead(string x)
            {
                foreach (var pair in new[] { x }.ToDictionary(d => Label(d))) return Answer(pair.Key);
                return "";
            }

            public string KeyOfAListedPair(string x)
            {
                var pairs = new[] { x }.ToDictionary(d => Label(d)).ToList();
                return Answer(pairs[0].Key);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Label", "Answer", Keyed("ToDictionary")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Label", "Answer", Keyed("ToLookup")));

    [Test]
    public Task OPTO017_a_count_or_an_index_a_loop_steps_on_a_traced_condition() => Verify.Analyze([Agent, """
        public partial class Agent
        {
            [Opto.Traced] public string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

            public string Counted(string[] docs)
            {
                var n = 0;
                foreach (var d in docs) if (IsRelevant(d)) n++;
                return Count({|#0:n|});
            }

            public string FirstRelevant(string[] docs)
            {
                int i;
                for (i = 0; i < docs.Length; i++) if (IsRelevant(docs[i])) break;
                return i < docs.Length ? Answer({|#1:docs[i]|}) : "";
            }

            // Every element counted: nothing chose which.
            public string All(string[] docs)
            {
                var n = 0;
                foreach (var d in docs) n++;
                return Count(n);
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("IsRelevant", "Count", Put("a loop steps 'n'")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("IsRelevant", "Answer", Put("a loop steps 'i'")));
}
