using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

[NonParallelizable]
public class ScopeTests
{
    [Test]
    public void Outside_every_scope_a_million_calls_keep_no_memory()
    {
        var agent = new Agent();
        var text = new string('m', 8);
        Assert.That(TraceScope.Current, Is.Null);
        for (var i = 0; i < 10_000; i++) agent.Echo(text);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 1_000_000; i++) agent.Combine(text, text);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        // Recording would keep about 100 MB for a million nodes; untraced calls keep nothing.
        Assert.That(after - before, Is.LessThan(1_000_000), $"{after - before} bytes kept");
    }

    [Test]
    public void Nested_scopes_record_separately_and_restore_the_outer_one()
    {
        var agent = new Agent();
        using var outer = TraceScope.Begin("outer");
        agent.Echo(new string('o', 1));
        using (var inner = TraceScope.Begin("inner"))
        {
            agent.Echo(new string('i', 1));
            Assert.That(TraceScope.Current, Is.SameAs(inner));
            Assert.That(inner.Graph.Count, Is.EqualTo(2));
        }

        Assert.That(TraceScope.Current, Is.SameAs(outer));
        Assert.That(outer.Graph.Count, Is.EqualTo(2));
    }

    [Test]
    public void A_cleared_graph_forgets_nodes_and_links()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var reply = agent.Reply(new string('r', 1));

        scope.Graph.Clear();
        agent.Echo(reply);

        Assert.That(scope.Graph.NodeOf(reply), Is.Not.Null);
        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "text0", "echo0" }), "reply is an untraced input now, and counters restarted");
    }

    [Test]
    public void A_disposed_scope_stops_recording_but_its_graph_stays_readable()
    {
        var agent = new Agent();
        var scope = TraceScope.Begin();
        var reply = agent.Reply(new string('d', 1));
        scope.Dispose();
        scope.Dispose();

        agent.Echo(reply);

        Assert.That(TraceScope.Current, Is.Null);
        Assert.That(scope.Graph.Count, Is.EqualTo(2));
        Assert.That(scope.Graph.NodeOf(reply)!.Name, Is.EqualTo("reply0"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_task_that_outlives_its_scope_records_no_new_call_whatever_else_is_open(bool anotherScopeOpen)
    {
        var agent = new Agent();
        // A scope open in another flow turns tracing on in the process: it must not change what the late task records.
        var elsewhere = anotherScopeOpen ? await Task.Run(() => TraceScope.Begin("elsewhere")) : null;
        try
        {
            var gate = new TaskCompletionSource();
            Task<TraceScope?> late;
            var scope = TraceScope.Begin("ended");
            using (scope)
            {
                agent.Echo(new string('a', 1));
                late = Task.Run(async () =>
                {
                    await gate.Task;
                    agent.Echo(new string('b', 1));
                    return TraceScope.Current;
                });
            }

            gate.SetResult();
            Assert.That(await late, Is.Null, "an ended scope is not current in the flows it started");
            Assert.That(scope.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "text0", "echo0" }));
            Assert.That(elsewhere?.Graph.Count ?? 0, Is.Zero, "nor does the late call go to a scope of another flow");
        }
        finally
        {
            elsewhere?.Dispose();
        }
    }

    [Test]
    public async Task A_call_running_when_its_scope_ends_records_its_completion_but_not_its_later_nested_calls()
    {
        var agent = new Triage();
        var gate = new TaskCompletionSource();
        Task<string> running;
        var scope = TraceScope.Begin();
        using (scope) running = agent.SummarizeWhenAsync(gate.Task, new string('t', 3));

        gate.SetResult();
        var summary = await running;

        Assert.That(scope.Graph.NodeOf(summary)?.Name, Is.EqualTo("summarizeWhen0"));
        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Does.Not.Contain("summarize0"), "its nested call ran after the scope ended");
    }

    [Test]
    public async Task A_thousand_parallel_rollouts_never_share_a_node()
    {
        var agent = new Agent();
        var rollouts = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            using var scope = TraceScope.Begin($"rollout {i}");
            var customer = $"customer {i}";
            var reply = await agent.ReplyAsync(customer);
            var shortened = agent.Shorten(reply);
            await agent.LogAsync(shortened);
            return scope.Graph;
        })));

        var owner = new Dictionary<Node, TraceGraph>(ReferenceEqualityComparer.Instance);
        foreach (var graph in rollouts)
        {
            Assert.That(graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "customer0", "reply0", "shorten0", "log0" }));
            foreach (var node in graph.Nodes) owner.Add(node, graph);
        }

        foreach (var graph in rollouts)
        {
            foreach (var node in graph.Nodes)
            {
                foreach (var parent in node.Parents.Where(p => p is not ParameterNode))
                {
                    Assert.That(owner[parent], Is.SameAs(graph), $"{node.Name} links to {parent.Name} of another rollout");
                }
            }
        }
    }

    [Test]
    public async Task Concurrent_calls_inside_one_scope_are_all_recorded()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => agent.ReplyAsync($"c{i}")));

        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Count(), Is.EqualTo(200));
        Assert.That(scope.Graph.Nodes.Select(n => n.Name).Distinct().Count(), Is.EqualTo(400));
        Assert.That(replies.Select(r => scope.Graph.NodeOf(r)), Is.All.InstanceOf<MessageNode>());
    }
}
