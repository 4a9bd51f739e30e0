using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>An element of a collection or tuple a traced call returned is linked to that call when it is passed on.</summary>
public class ElementTests
{
    private static List<MessageNode> Calls(TraceScope scope, string method) =>
        [.. scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == method)];

    private static Node InputOf(MessageNode call) => call.Inputs.Single().Value;

    [Test]
    public void Each_document_a_search_returned_links_its_summary_to_the_search()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeEach(new string('q', 2));

        var search = Calls(scope, "Search").Single();
        var summaries = Calls(scope, "Summarize");
        var first = (GlueNode)InputOf(summaries[0]);
        var second = (GlueNode)InputOf(summaries[1]);
        Assert.That((first.Expression, second.Expression), Is.EqualTo(("search0[0]", "search0[1]")));
        Assert.That(first.Parents, Is.EqualTo(new[] { search }));
        Assert.That(first.Name, Is.EqualTo("searchItem0"));
        // A literal element is shared by the whole program: it is never taken for the search's.
        Assert.That(InputOf(summaries[2]), Is.InstanceOf<InputNode>());
        var reached = scope.Graph.Backward(summaries[1], "Too vague.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Librarian.SearchInstruction", "Librarian.SummaryInstruction" }));
    }

    [Test]
    public void Each_value_and_key_of_a_returned_dictionary_links_to_the_call()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeEachTopic(new string('q', 2));

        var byTopic = Calls(scope, "ByTopic").Single();
        var read = Calls(scope, "Summarize").Select(call => (GlueNode)InputOf(call)).ToList();
        // A short plain key names the value; a long one is left out.
        Assert.That(read.Select(r => r.Expression), Is.EqualTo(new[] { "byTopic0[\"qq-billing\"]", "byTopic0.Values[1]", "byTopic0.Keys[0]" }));
        Assert.That(read.Select(r => r.Parents.Single()), Is.All.SameAs(byTopic));
    }

    [Test]
    public void An_element_used_twice_is_one_node()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeFirstTwice(new string('q', 2));

        var summaries = Calls(scope, "Summarize");
        Assert.That(InputOf(summaries[1]), Is.SameAs(InputOf(summaries[0])));
        Assert.That(scope.Graph.Nodes.OfType<GlueNode>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_element_read_from_an_awaited_array_links_to_the_call()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        await retriever.SummarizeSecondAsync(new string('q', 2));

        // The compiler proves this flow itself (an element read of one call's result): glue over that call.
        var element = (GlueNode)InputOf(Calls(scope, "Summarize").Single());
        Assert.That(element.Expression, Is.EqualTo("(await SearchAsync(query))[1]"));
        Assert.That(element.Parents, Is.EqualTo(new[] { Calls(scope, "SearchAsync").Single() }));
    }

    [Test]
    public void A_deconstructed_part_of_a_returned_tuple_links_to_the_call()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeBody("Title and body");

        // The compiler proves this flow itself (a part the deconstruction took out of one call's result): glue over that call.
        var body = (GlueNode)InputOf(Calls(scope, "Summarize").Single());
        Assert.That(body.Expression, Is.EqualTo("Split(text).Item2"));
        Assert.That(body.Parents, Is.EqualTo(new[] { Calls(scope, "Split").Single() }));
    }

    [Test]
    public void An_element_a_later_call_returned_in_a_collection_links_to_that_call_and_to_the_one_that_made_it()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeRanked(new string('q', 5));

        var summaries = Calls(scope, "Summarize");
        var rank = Calls(scope, "Rank").Single();
        // Rank returned the shorter summary first (the one made from "xxx"); feedback on what used it reaches Rank, which
        // chose it, and the call that made it.
        var first = (GlueNode)InputOf(summaries[2]);
        Assert.That(first.Expression, Is.EqualTo("rank0[0]"));
        Assert.That(first.Value, Is.SameAs(summaries[0].Value));
        Assert.That(first.Parents, Is.EqualTo(new Node[] { rank, summaries[0] }));
        Assert.That(((CollectionNode)InputOf(rank)).Parents, Is.EqualTo(new[] { summaries[0], summaries[1] }));
    }

    [Test]
    public async Task An_element_glued_a_second_time_keeps_the_call_that_made_it()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        await retriever.SummarizeRankedTwiceAsync(new string('q', 5));

        var summaries = Calls(scope, "Summarize");
        var rank = Calls(scope, "Rank").Single();
        var first = (GlueNode)InputOf(summaries[2]);
        Assert.That(first.Expression, Is.EqualTo("ranked[0]"));
        Assert.That(first.Parents, Is.EqualTo(new Node[] { rank, summaries[0] }));
        // The same element read back another way: the compiler proves Rank; the glue that read it first is a parent, so the
        // call that wrote it is still reached.
        var again = (GlueNode)InputOf(Calls(scope, "Keep").Single());
        Assert.That(again.Expression, Is.EqualTo("ranked.First()"));
        Assert.That(again.Parents, Is.EqualTo(new Node[] { rank, first }));
    }

    [Test]
    public void A_history_handed_back_at_every_turn_keeps_each_message_linked_to_the_call_that_wrote_it()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.Converse(new string('q', 2), turns: 3);

        var writes = Calls(scope, "Summarize");
        var histories = Calls(scope, "History");
        // The last turn read the first message back through three hand-backs: it still reaches the call that wrote it.
        var last = writes[^1];
        var ancestors = GraphWalk.Ancestors(last);
        Assert.That(ancestors, Does.Contain(writes[0]));
        Assert.That(ancestors, Does.Contain(histories[^1]));
        // One node per message read back (turns 2 and 3), not one per message of the history at every turn.
        Assert.That(scope.Graph.Nodes.OfType<GlueNode>().Count(), Is.EqualTo(2));
    }

    [Test]
    public void A_result_a_later_call_returned_itself_is_that_call_s_not_the_collection_s()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        var documents = retriever.Search(new string('q', 2));
        var kept = retriever.Keep(documents[0]);
        retriever.Summarize(kept);

        Assert.That(InputOf(Calls(scope, "Summarize").Single()), Is.SameAs(Calls(scope, "Keep").Single()));
    }

    [Test]
    public void A_method_called_on_a_loaded_element_has_the_element_as_its_receiver()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeLoaded("z");

        var load = Calls(scope, "LoadAll").Single();
        var receivers = Calls(scope, "Summarize").Select(s => (GlueNode)s.Receiver!).ToList();
        Assert.That(receivers.Select(r => r.Expression), Is.EqualTo(new[] { "loadAll0[0]", "loadAll0[1]" }));
        Assert.That(receivers.SelectMany(r => r.Parents).Distinct(), Is.EqualTo(new[] { load }));
    }
}
