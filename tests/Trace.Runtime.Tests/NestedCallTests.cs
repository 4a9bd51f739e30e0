using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class NestedCallTests
{
    [Test]
    public void An_outer_call_depends_on_the_trainable_values_its_nested_calls_read_on_other_objects()
    {
        var retriever = new Retriever();
        var writer = new Writer(retriever);
        using var scope = TraceScope.Begin();

        var text = writer.Write(new string('x', 1));

        var write = (MessageNode)scope.Graph.NodeOf(text)!;
        Assert.That(write.HiddenDependencies.Select(p => p.Name), Is.EquivalentTo(new[] { "Writer.Style", "Retriever.QueryTemplate" }));
        Assert.That(write.HiddenDependencies, Does.Contain(retriever.TrainableParameters().Single()), "the very parameter node the retriever exposes");
        var reached = scope.Graph.Backward(text, "Wrong topic.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Writer.Style", "Retriever.QueryTemplate" }));
    }

    [Test]
    public void The_nested_call_is_recorded_but_not_invented_as_a_parent()
    {
        var writer = new Writer(new Retriever());
        using var scope = TraceScope.Begin();

        var text = writer.Relay(new string('x', 1));

        var relay = (MessageNode)scope.Graph.NodeOf(text)!;
        var find = scope.Graph.Nodes.Single(n => n.Name == "find0");
        Assert.That(relay.Parents, Does.Not.Contain(find), "ToUpperInvariant made a new value: no value links the two calls");
        Assert.That(relay.HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
    }

    [Test]
    public void Dependencies_travel_up_every_level()
    {
        var editor = new Editor(new Writer(new Retriever()));
        using var scope = TraceScope.Begin();

        var edited = editor.Edit(new string('x', 1));

        var reached = scope.Graph.Backward(edited, "Bad.").Parameters.Select(p => p.Name);
        Assert.That(reached, Is.EquivalentTo(new[] { "Writer.Style", "Retriever.QueryTemplate" }));
    }

    [Test]
    public async Task Nested_calls_after_awaits_and_on_other_threads_are_found()
    {
        var writer = new Writer(new Retriever());
        using var scope = TraceScope.Begin();

        var later = await writer.WriteAsync(new string('x', 1));
        var pooled = writer.WriteOnPool(new string('y', 1));

        Assert.That(((MessageNode)scope.Graph.NodeOf(later)!).HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
        Assert.That(((MessageNode)scope.Graph.NodeOf(pooled)!).HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
    }

    [Test]
    public void Calls_made_before_or_after_a_traced_call_are_not_its_nested_calls()
    {
        var retriever = new Retriever();
        var writer = new Writer(retriever);
        using var scope = TraceScope.Begin();

        var before = retriever.Find(new string('a', 1));
        var echoed = Writer.Echo(new Parameter<string>("h", "Hint"));
        var after = retriever.Find(new string('b', 1));

        Assert.That(((MessageNode)scope.Graph.NodeOf(echoed)!).HiddenDependencies, Is.Empty);
        Assert.That(((MessageNode)scope.Graph.NodeOf(after)!).HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
        Assert.That(((MessageNode)scope.Graph.NodeOf(before)!).HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
    }

    [Test]
    public void A_call_made_while_the_flow_is_suppressed_is_no_longer_running_once_it_returned()
    {
        var first = new Retriever();
        var second = new Retriever();
        var suppressor = new Suppressor(new Writer(first), second);
        using var scope = TraceScope.Begin();

        var result = suppressor.RelayThenFind(new string('x', 1));
        var after = second.Find(new string('y', 1));

        var outer = (MessageNode)scope.Graph.NodeOf(result)!;
        Assert.That(outer.HiddenDependencies, Is.EquivalentTo(new[] { first.TrainableParameters().Single(), second.TrainableParameters().Single() }), "the call after the suppressed one reports to the outer call");
        Assert.That(Opto.Interception.CallFrame.Current, Is.Null, "no call is running at the top of the rollout");
        Assert.That(((MessageNode)scope.Graph.NodeOf(after)!).HiddenDependencies, Is.EqualTo(second.TrainableParameters()));
    }

    [Test]
    public async Task A_call_whose_task_is_returned_stops_collecting_at_once()
    {
        var retriever = new Retriever();
        var writer = new Writer(retriever);
        using var scope = TraceScope.Begin();

        var pending = writer.WriteAsync(new string('x', 1));
        var meanwhile = Writer.Echo(new Parameter<string>("h", "Hint"));   // runs while WriteAsync is still pending
        var written = await pending;

        Assert.That(((MessageNode)scope.Graph.NodeOf(meanwhile)!).HiddenDependencies, Is.Empty, "Echo ran after WriteAsync returned its task");
        Assert.That(((MessageNode)scope.Graph.NodeOf(written)!).HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }), "the hint is not WriteAsync's");
    }

    [Test]
    public void An_exception_node_depends_on_what_its_nested_calls_read()
    {
        var writer = new Writer(new Retriever());
        using var scope = TraceScope.Begin();

        var thrown = Assert.Throws<ArgumentException>(() => writer.WriteOrFail(new string('x', 1)))!;

        var node = (ExceptionNode)scope.Graph.NodeOf(thrown)!;
        Assert.That(node.HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
        Assert.That(scope.Graph.Backward(thrown, thrown.Message).Parameters.Select(p => p.Name), Is.EqualTo(new[] { "Retriever.QueryTemplate" }));
    }

    [Test]
    public void An_explicit_parameter_passed_to_a_nested_call_is_a_dependency_of_the_outer_call()
    {
        var writer = new Writer(new Retriever());
        var hint = new Parameter<string>("be brief", "Hint");
        using var scope = TraceScope.Begin();

        var text = writer.WithHintFrom(() => hint);

        var reached = scope.Graph.Backward(text, "Too long.").Parameters;
        Assert.That(reached, Does.Contain(hint));
        Assert.That(reached.Select(p => p.Name), Is.EquivalentTo(new[] { "Hint", "Writer.Style" }));
    }

    [Test]
    public async Task Parallel_rollouts_keep_their_nested_dependencies_apart()
    {
        var first = new Writer(new Retriever());
        var second = new Writer(new Retriever());

        async Task<MessageNode> Rollout(Writer writer, string topic)
        {
            using var scope = TraceScope.Begin();
            var text = await writer.WriteAsync(topic);
            return (MessageNode)scope.Graph.NodeOf(text)!;
        }

        var nodes = await Task.WhenAll(Rollout(first, new string('a', 1)), Rollout(second, new string('b', 1)));

        Assert.That(nodes[0].HiddenDependencies.Single(), Is.Not.SameAs(nodes[1].HiddenDependencies.Single()));
    }
}

public class AmbientStateTests
{
    [Test]
    public void An_async_local_a_synchronous_traced_method_sets_is_still_seen_by_its_caller()
    {
        Ambient.Value.Value = null;
        using (var scope = TraceScope.Begin())
        {
            Ambient.Set(new string('a', 1));
            Assert.That(Ambient.Value.Value, Is.EqualTo("a"), "tracing on");
        }

        Ambient.Set(new string('b', 1));
        Assert.That(Ambient.Value.Value, Is.EqualTo("b"), "tracing off");
    }

    [Test]
    public void Leaving_a_call_that_set_an_async_local_raises_the_same_change_notifications_as_without_tracing()
    {
        var setter = new LocalSetter(new Retriever());
        var untraced = ChangesOf(() => setter.SetThenFind(new string('a', 1)));
        var traced = ChangesOf(() =>
        {
            using var scope = TraceScope.Begin();
            setter.SetThenFind(new string('a', 1));
        });

        Assert.That(traced, Is.EqualTo(untraced));
        Assert.That(untraced, Is.EqualTo(new[] { "->a:False" }), "what the runtime raises for the body's own change");

        static List<string> ChangesOf(Action run)
        {
            LocalSetter.Local.Value = null;
            lock (LocalSetter.Changes) LocalSetter.Changes.Clear();
            run();
            List<string> changes;
            lock (LocalSetter.Changes) changes = [.. LocalSetter.Changes];
            LocalSetter.Local.Value = null;
            return changes;
        }
    }

    [Test]
    public void An_activity_started_inside_a_traced_call_stays_current_for_the_caller_as_without_tracing()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == "Tests.Ambient",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var source = new System.Diagnostics.ActivitySource("Tests.Ambient");
        using var scope = TraceScope.Begin();

        var started = Starter.Start(source);

        Assert.That(System.Diagnostics.Activity.Current, Is.SameAs(started));
        started?.Dispose();
    }
}

public class StackTraceTests
{
    [Test]
    public void An_exception_stack_trace_shows_the_users_frames_and_no_generated_ones()
    {
        var writer = new Writer(new Retriever());
        using var scope = TraceScope.Begin();

        var thrown = Assert.Throws<ArgumentException>(() => writer.WriteOrFail(new string('x', 1)))!;

        Assert.That(thrown.StackTrace, Does.Contain(nameof(Writer.WriteOrFail)));
        Assert.That(thrown.StackTrace, Does.Not.Contain("TracedCallInterceptors"));
        Assert.That(thrown.InnerException!.StackTrace, Does.Contain(nameof(Retriever.Broken)).And.Not.Contain("Opto.Generated"));
    }
}
