using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>Glue links are right or absent when a producer's call site runs again before its result is used.</summary>
public class ReentryTests
{
    private static IEnumerable<MessageNode> Consumed(TraceScope scope) =>
        scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Consume");

    [Test]
    public void Untraced_recursion_between_producer_and_consumer_claims_no_link()
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        agent.Recurse(1);

        // No glue is claimed; Trim returned the very string, so identity links each call to the producer of that object.
        foreach (var consume in Consumed(scope))
        {
            var input = consume.Inputs.Single().Value;
            Assert.That(input, Is.Not.TypeOf<GlueNode>());
            Assert.That(input.Value + "#", Is.EqualTo(consume.Value));
        }
    }

    [Test]
    public void Traced_recursion_links_each_glue_to_its_own_producer()
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        agent.RecurseTraced(2);

        foreach (var consume in Consumed(scope))
        {
            var glue = (GlueNode)consume.Inputs.Single().Value;
            Assert.That((string)glue.Value!, Is.EqualTo((string)glue.Parents.Single().Value!), "the glue's producer made exactly the value it trimmed");
        }

        Assert.That(Consumed(scope).Count(), Is.EqualTo(3));
    }

    [TestCase(nameof(Reentry.RecurseThroughDelegate))]
    [TestCase(nameof(Reentry.Again))]
    [TestCase(nameof(Reentry.RecurseDynamically))]
    [TestCase(nameof(Reentry.RecurseByReflection))]
    [TestCase(nameof(Reentry.RecurseThroughLinq))]
    public void A_traced_method_reentered_where_no_interceptor_runs_links_each_glue_to_its_own_producer_or_not_at_all(string method)
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        typeof(Reentry).GetMethod(method)!.Invoke(agent, [2]);

        // The inner call shares the outer call's slots: a link claimed through them would be to the inner call's producer.
        Assert.That(Consumed(scope).Count(), Is.EqualTo(3));
        foreach (var consume in Consumed(scope))
        {
            var input = consume.Inputs.Single().Value;
            var producers = input is GlueNode glue ? glue.Parents : [input];
            Assert.That(producers.Select(p => p.Value + "#"), Is.Not.Empty.And.All.EqualTo(consume.Value), "every node the consumer is linked to made the text it consumed");
        }
    }

    [Test]
    public void A_traced_method_reentered_through_a_delegate_after_its_glue_is_read_keeps_each_link()
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        agent.ConsumeBeforeReentering(2);

        Assert.That(Consumed(scope).Count(), Is.EqualTo(3));
        foreach (var consume in Consumed(scope))
        {
            var glue = (GlueNode)consume.Inputs.Single().Value;
            Assert.That(glue.Parents.Select(p => p.Value + "#"), Is.EqualTo(new[] { consume.Value }), "linked through the glue to the producer of this activation");
        }
    }

    [Test]
    public void Interleaved_iterators_claim_no_link()
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        using var a = agent.Steps(new string('A', 1)).GetEnumerator();
        using var b = agent.Steps(new string('B', 1)).GetEnumerator();
        a.MoveNext();
        b.MoveNext();
        a.MoveNext();
        a.MoveNext();

        // No glue is claimed; the untouched string links by identity to the producer that made it (A's, not B's).
        var input = Consumed(scope).Single().Inputs.Single().Value;
        Assert.That(input, Is.Not.TypeOf<GlueNode>());
        Assert.That(input.Value, Is.EqualTo("A1"));
    }

    [Test]
    public void A_producer_behind_a_coalescing_assignment_is_never_claimed()
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        agent.Fill([null, new string('p', 6)]);

        var inputs = Consumed(scope).Select(c => c.Inputs.Single().Value).ToList();
        Assert.That(inputs, Has.Count.EqualTo(2));
        Assert.That(inputs, Is.All.Not.TypeOf<GlueNode>());
    }

    [Test]
    public void A_property_whose_field_accessor_makes_a_traced_call_is_not_a_leaf()
    {
        var agent = new Reentry();
        using var scope = TraceScope.Begin();

        var outer = agent.Outer();

        Assert.That(scope.Graph.Backward(outer, "Vague.").Parameters, Is.EqualTo(new[] { agent.TrainableParameters().Single() }));
    }
}
