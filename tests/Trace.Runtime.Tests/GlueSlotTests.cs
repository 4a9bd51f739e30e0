using Opto;
using Opto.Interception;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.Fixtures.GlueSlotProbe;

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
            GlueSlots.Open("a", graph).Node = first;
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(first));
            Assert.That(GlueSlots.Find("b", graph), Is.Null, "another site, with one slot open");

            GlueSlots.Open("a", graph).Node = second;
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(second), "the same site replaces its slot");

            // A tag equal in value but another instance is the same site (tags are literals, not always shared).
            GlueSlots.Open(new string('b', 1), graph).Node = third;
            Assert.That(GlueSlots.Find("b", graph), Is.SameAs(third));
            Assert.That(GlueSlots.Find("a", graph), Is.SameAs(second), "the first site kept once there are two");

            var beforeReplace = GlueSlots.Snapshot();
            GlueSlots.Open("a", graph).Node = fourth;
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
            var slot = GlueSlots.Open("a", outer.Graph);
            Assert.That(GlueSlots.Find("a", outer.Graph), Is.Null, "opened, not filled");
            slot.Node = node;
            using var other = TraceScope.Begin();
            Assert.That(GlueSlots.Find("a", other.Graph), Is.Null, "another graph's slot");
            Assert.That(GlueSlots.Find("a", outer.Graph), Is.SameAs(node));
            outer.Graph.Clear();
            Assert.That(GlueSlots.Find("a", outer.Graph), Is.Null, "a node cleared from the graph");
        });
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task A_scope_that_ends_drops_its_flow_s_slots_of_its_graph_and_keeps_the_others(int innerSites)
    {
        using var outer = TraceScope.Begin();
        var kept = NodeIn(outer.Graph);
        await Task.Run(() =>
        {
            GlueSlots.Open("outer", outer.Graph).Node = kept;
            var inner = TraceScope.Begin();
            for (var i = 0; i < innerSites; i++) GlueSlots.Open($"inner {i}", inner.Graph).Node = NodeIn(inner.Graph);
            GlueSlots.Open("outer running", outer.Graph);
            GlueSlots.Open("inner running", inner.Graph);
            inner.Dispose();

            Assert.That(GlueSlots.Find("outer", outer.Graph), Is.SameAs(kept));
            Assert.That(Slots().Select(s => s.Tag), Is.EquivalentTo(new[] { "outer", "outer running" }), "a call of the outer scope still running fills its slot later");
            Assert.That(Slots().Select(s => s.Graph), Has.None.SameAs(inner.Graph), "nor is a slot of the inner scope's running call kept");
        });
    }

    [Test]
    public async Task A_scope_that_ends_with_only_its_own_slots_leaves_none()
    {
        await Task.Run(() =>
        {
            var scope = TraceScope.Begin();
            GlueSlots.Open("a", scope.Graph).Node = NodeIn(scope.Graph);
            scope.Dispose();
            Assert.That(GlueSlots.Snapshot(), Is.Null);
        });
    }

    [Test]
    [NonParallelizable]
    public async Task A_flow_s_slots_do_not_keep_an_ended_scope_s_chain_alive()
    {
        await Task.Run(() =>
        {
            var first = ChainEndingInASlot();
            // Push the ended scope out of those kept for backward (at most 16 after it).
            for (var i = 0; i <= TraceScope.RecentlyDisposedKept; i++) TraceScope.Begin().Dispose();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.That(first.IsAlive, Is.False, "the flow's slot held the chain's last node, and through its parents the first");
        });
    }

    // A chain of calls whose last node a glue producer left in this flow's slot, in a scope that then ends.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference ChainEndingInASlot()
    {
        var picker = new Picker();
        using var scope = TraceScope.Begin();
        var text = picker.Longer(new string('a', 2), new string('b', 1));
        var first = new WeakReference(scope.Graph.NodeOf(text));
        for (var i = 0; i < 3; i++) text = picker.Longer(text, new string('c', 1));
        GlueSlots.Open("last", scope.Graph).Node = scope.Graph.NodeOf(text);
        return first;
    }

    [Test]
    public void Hand_offs_left_in_a_graph_are_dropped_when_its_scope_ends_and_others_stay_in_order()
    {
        using var outer = TraceScope.Begin();
        var (first, second) = (NodeIn(outer.Graph), NodeIn(outer.Graph));
        HandOffs.Push("first", outer.Graph, first);
        var inner = TraceScope.Begin();
        HandOffs.Push("left", inner.Graph, NodeIn(inner.Graph));
        HandOffs.Push("second", outer.Graph, second);
        inner.Dispose();

        Assert.That(HandOffs.Take("second", outer.Graph, second.Value), Is.SameAs(second));
        Assert.That(HandOffs.Take("first", outer.Graph, first.Value), Is.SameAs(first), "the entry left by the inner scope is gone");
    }
}
