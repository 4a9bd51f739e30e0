using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// A sequence computed as it is enumerated (an iterator method, LINQ's deferred operators) given to a traced call holds no
/// element when the call starts, so tracing links none of the traced results it will yield: each is reported, unless the
/// generator links it as glue.
/// </summary>
public class DeferredSequenceTests
{
    private const string Agent = """
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Combine(IEnumerable<string> parts) => string.Join("\n", parts);
            [Traced] public IEnumerable<string> TracedSummaries(string[] docs) { foreach (var d in docs) yield return Summarize(d); }
            public IEnumerable<string> Summaries(string[] docs) { foreach (var d in docs) yield return Summarize(d); }
        }
        """;

    private const string Reason = "it is an element of a sequence that {0} computes only as 'Combine' enumerates it, after tracing read the call's arguments; pass a list ('.ToList()')";

    [Test]
    public Task OPTO017_an_iterator_or_a_deferred_LINQ_sequence_given_to_a_traced_call() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;

        public partial class Agent
        {
            public string Iterator(string[] docs) => Combine({|#0:Summaries(docs)|});
            public string IteratorInLocal(string[] docs) { var parts = Summaries(docs); return Combine({|#1:parts|}); }
            public string AddedAfterTheQuery(string[] docs) { var l = new List<string> { Summarize(docs[0]) }; var q = l.Where(x => x.Length > 0); l.Add(Summarize(docs[1])); return Combine({|#2:q|}); }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Combine", string.Format(Reason, "the iterator 'Summaries'")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Combine", string.Format(Reason, "the iterator 'Summaries'")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Combine", string.Format(Reason, "LINQ's 'Where'")));

    [Test]
    public Task OPTO017_a_deferred_sequence_a_helper_passes_on_as_it_is() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;

        public partial class Agent
        {
            private string Pass(IEnumerable<string> parts) => Combine(parts);
            private string PassFiltered(List<string> notes) => Pass(notes.Where(n => n.Length > 0));
            private string PassCopied(List<string> notes) => Pass(notes.ToList());

            public string Iterator(string[] docs) => Pass({|#0:Summaries(docs)|});
            public string Query(string[] docs) => Pass({|#1:new List<string> { Summarize(docs[0]) }.Where(x => x.Length > 0)|});
            public string MadeInTheHelper(string[] docs) => PassFiltered({|#2:new List<string> { Summarize(docs[0]) }|});
            public string AList(string[] docs) => Pass(new List<string> { Summarize(docs[0]) });
            public string CopiedInTheHelper(string[] docs) => PassCopied(new List<string> { Summarize(docs[0]) });
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Combine",
            "it is an element of a sequence that the iterator 'Summaries' computes only as 'Combine' enumerates it, and 'Pass' passes the sequence on to it as it is; pass a list ('.ToList()')"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Combine",
            "it is an element of a sequence that LINQ's 'Where' computes only as 'Combine' enumerates it, and 'Pass' passes the sequence on to it as it is; pass a list ('.ToList()')"),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("Summarize", "Combine",
            "it is passed to 'PassFiltered', then 'Pass', which are not traced and pass it on changed to 'Combine'; make 'PassFiltered' [Traced]"));

    [Test]
    public Task No_diagnostic_where_the_elements_exist_when_the_call_starts_or_the_generator_links_them() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;

        public partial class Agent
        {
            public string Materialized(string[] docs) => Combine(Summaries(docs).ToList());
            public string SameList(string[] docs) { var l = new List<string> { Summarize(docs[0]), Summarize(docs[1]) }; return Combine(l.AsEnumerable()); }
            public string FilteredList(string[] docs) { var l = new List<string> { Summarize(docs[0]), Summarize(docs[1]) }; return Combine(l.Where(x => x.Length > 0)); }
            public string OrderedCollectionExpression(string[] docs) { string[] l = [Summarize(docs[0]), Summarize(docs[1])]; return Combine(l.OrderBy(x => x)); }
            public string Concatenated(string[] docs) { var l = new List<string> { Summarize(docs[0]) }; return Combine(l.Concat(["x"])); }
            public string AddedBeforeTheQuery(string[] docs) { var l = new List<string> { Summarize(docs[0]) }; l.Add(Summarize(docs[1])); var q = l.Where(x => x.Length > 0); return Combine(q); }
            public string TracedIterator(string[] docs) => Combine(TracedSummaries(docs));
        }
        """], interceptorsEnabled: true);
}
