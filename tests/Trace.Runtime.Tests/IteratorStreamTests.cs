using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// The elements of a traced iterator's sequence (a streamed answer) are linked to the call as the caller reads them, and
/// the caller sees the sequence exactly as the method wrote it: lazy, in order, with its exceptions, cancellation and disposal.
/// </summary>
public class IteratorStreamTests
{
    private static List<MessageNode> Calls(TraceScope scope, string method) =>
        [.. scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == method)];

    [Test]
    public void Each_chunk_read_from_a_traced_iterator_links_to_the_call()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        foreach (var chunk in streamer.Chunks(new string('q', 2), 2)) streamer.Echo(chunk);

        var stream = Calls(scope, "Chunks").Single();
        var read = Calls(scope, "Echo").Select(echo => (GlueNode)echo.Inputs.Single().Value).ToList();
        Assert.That(read.Select(r => r.Expression), Is.EqualTo(new[] { "chunks0[0]", "chunks0[1]" }));
        Assert.That(read.Select(r => r.Parents.Single()), Is.All.SameAs(stream));
        Assert.That(scope.Graph.Backward(Calls(scope, "Echo")[1], "Too terse.").Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Streamer.Style" }));
    }

    [Test]
    public async Task Each_chunk_of_a_traced_async_stream_links_to_the_call_and_text_joined_from_them_too()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        var parts = new List<string>();
        await foreach (var chunk in streamer.ChunksAsync(new string('q', 2), 3)) parts.Add(chunk);
        var answer = streamer.Echo(string.Concat(parts));

        var stream = Calls(scope, "ChunksAsync").Single();
        var joined = (GlueNode)Calls(scope, "Echo").Single().Inputs.Single().Value;
        Assert.That(joined.Parents.SelectMany(p => p.Parents).Distinct(), Is.EqualTo(new[] { stream }));
        Assert.That(scope.Graph.Backward(answer, "Too terse.").Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Streamer.Style" }));
    }

    [Test]
    public void The_sequence_is_read_as_untraced_lazily_in_order_with_its_exception_and_its_disposal()
    {
        var off = Run(new Streamer());
        var on = RunTraced(new Streamer());

        Assert.That(on, Is.EqualTo(off));
        Assert.That(off, Does.Contain("not started before it is read").And.Contain("The model stopped.").And.Contain("disposed"));

        static List<string> Run(Streamer streamer)
        {
            var seen = new List<string>();
            var chunks = streamer.Chunks("q", 2, failAfter: true);
            seen.Add(streamer.Log.Count == 0 ? "not started before it is read" : "started early");
            try
            {
                foreach (var chunk in chunks) seen.Add(chunk);
            }
            catch (InvalidOperationException e)
            {
                seen.Add(e.Message);
            }

            using (var again = streamer.Chunks("r", 3).GetEnumerator())
            {
                again.MoveNext();
                seen.Add(again.Current);
            }

            seen.AddRange(streamer.Log);
            return seen;
        }

        static List<string> RunTraced(Streamer streamer)
        {
            using var scope = TraceScope.Begin();
            return Run(streamer);
        }
    }

    [Test]
    public async Task A_traced_async_stream_is_canceled_as_untraced()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();
        using var cancellation = new CancellationTokenSource();

        var read = new List<string>();
        var canceled = Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in streamer.ChunksAsync("q", 5).WithCancellation(cancellation.Token))
            {
                read.Add(chunk);
                if (read.Count == 2) await cancellation.CancelAsync();
            }
        });

        Assert.That(canceled!.CancellationToken, Is.EqualTo(cancellation.Token));
        Assert.That(read, Has.Count.EqualTo(2));
        await Task.CompletedTask;
    }

    [Test]
    public void Numbers_pass_unlinked_and_a_sequence_that_is_not_an_iterator_is_handed_on_as_it_is()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();
        var kept = new List<string> { new string('k', 2) };

        var numbers = streamer.Numbers(2).ToList();
        var same = streamer.Kept(kept);

        Assert.That(numbers, Is.EqualTo(new[] { 5, 6 }));
        Assert.That(same, Is.SameAs(kept));
    }

    [Test]
    public void A_traced_iterator_depends_on_what_the_traced_calls_its_body_makes_as_it_is_read_depended_on()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        var echoes = new List<string>();
        foreach (var phrase in streamer.Phrases(new string('q', 2), 2)) echoes.Add(streamer.Echo(phrase));

        var phrases = Calls(scope, "Phrases").Single();
        var read = (GlueNode)Calls(scope, "Echo")[1].Inputs.Single().Value;
        Assert.That(read.Parents.First(), Is.SameAs(phrases));
        Assert.That(read.Parents.OfType<ParameterNode>().Select(p => p.Name), Is.EqualTo(new[] { "Streamer.Tone" }));
        Assert.That(scope.Graph.Backward(Calls(scope, "Echo")[1], "Too stiff.").Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Streamer.Tone" }));
        Assert.That(echoes, Is.EqualTo(new[] { "Calm qq 0.", "Calm qq 1." }));
    }

    [Test]
    public async Task A_traced_async_iterator_depends_on_the_traced_calls_its_body_makes_after_an_await()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        var parts = new List<string>();
        await foreach (var phrase in streamer.PhrasesAsync(new string('q', 2), 3)) parts.Add(phrase);
        var answer = streamer.Echo(string.Concat(parts));

        Assert.That(scope.Graph.Backward(answer, "Too stiff.").Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Streamer.Tone" }));
        // The steps' calls ran in the iterator's call, not in a call of their own after it.
        Assert.That(Calls(scope, "Phrase"), Has.Count.EqualTo(3));
    }

    [Test]
    public void A_traced_call_that_reads_a_traced_iterator_depends_on_what_its_steps_depended_on()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        var joined = streamer.Joined(streamer.Phrases(new string('q', 2), 2));

        var join = Calls(scope, "Joined").Single();
        Assert.That(join.HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Streamer.Tone" }));
        Assert.That(joined, Is.EqualTo("Calm qq 0 / Calm qq 1"));
    }

    [Test]
    public void Feedback_given_between_steps_reaches_what_each_element_read_and_a_later_backward_runs()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        var reached = new List<string[]>();
        foreach (var phrase in streamer.Mixed(new string('q', 2)))
        {
            var echo = streamer.Echo(phrase);
            reached.Add([.. scope.Graph.Backward(echo, "Too stiff.").Parameters.Select(p => p.Name).Order()]);
        }

        Assert.That(reached, Is.EqualTo(new[] { new[] { "Streamer.Tone" }, new[] { "Streamer.Style", "Streamer.Tone" } }));
        Assert.That(scope.Graph.Nodes, Has.Count.GreaterThan(0));
    }

    [Test]
    public async Task Text_made_from_an_element_of_a_traced_iterator_depends_on_what_its_body_s_calls_read()
    {
        var streamer = new Streamer();
        using var scope = TraceScope.Begin();

        // An async method's activations keep their glue slots to themselves, so the compiler's flow is claimed in it.
        await Task.Yield();
        var first = streamer.Phrases(new string('q', 2), 2).First();
        var echo = streamer.Echo(first + "!");

        Assert.That(echo, Is.EqualTo("Calm qq 0!."));
        Assert.That(scope.Graph.Backward(echo, "Too stiff.").Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Streamer.Tone" }));
    }
}
