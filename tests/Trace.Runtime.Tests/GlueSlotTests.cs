using Opto;
using Opto.Interception;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// A flow's glue slots are held as one slot, then as an array once a second producer site opens one: the node each
/// consumer finds must be its producer site's latest, in this flow and graph only, whichever shape holds it.
/// </summary>
public class GlueSlotTests
{
    [Test]
    public async Task Each_site_finds_its_latest_node_as_sites_are_added_and_replaced()
    {
        using var scope = TraceScope.Begin();
        var graph = scope.Graph;
        var (first, second, third, fourth) = (NodeIn(graph), NodeIn(graph), NodeIn(graph), NodeIn(graph));

        await Task.Run(() =>
        {
            Assert.That(GlueSlots.Find("a", graph), Is.Null, "no slot yet");
            GlueSlots.Open("a").Node = first;
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(first));
            Assert.That(GlueSlots.Find("b", graph), Is.Null, "another site, with one slot open");

            GlueSlots.Open("a").Node = second;
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(second), "the same site replaces its slot");

            // A tag equal in value but another instance is the same site (tags are literals, not always shared).
            GlueSlots.Open(new string('b', 1)).Node = third;
            Assert.That(GlueSlots.Find("b", graph), Is.SameAs(third));
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(second), "the first site kept once there are two");

            var beforeReplace = GlueSlots.Snapshot();
            GlueSlots.Open("a").Node = fourth;
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(fourth));
            Assert.That(GlueSlots.Find("b", graph), Is.SameAs(third));
            Assert.That(GlueSlots.Find("c", graph), Is.Null);

            GlueSlots.Restore(beforeReplace);
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(second), "restored to the snapshot");
            Assert.That(GlueSlots.Find("b", graph), Is.SameAs(third));
        });

        Assert.That(GlueSlots.Find("a", graph), Is.Null, "the task's slots stayed in its own flow");
    }

    [Test]
    public async Task A_slot_is_empty_until_its_call_completes_and_belongs_to_its_graph()
    {
        using var outer = TraceScope.Begin();
        var node = NodeIn(outer.Graph);
        await Task.Run(() =>
        {
            var slot = GlueSlots.Open("a");
            Assert.That(GlueSlots.Find("a", outer.Graph), Is.Null, "opened, not filled");
            slot.Node = node;
            using var other = TraceScope.Begin();
            Assert.That(GlueSlots.Find("a", other.Graph), Is.Null, "another graph's slot");
            Assert.That(GlueSlots.Find("a", outer.Graph), Is.SameAs(node));
            outer.Graph.Clear();
            Assert.That(GlueSlots.Find("a", outer.Graph), Is.Null, "a node cleared from the graph");
        });
    }

    private static Node NodeIn(TraceGraph graph)
    {
        var picker = new Picker();
        var result = picker.Longer(new string('x', 2), new string('y', 1));
        return graph.NodeOf(result) ?? throw new InvalidOperationException("The call was not recorded.");
    }
}
