using System.Collections.Concurrent;
using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// A call's arguments new to the graph are held by the call's node and become input nodes when asked for: the graph must
/// read as if each had been a node from the start (names, order, positions, identity, links by value, concurrency).
/// </summary>
public class NewInputTests
{
    [Test]
    public void New_inputs_come_before_their_call_each_one_node_wherever_it_is_asked_for()
    {
        var agent = new Agent();
        var left = new string('l', 3);
        var right = new string('r', 3);
        using var scope = TraceScope.Begin();

        var combined = agent.Combine(left, right);

        var call = (MessageNode)scope.Graph.NodeOf(combined)!;
        var nodes = scope.Graph.Nodes;
        Assert.That(nodes.Select(n => n.Name), Is.EqualTo(new[] { "left0", "right0", "combine0" }));
        Assert.That(scope.Graph.Count, Is.EqualTo(3));
        Assert.That(call.Parents[0], Is.SameAs(nodes[0]));
        Assert.That(call.Parents[1], Is.SameAs(nodes[1]));
        Assert.That(call.Inputs.Select(i => i.Value), Is.EqualTo(new[] { nodes[0], nodes[1] }).Using<Node>(ReferenceEquals));
        Assert.That(scope.Graph.NodeOf(left), Is.SameAs(nodes[0]));
        Assert.That(scope.Graph.NodeOf(right), Is.SameAs(nodes[1]));
        Assert.That(nodes[0], Is.TypeOf<InputNode>());
        Assert.That(nodes[0].Value, Is.SameAs(left));
        Assert.That(nodes[1].ValueType, Is.EqualTo(typeof(string)));
        for (var i = 0; i < nodes.Count; i++) Assert.That(nodes[i].GraphIndex, Is.EqualTo(i), nodes[i].Name);
    }

    [Test]
    public void Every_new_input_of_many_calls_is_found_by_its_value()
    {
        // Two new inputs of one call are placed in the value map after the call's node is stored: over thousands of calls
        // both land in one run of occupied slots (or would take the same empty one), and neither may be lost.
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var pairs = new List<(string Left, string Right)>();
        for (var i = 0; i < 20_000; i++)
        {
            var pair = (new string('l', 1 + (i % 5)), new string('r', 1 + (i % 3)));
            agent.Combine(pair.Item1, pair.Item2);
            pairs.Add(pair);
        }

        var lost = pairs.Count(p => scope.Graph.NodeOf(p.Left) is not InputNode { } left || !ReferenceEquals(left.Value, p.Left)
                                    || scope.Graph.NodeOf(p.Right) is not InputNode { } right || !ReferenceEquals(right.Value, p.Right));
        Assert.That(lost, Is.Zero);
        Assert.That(scope.Graph.Count, Is.EqualTo(60_000));
    }

    [Test]
    public void An_input_passed_again_links_to_the_node_it_got_at_its_first_call()
    {
        var agent = new Agent();
        var shared = new string('s', 3);
        using var scope = TraceScope.Begin();

        var first = agent.Combine(shared, new string('a', 2));
        // Asked for by value before its holder was ever asked for its parents.
        var byValue = scope.Graph.NodeOf(shared);
        var second = agent.Combine(new string('b', 2), shared);
        var third = agent.Combine(shared, new string('c', 2));

        var firstCall = scope.Graph.NodeOf(first)!;
        var secondCall = scope.Graph.NodeOf(second)!;
        var thirdCall = scope.Graph.NodeOf(third)!;
        Assert.That(secondCall.Parents[1], Is.SameAs(firstCall.Parents[0]));
        Assert.That(thirdCall.Parents[0], Is.SameAs(firstCall.Parents[0]));
        Assert.That(byValue, Is.SameAs(firstCall.Parents[0]));
        var nodes = scope.Graph.Nodes;
        Assert.That(nodes.Select(n => n.Name), Is.EqualTo(new[] { "left0", "right0", "combine0", "left1", "combine1", "right1", "combine2" }));
        Assert.That(secondCall.Parents[0], Is.SameAs(nodes[3]));
        Assert.That(thirdCall.Parents[1], Is.SameAs(nodes[5]));
        Assert.That(nodes[5].Value, Is.EqualTo("cc"));
    }

    [Test]
    public void One_new_object_passed_as_both_arguments_is_one_input()
    {
        var agent = new Agent();
        var twice = new string('t', 3);
        using var scope = TraceScope.Begin();

        var combined = agent.Combine(twice, twice);

        var call = scope.Graph.NodeOf(combined)!;
        Assert.That(call.Parents[1], Is.SameAs(call.Parents[0]));
        Assert.That(scope.Graph.NodeOf(twice), Is.SameAs(call.Parents[0]));
        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "left0", "combine0" }));
    }

    [Test]
    public void A_result_that_is_one_of_the_new_inputs_is_the_call_s_value_and_feedback_reaches_the_parameter()
    {
        var picker = new Picker();
        var shorter = new string('a', 2);
        var longer = new string('b', 5);
        using var scope = TraceScope.Begin();

        var picked = picker.Longer(shorter, longer);

        // The argument passed through, as an equal copy the call owns: the caller's own string stays its input.
        Assert.That(picked, Is.EqualTo(longer).And.Not.SameAs(longer));
        var call = (MessageNode)scope.Graph.NodeOf(picked)!;
        Assert.That(call.Operator.MethodName, Is.EqualTo("Longer"));
        Assert.That(call.Parents[1].Value, Is.SameAs(longer));
        Assert.That(call.Parents[1], Is.TypeOf<InputNode>());
        Assert.That(scope.Graph.NodeOf(shorter), Is.SameAs(call.Parents[0]));
        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "first0", "second0", "longer0" }));

        var result = scope.Graph.Backward(picked, "Prefer the shorter text.");

        Assert.That(result.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "Picker.Tie" }));
    }

    [Test]
    public void A_dynamic_argument_of_another_type_than_the_first_is_a_node_of_its_own_in_the_same_order()
    {
        var picker = new Picker();
        using var scope = TraceScope.Begin();

        var first = picker.Label(1, new string('a', 1));
        var second = picker.Label(new string('x', 2), new string('b', 1));
        var third = picker.Label(2.5, new string('c', 1));

        var nodes = scope.Graph.Nodes;
        Assert.That(nodes.Select(n => n.Name), Is.EqualTo(new[] { "value0", "label0", "label1", "value1", "label2", "label3", "value2", "label4", "label5" }));
        Assert.That(new[] { nodes[0], nodes[3], nodes[6] }.Select(n => n.ValueType), Is.EqualTo(new[] { typeof(int), typeof(string), typeof(double) }));
        Assert.That(new[] { first, second, third }.Select(r => scope.Graph.NodeOf(r)!.Parents[0]), Is.EqualTo(new[] { nodes[0], nodes[3], nodes[6] }).Using<Node>(ReferenceEquals));
        Assert.That(scope.Graph.NodeOf(second)!.Parents[1].Value, Is.EqualTo("b"));
    }

    [Test]
    public void A_type_of_code_that_may_be_unloaded_is_never_kept_by_an_operator()
    {
        var assembly = System.Reflection.Emit.AssemblyBuilder.DefineDynamicAssembly(new("Unloadable"), System.Reflection.Emit.AssemblyBuilderAccess.RunAndCollect);
        var unloadable = assembly.DefineDynamicModule("Unloadable").DefineType("Patch", System.Reflection.TypeAttributes.Public).CreateType();
        var picker = new Picker();
        using var scope = TraceScope.Begin();

        // The operator's first value ever is of the unloadable type: the call makes its own input nodes, and the kind held
        // for later calls is that of the first value of a type that stays.
        var first = picker.Tag(Activator.CreateInstance(unloadable)!, new string('a', 1));
        var second = picker.Tag(7, new string('b', 1));
        var third = picker.Tag(8, new string('c', 1));

        Assert.That(unloadable.IsCollectible, Is.True);
        Assert.That(scope.Graph.NodeOf(first), Is.Not.TypeOf<NodeWithNewInputs>());
        Assert.That(scope.Graph.NodeOf(first)!.Parents[0].ValueType, Is.EqualTo(unloadable));
        Assert.That(new[] { second, third }.Select(r => scope.Graph.NodeOf(r)), Is.All.TypeOf<NodeWithNewInputs>());
        Assert.That(new[] { second, third }.Select(r => scope.Graph.NodeOf(r)!.Parents[0].ValueType), Is.All.EqualTo(typeof(int)));
    }

    [Test]
    public void Value_typed_and_null_new_inputs_are_held_and_named_like_any_other()
    {
        var agent = new Agent();
        var right = new string('r', 2);
        using var scope = TraceScope.Begin();

        var sum = Tools.Sum(2, 3);
        var combined = agent.Combine(null!, right);

        var nodes = scope.Graph.Nodes;
        Assert.That(sum, Is.EqualTo(5));
        Assert.That(nodes.Select(n => n.Name), Is.EqualTo(new[] { "a0", "b0", "sum0", "left0", "right0", "combine0" }));
        Assert.That(nodes.Take(2).Select(n => n.Value), Is.EqualTo(new object[] { 2, 3 }));
        Assert.That(nodes[2].Parents, Is.EqualTo(new[] { nodes[0], nodes[1] }).Using<Node>(ReferenceEquals));
        Assert.That(nodes[3].Value, Is.Null);
        Assert.That(nodes[3].ValueType, Is.EqualTo(typeof(string)));
        Assert.That(scope.Graph.NodeOf(combined)!.Parents[0], Is.SameAs(nodes[3]));
    }

    [Test]
    public void A_graph_contains_its_held_inputs_once_made_and_nothing_after_it_is_cleared()
    {
        var agent = new Agent();
        using var other = TraceScope.Begin();
        var elsewhere = agent.Combine(new string('x', 1), new string('y', 1));
        var otherCall = other.Graph.NodeOf(elsewhere)!;

        using var scope = TraceScope.Begin();
        var combined = agent.Combine(new string('l', 1), new string('r', 1));
        var call = scope.Graph.NodeOf(combined)!;
        var inputs = call.Parents;

        Assert.That(scope.Graph.Contains(call), Is.True);
        Assert.That(inputs.Select(scope.Graph.Contains), Is.All.True);
        Assert.That(scope.Graph.Contains(otherCall), Is.False);
        Assert.That(otherCall.Parents.Select(scope.Graph.Contains), Is.All.False);
        Assert.That(scope.Graph.Contains(new InputNode("left", 0, "l", typeof(string)) { GraphIndex = inputs[0].GraphIndex }), Is.False);

        scope.Graph.Clear();

        Assert.That(scope.Graph.Contains(call), Is.False);
        Assert.That(inputs.Select(scope.Graph.Contains), Is.All.False);
    }

    [Test]
    public void Threads_asking_for_the_same_new_inputs_at_once_all_get_the_same_nodes()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var results = Enumerable.Range(0, 20_000).Select(i => agent.Combine(new string('a', 1 + (i % 5)), new string('b', 1 + (i % 7)))).ToList();
        var calls = results.Select(r => scope.Graph.NodeOf(r)!).ToList();

        const int threads = 4;
        var seen = new ConcurrentBag<(int Call, int Input, Node Node)>();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var c = 0; c < calls.Count; c++)
            {
                // Half of the threads ask the calls for their parents, half ask the graph by value.
                var first = t % 2 == 0 ? calls[c].GetParent(0) : scope.Graph.NodeOf(calls[c].Parents[0].Value)!;
                var second = t % 2 == 0 ? calls[c].GetParent(1) : scope.Graph.NodeOf(calls[c].Parents[1].Value)!;
                seen.Add((c, 0, first));
                seen.Add((c, 1, second));
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(workers);

        var distinct = seen.GroupBy(s => (s.Call, s.Input)).Select(g => g.Select(s => s.Node).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.That(distinct, Is.All.EqualTo(1));
        var nodes = scope.Graph.Nodes;
        Assert.That(nodes, Has.Count.EqualTo(60_000));
        Assert.That(seen.Where(s => s.Call == 0).Select(s => s.Node), Is.All.SameAs(nodes[0]).Or.SameAs(nodes[1]));
    }
}
