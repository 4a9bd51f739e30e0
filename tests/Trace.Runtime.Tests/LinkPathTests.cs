using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// Results linked along the paths agent code takes between traced calls: handed to a lambda, gathered by
/// <c>Task.WhenAll</c> and joined into one text, caught as an exception and passed on.
/// </summary>
public class LinkPathTests
{
    private static List<MessageNode> Calls(TraceScope scope, string method) =>
        [.. scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == method)];

    private static Node InputOf(MessageNode call) => call.Inputs.Single().Value;

    [Test]
    public async Task A_result_handed_unchanged_to_a_lambda_links_to_its_call()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.SummarizeEachInLambda(new string('q', 2));
        retriever.SummarizeHandedBack(new string('r', 2));
        await retriever.SummarizeContinued(new string('s', 2));
        retriever.SummarizeBlocking(new string('t', 2));

        var summaries = Calls(scope, "Summarize");
        Assert.That(summaries, Has.Count.EqualTo(6));
        var search = Calls(scope, "Search").Single();
        Assert.That(((GlueNode)InputOf(summaries[0])).Parents, Is.EqualTo(new[] { search }));
        Assert.That(((GlueNode)InputOf(summaries[1])).Parents, Is.EqualTo(new[] { search }));
        // A literal element is the program's, not the search's.
        Assert.That(InputOf(summaries[2]), Is.InstanceOf<InputNode>());
        Assert.That(InputOf(summaries[3]), Is.SameAs(Calls(scope, "Keep").Single()));
        var found = Calls(scope, "FirstAsync");
        Assert.That(InputOf(summaries[4]), Is.SameAs(found[0]));
        Assert.That(InputOf(summaries[5]), Is.SameAs(found[1]));
    }

    [Test]
    public async Task Results_gathered_by_Task_WhenAll_and_joined_reach_the_calls_that_made_them()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        var digest = await retriever.DigestAsync([new string('a', 2), new string('b', 2), new string('c', 2)]);

        var summary = Calls(scope, "Summarize").Single();
        var joined = (GlueNode)InputOf(summary);
        Assert.That(joined.Expression, Is.EqualTo("string.Join(\"\\n\", found)"));
        Assert.That(joined.Parents, Is.EquivalentTo(Calls(scope, "FirstAsync")).And.Count.EqualTo(3));
        var reached = scope.Graph.Backward(summary, "Too long.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Librarian.SearchInstruction", "Librarian.SummaryInstruction" }));
        Assert.That(digest, Does.StartWith("Summarize: Search aa first"));
    }

    [Test]
    public void Results_a_query_expression_made_and_a_combiner_joined_reach_the_calls_that_made_them()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.DigestQueried(new string('q', 2));

        var summary = Calls(scope, "Summarize").Single();
        var joined = (GlueNode)InputOf(summary);
        Assert.That(joined.Expression, Is.EqualTo("string.Join(\"\\n\", kept)"));
        // The two documents kept, each through its Keep call, and the search the sequence was computed from.
        Assert.That(joined.Parents, Is.EquivalentTo(Calls(scope, "Keep").Append(Calls(scope, "Search").Single())));
        Assert.That(Calls(scope, "Keep"), Has.Count.EqualTo(2));
        var reached = scope.Graph.Backward(summary, "Too long.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Librarian.SearchInstruction", "Librarian.SummaryInstruction" }));
    }

    [Test]
    public void A_prompt_a_helper_built_with_a_StringBuilder_reaches_the_call_that_made_its_parts()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        var digest = retriever.DigestBuilt(new string('q', 2));

        var summary = Calls(scope, "Summarize").Single();
        var built = (GlueNode)InputOf(summary);
        Assert.That(built.Expression, Is.EqualTo("prompt.ToString()"));
        Assert.That(built.Name, Is.EqualTo("prompt0"));
        // The two documents the search made (its literal third one is the program's), each read out of the search's list.
        var search = Calls(scope, "Search").Single();
        Assert.That(built.Parents, Has.Count.EqualTo(2).And.All.InstanceOf<GlueNode>());
        Assert.That(built.Parents.SelectMany(p => p.Parents), Is.EqualTo(new[] { search, search }));
        var reached = scope.Graph.Backward(summary, "Too long.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Librarian.SearchInstruction", "Librarian.SummaryInstruction" }));
        Assert.That(digest, Is.EqualTo("Summarize: Documents:\n- Search qq one\n- Search qq two\n- fixed\n"));
    }

    [Test]
    public void A_caught_exception_passed_on_links_to_the_call_that_threw_it()
    {
        var retriever = new Librarian();
        using var scope = TraceScope.Begin();

        retriever.ExplainFailure("");

        var thrown = scope.Graph.Nodes.OfType<ExceptionNode>().Single();
        var explained = Calls(scope, "Explain").Single();
        Assert.That(InputOf(explained), Is.SameAs(thrown));
        var reached = scope.Graph.Backward(explained, "Say what to do instead.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Librarian.SearchInstruction", "Librarian.SummaryInstruction" }));
    }
}
