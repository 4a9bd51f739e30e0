using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// Glue whose value is an object the program already had (the caller's input, passed on unchanged) does not become that
/// object's producer: the next call given the same input is linked to the input, and repeating the call does not make each
/// glue node inherit the parents of the one before (which grew the graph quadratically).
/// </summary>
public class GluePassThroughTests
{
    [Test]
    public void A_call_given_the_same_input_again_is_linked_to_the_input_not_to_earlier_glue()
    {
        var normalizer = new Normalizer();
        var input = new string("city".ToCharArray());
        using var scope = TraceScope.Begin();

        for (var i = 0; i < 3; i++) Assert.That(normalizer.Inflect(input), Is.True);

        var inflects = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Inflect").ToList();
        var glues = scope.Graph.Nodes.OfType<GlueNode>().ToList();
        Assert.That(inflects, Has.Count.EqualTo(3));
        Assert.That(inflects.Select(n => n.Parents.Single()).Distinct().Single(), Is.InstanceOf<InputNode>(), "each call's input is the program's string");
        Assert.That(glues, Has.Count.EqualTo(3));
        Assert.That(glues.Select(g => g.Parents.Count), Is.All.EqualTo(1), string.Join("; ", glues.Select(g => g.Name + "(" + string.Join(",", g.Parents.Select(p => p.Name)) + ")")));
    }

    [Test]
    public void Repeating_the_call_keeps_every_node_to_its_own_parents()
    {
        var normalizer = new Normalizer();
        var input = new string("city".ToCharArray());
        using var scope = TraceScope.Begin();

        for (var i = 0; i < 2_000; i++) normalizer.Inflect(input);

        Assert.That(scope.Graph.Nodes.Max(n => n.Parents.Count), Is.LessThanOrEqualTo(2));
        Assert.That(scope.Graph.Nodes.Sum(n => n.Parents.Count), Is.LessThan(4 * 2_000 * 2));
    }

    [Test]
    public void Glue_over_a_result_passed_on_again_links_the_earlier_glue_once_and_still_reaches_every_source()
    {
        var reviewer = new Reviewer();
        using var scope = TraceScope.Begin();

        Assert.That(reviewer.Review("rivers", rounds: 3), Is.EqualTo(3));

        var draft = Calls(scope, "Draft").Single();
        var hints = Calls(scope, "Hint");
        var glues = scope.Graph.Nodes.OfType<GlueNode>().ToList();
        Assert.That(glues, Has.Count.EqualTo(3));
        Assert.That(glues[0].Parents, Is.EqualTo(new Node[] { hints[0], draft }));
        // The same draft glued again: the glue before it is one parent, not its parents copied.
        Assert.That(glues[1].Parents, Is.EqualTo(new Node[] { hints[1], glues[0] }));
        Assert.That(glues[2].Parents, Is.EqualTo(new Node[] { hints[2], glues[1] }));
        Assert.That(GraphWalk.Ancestors(Calls(scope, "IsEligible")[^1]), Is.SupersetOf(hints.Append(draft)));
    }

    [Test]
    public void Glue_over_a_result_passed_on_in_a_long_loop_grows_the_graph_linearly()
    {
        var reviewer = new Reviewer();
        using var scope = TraceScope.Begin();

        reviewer.Review("rivers", rounds: 2_000);

        Assert.That(scope.Graph.Nodes.Max(n => n.Parents.Count), Is.LessThanOrEqualTo(2));
        Assert.That(scope.Graph.Nodes.Sum(n => n.Parents.Count), Is.LessThan(4 * 2_000 * 2));
    }

    private static List<MessageNode> Calls(TraceScope scope, string method) =>
        scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == method).ToList();
}
