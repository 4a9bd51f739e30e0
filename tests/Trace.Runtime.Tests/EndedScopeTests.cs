using Opto;
using Opto.Interception;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.Fixtures.GlueSlotProbe;

namespace Trace.Runtime.Tests;

/// <summary>
/// The current scope of a flow is its innermost scope that has not ended, whoever ended the others and whatever other
/// flows have open; a scope that ended leaves nothing in the flow that keeps its graph alive.
/// </summary>
[NonParallelizable]
public class EndedScopeTests
{
    [Test]
    public async Task An_inner_scope_ended_by_another_flow_leaves_the_outer_current_in_the_flow_that_began_it()
    {
        var agent = new Agent();
        using var outer = TraceScope.Begin("outer");
        var inner = TraceScope.Begin("inner");
        await Task.Run(inner.Dispose);

        agent.Echo(new string('o', 1));

        Assert.That(TraceScope.Current, Is.SameAs(outer));
        Assert.That(outer.Graph.Count, Is.EqualTo(2), "the call after the inner scope ended goes to the open outer scope");
        Assert.That(inner.Graph.Count, Is.Zero);
    }

    [Test]
    public void An_inner_scope_ended_while_tracing_was_stopped_leaves_the_outer_current_once_it_resumes()
    {
        var agent = new Agent();
        using var outer = TraceScope.Begin("outer");
        var inner = TraceScope.Begin("inner");
        using (TraceScope.StopTracing()) inner.Dispose();

        agent.Echo(new string('o', 1));

        Assert.That(TraceScope.Current, Is.SameAs(outer));
        Assert.That(outer.Graph.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task A_task_that_outlives_an_inner_scope_records_into_its_flow_s_outer_scope_still_open()
    {
        var agent = new Agent();
        var gate = new TaskCompletionSource();
        using var outer = TraceScope.Begin("outer");
        Task<TraceScope?> late;
        var inner = TraceScope.Begin("inner");
        using (inner)
        {
            late = Task.Run(async () =>
            {
                await gate.Task;
                agent.Echo(new string('l', 1));
                return TraceScope.Current;
            });
        }

        gate.SetResult();
        Assert.That(await late, Is.SameAs(outer));
        Assert.That(outer.Graph.Count, Is.EqualTo(2));
        Assert.That(inner.Graph.Count, Is.Zero);
    }

    [Test]
    public void When_the_outer_scope_ends_first_the_inner_records_until_it_ends_and_then_nothing_is_current()
    {
        var agent = new Agent();
        var outer = TraceScope.Begin("outer");
        var inner = TraceScope.Begin("inner");
        var first = agent.Echo(new string('a', 1));
        outer.Dispose();

        Assert.That(TraceScope.Current, Is.SameAs(inner));
        var second = agent.Echo(first);
        inner.Dispose();

        Assert.That(TraceScope.Current, Is.Null, "the enclosing scope ended first");
        agent.Echo(second);
        Assert.That(inner.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "text0", "echo0", "echo1" }));
        Assert.That(outer.Graph.Count, Is.Zero);
        Assert.That(TraceScope.FindNode(second)?.Name, Is.EqualTo("echo1"));
    }

    [Test]
    public void A_scope_begun_in_a_flow_whose_scopes_all_ended_records_and_then_nothing_is_current()
    {
        var agent = new Agent();
        var outer = TraceScope.Begin("outer");
        var inner = TraceScope.Begin("inner");
        outer.Dispose();
        inner.Dispose();
        Assert.That(TraceScope.Current, Is.Null);

        string recorded;
        using (var again = TraceScope.Begin("again"))
        {
            recorded = agent.Echo(new string('x', 1));
            Assert.That(TraceScope.Current, Is.SameAs(again));
            Assert.That(again.Graph.Count, Is.EqualTo(2));
        }

        Assert.That(TraceScope.Current, Is.Null, "back to the ended outer scope, which is not current");
        agent.Echo(recorded);
        Assert.That(outer.Graph.Count, Is.Zero);
    }

    [Test]
    public void Tracing_resumed_over_a_scope_that_ended_meanwhile_records_nothing()
    {
        var agent = new Agent();
        var scope = TraceScope.Begin();
        var stop = TraceScope.StopTracing();
        scope.Dispose();
        stop.Dispose();

        Assert.That(TraceScope.Current, Is.Null);
        using var other = TraceScope.Begin("elsewhere");
        Assert.That(TraceScope.Current, Is.SameAs(other));
        agent.Echo(new string('s', 1));
        Assert.That(scope.Graph.Count, Is.Zero);
    }

    [Test]
    public void A_scope_ended_twice_keeps_the_outer_current_and_its_slots()
    {
        using var outer = TraceScope.Begin("outer");
        var inner = TraceScope.Begin("inner");
        inner.Dispose();
        var kept = GlueSlots.Open("kept", outer.Graph);
        kept.Node = NodeIn(outer.Graph);
        inner.Dispose();

        Assert.That(TraceScope.Current, Is.SameAs(outer));
        Assert.That(GlueSlots.Find("kept", outer.Graph), Is.SameAs(kept.Node));
    }

    [Test]
    public async Task A_call_completing_after_its_scope_ended_leaves_no_slot_of_the_ended_graph()
    {
        var triage = new Triage();
        var gate = new TaskCompletionSource();
        await Task.Run(async () =>
        {
            var scope = TraceScope.Begin();
            var running = triage.SummarizeWhenAsync(gate.Task, new string('t', 3));
            Assert.That(Slots().Count(), Is.EqualTo(1), "the producer's slot is open, and empty");
            scope.Dispose();
            gate.SetResult();
            var summary = (await running).Trim();
            _ = triage.Classify(summary);

            Assert.That(scope.Graph.Nodes.Select(n => n.Name), Does.Contain("summarizeWhen0"), "the running call recorded its completion");
            Assert.That(Slots(), Is.Empty, "the slot it filled after the scope ended was dropped when the scope ended");
        });
    }

    [Test]
    public async Task A_call_completing_after_its_scope_ended_does_not_keep_the_ended_graph_alive()
    {
        await Task.Run(() =>
        {
            var ticket = ProducerCompletingAfterItsScopeEnded(new Triage());
            // Push the ended scope out of those kept for backward (at most 16 after it).
            for (var i = 0; i <= TraceScope.RecentlyDisposedKept; i++) TraceScope.Begin().Dispose();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.That(ticket.IsAlive, Is.False, "the flow's slot would hold the call's node, and through its parents the ticket's");
        });
    }

    // Synchronous, so the slot its glue opens stays in the caller's flow. Traced, so the generator proves that glue; called
    // outside every scope, it runs directly.
    [Traced]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static WeakReference ProducerCompletingAfterItsScopeEnded(Triage triage)
    {
        var gate = new TaskCompletionSource();
        var scope = TraceScope.Begin();
        var ticket = new string('t', 3);
        var running = triage.SummarizeWhenAsync(gate.Task, ticket);
#pragma warning disable OPTO015 // the node is only watched, not read for feedback
        var ticketNode = new WeakReference(scope.Graph.NodeOf(ticket));
#pragma warning restore OPTO015
        scope.Dispose();
        gate.SetResult();
        var summary = running.GetAwaiter().GetResult().Trim();
        _ = triage.Classify(summary);
        return ticketNode;
    }
}
