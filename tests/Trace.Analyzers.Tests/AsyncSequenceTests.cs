using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// An element read out of an untraced iterator's sequence, async or not (<c>await Summaries(docs).FirstAsync()</c>,
/// <c>(await ....ToListAsync())[1]</c>, an enumerator's <c>Current</c>), then changed on its way to a traced call, is a
/// path no rule links: it is reported, naming the iterator to make traced.
/// </summary>
public class AsyncSequenceTests
{
    private const string Agent = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent
        {
            [Traced] public async Task<string> SummarizeAsync(string t) { await Task.Yield(); return t; }
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Answer(string x) => x;
            public async IAsyncEnumerable<string> Summaries(string[] docs) { foreach (var d in docs) yield return await SummarizeAsync(d); }
            public IEnumerable<string> Lines(string[] docs) { foreach (var d in docs) yield return Summarize(d); }
            [Traced] public async IAsyncEnumerable<string> TracedSummaries(string[] docs) { foreach (var d in docs) yield return await SummarizeAsync(d); }
        }
        """;

    private const string Yielded = "it is yielded by '{0}', which is not traced; make '{0}' [Traced]";

    [Test]
    public Task OPTO017_an_element_of_an_untraced_async_iterator_read_by_an_async_LINQ_operator_then_changed() => Verify.Analyze([Agent, """
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            public async Task<string> First(string[] docs) { var first = await Summaries(docs).FirstAsync(); return Answer({|#0:first + "!"|}); }
            public async Task<string> Listed(string[] docs) { var l = await Summaries(docs).ToListAsync(); return Answer({|#1:l[1] + "!"|}); }
            public async Task<string> Array(string[] docs) { var a = await Summaries(docs).ToArrayAsync(); return Answer({|#2:a[0] + "!"|}); }
            public async Task<string> FilteredThenListed(string[] docs) { var l = await Summaries(docs).Where(s => s.Length > 0).ToListAsync(); return Answer({|#3:l[0] + "!"|}); }
            public async Task<string> Picked(string[] docs) { var f = await Summaries(docs).SingleAsync(x => x.EndsWith("b")); return Answer({|#4:f.ToUpperInvariant()|}); }
            public async Task<string> OrDefault(string[] docs) { var f = await Summaries(docs).LastOrDefaultAsync() ?? ""; return Answer({|#5:f + "!"|}); }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")),
        Verify.Diagnostic("OPTO017").WithLocation(2).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")),
        Verify.Diagnostic("OPTO017").WithLocation(3).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")),
        Verify.Diagnostic("OPTO017").WithLocation(4).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")),
        Verify.Diagnostic("OPTO017").WithLocation(5).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")));

    [Test]
    public Task OPTO017_the_current_element_of_an_untraced_iterator_s_enumerator_then_changed() => Verify.Analyze([Agent, """
        using System.Threading.Tasks;

        public partial class Agent
        {
            public async Task<string> Async(string[] docs) { var e = Summaries(docs).GetAsyncEnumerator(); await e.MoveNextAsync(); return Answer({|#0:e.Current + "!"|}); }
            public string Sync(string[] docs) { using var e = Lines(docs).GetEnumerator(); e.MoveNext(); return Answer({|#1:e.Current + "!"|}); }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("SummarizeAsync", "Answer", string.Format(Yielded, "Summaries")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Answer", string.Format(Yielded, "Lines")));

    [Test]
    public Task No_diagnostic_for_an_element_passed_on_as_it_is_or_read_from_a_traced_iterator() => Verify.Analyze([Agent, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public partial class Agent
        {
            public async Task<string> Unchanged(string[] docs) => Answer(await Summaries(docs).FirstAsync());
            public async Task<string> Traced(string[] docs) { var first = await TracedSummaries(docs).FirstAsync(); return Answer(first + "!"); }
            public async Task<string> TracedListed(string[] docs) { var l = await TracedSummaries(docs).ToListAsync(); return Answer(l[1] + "!"); }
            public async Task<string> Counted(string[] docs) => Answer((await Summaries(docs).CountAsync()).ToString());
            [Opto.Traced] public string Combine(List<string> parts) => string.Join("|", parts);

            public async Task<string> ThroughAChannel(string[] docs)
            {
                var channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
                foreach (var d in docs) await channel.Writer.WriteAsync(await SummarizeAsync(d));
                channel.Writer.Complete();
                var read = new List<string>();
                await foreach (var x in channel.Reader.ReadAllAsync()) read.Add(x);
                return Combine(read);
            }
        }
        """], interceptorsEnabled: true);
}
