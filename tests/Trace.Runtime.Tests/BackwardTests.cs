using Opto;
using Opto.Backward;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class BackwardTests
{
    [Test]
    public void Feedback_given_from_many_threads_at_once_is_all_kept()
    {
        var agent = new Agent();
        var prompt = agent.TrainableParameters().Single(p => p.Name == "Agent.SystemPrompt");
        using var scope = TraceScope.Begin();
        var replies = Enumerable.Range(0, 200).Select(i => agent.Reply(new string('a', 1 + i % 5))).ToList();
        var reads = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, replies.Count, i =>
        {
            scope.Graph.Backward(replies[i], $"feedback {i}");
            reads.Add(prompt.Feedback.Count);
        });

        var feedback = prompt.Feedback;
        Assert.That(feedback.Select(f => f.Feedback), Is.EquivalentTo(Enumerable.Range(0, 200).Select(i => $"feedback {i}")));
        Assert.That(feedback.Select(f => f.Output).Distinct().Count(), Is.EqualTo(200));
        Assert.That(reads, Has.All.InRange(1, 200));
    }

    [Test]
    public void A_parameters_feedback_read_earlier_stays_as_it_was_read_when_more_arrives_or_it_is_forgotten()
    {
        var agent = new Agent();
        var prompt = agent.TrainableParameters().Single(p => p.Name == "Agent.SystemPrompt");
        using var scope = TraceScope.Begin();
        var first = agent.Reply(new string('a', 3));
        var second = agent.Reply(new string('b', 3));

        scope.Graph.Backward(first, "one");
        var afterOne = prompt.Feedback;
        for (var i = 0; i < 5; i++) scope.Graph.Backward(second, $"more {i}");
        var afterSix = prompt.Feedback;
        prompt.ZeroFeedback();

        Assert.That(afterOne.Select(f => f.Feedback), Is.EqualTo(new[] { "one" }));
        Assert.That(afterSix.Select(f => f.Feedback), Is.EqualTo(new[] { "one", "more 0", "more 1", "more 2", "more 3", "more 4" }));
        Assert.That(afterSix[5].Output.Value, Is.EqualTo(second));
        Assert.That(afterSix[0].Graph, Is.SameAs(afterSix[0].Graph), "a subgraph is made once");
        Assert.That(afterSix[0].Graph.Nodes, Does.Contain(prompt));
        Assert.That(prompt.Feedback, Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = afterOne[1]);
    }

    [Test]
    public void Feedback_reaches_the_trainable_values_read_inside_traced_calls_with_the_minimal_subgraph()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var reply = agent.Reply(new string('a', 3));
        var shortened = agent.Shorten(reply);
        agent.Sample(new string('s', 1)); // unrelated to the output

        var result = scope.Graph.Backward(shortened, "Too long.");

        Assert.That(result.Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Agent.SystemPrompt", "Agent._maxWords" }));
        var prompt = result.Parameters.Single(p => p.Name == "Agent.SystemPrompt");
        var entry = prompt.Feedback.Single();
        Assert.That(entry.Feedback, Is.EqualTo("Too long."));
        Assert.That(entry.Output, Is.SameAs(scope.Graph.NodeOf(shortened)));
        // SystemPrompt -> reply0 -> shorten0, plus the parents of those calls (customer0, _maxWords).
        Assert.That(entry.Graph.Nodes.Select(n => n.Name), Is.EquivalentTo(new[] { "customer0", "Agent.SystemPrompt", "reply0", "Agent._maxWords", "shorten0" }));
        AssertTopological(entry.Graph);
        var budget = result.Parameters.Single(p => p.Name == "Agent._maxWords").Feedback.Single();
        Assert.That(budget.Graph.Nodes.Select(n => n.Name), Is.EquivalentTo(new[] { "reply0", "Agent._maxWords", "shorten0" }), "only the path from _maxWords, with its parents");
    }

    [Test]
    public void Feedback_accumulates_across_outputs_and_calls_until_zeroed()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var first = agent.Reply(new string('1', 1));
        var second = agent.Reply(new string('2', 1));
        var prompt = agent.TrainableParameters().Single(p => p.Name == "Agent.SystemPrompt");
        prompt.ZeroFeedback();

        scope.Graph.Backward(first, "first");
        scope.Graph.Backward(second, "second");

        Assert.That(prompt.Feedback.Select(f => f.Feedback), Is.EqualTo(new[] { "first", "second" }));
        prompt.ZeroFeedback();
        Assert.That(prompt.Feedback, Is.Empty);
    }

    [Test]
    public void Backward_on_a_value_without_a_node_says_why()
    {
        using var scope = TraceScope.Begin();

        var error = Assert.Throws<ArgumentException>(() => scope.Graph.Backward(new string('n', 1), "feedback"))!;

        Assert.That(error.Message, Does.Contain("not returned by a traced call in this trace scope"));
    }

    [Test]
    public void A_chain_of_a_million_traced_calls_propagates_without_recursion()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var current = agent.Reply(new string('c', 1));
        for (var i = 0; i < 999_999; i++) current = agent.Next(current);

        var result = scope.Graph.Backward(current, "shorter");

        Assert.That(result.VisitedNodes, Is.EqualTo(1_000_002), "customer0, SystemPrompt, reply0 and 999,999 steps");
        var prompt = result.Parameters.Single();
        Assert.That(prompt.Name, Is.EqualTo("Agent.SystemPrompt"));
        var path = prompt.Feedback.Single().Graph.Nodes;
        Assert.That(path, Has.Count.EqualTo(1_000_002));
        Assert.That(path[^1], Is.SameAs(scope.Graph.NodeOf(current)));
    }

    private static void AssertTopological(Subgraph graph)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var node in graph.Nodes)
        {
            foreach (var parent in node.Parents.Where(graph.Nodes.Contains)) Assert.That(seen, Does.Contain(parent), $"{parent.Name} before {node.Name}");
            seen.Add(node);
        }
    }
}
