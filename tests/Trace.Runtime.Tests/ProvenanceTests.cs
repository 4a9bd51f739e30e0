using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class ProvenanceTests
{
    [Test]
    public void A_reference_value_passed_on_links_the_two_calls()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var reply = agent.Reply(new string('a', 1));
        var replyNode = scope.Graph.NodeOf(reply);
        var echoed = agent.Echo(reply);
        var combined = agent.Combine(echoed, reply);

        var echoNode = (MessageNode)scope.Graph.NodeOf(echoed)!;
        var combineNode = (MessageNode)scope.Graph.NodeOf(combined)!;
        Assert.That(echoNode.Inputs.Single().Value, Is.SameAs(replyNode));
        // Echo returned the very object Reply produced: in a method whose glue the compiler does not claim (synchronous,
        // untraced, running other code), an object two traced calls returned links by identity to its latest producer.
        Assert.That(echoed, Is.SameAs(reply));
        Assert.That(combineNode.Inputs.Select(i => i.Value), Is.EqualTo(new[] { echoNode, echoNode }));
    }

    [Test]
    public void A_string_a_call_passes_through_unchanged_is_not_confused_with_other_uses_of_the_same_instance()
    {
        using var scope = TraceScope.Begin();
        object first = DayOfWeek.Monday;
        object second = DayOfWeek.Monday;
        Assert.That(first.ToString(), Is.SameAs(second.ToString()), "the runtime shares an enum's name");

        var escaped = Labels.Escape(first.ToString()!);
        var length = Labels.Measure(second.ToString()!);
        var escapedLength = Labels.Measure(escaped);

        var escapeNode = scope.Graph.NodeOf(escaped);
        var measures = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Measure").ToList();
        Assert.That(length + escapedLength, Is.EqualTo(12));
        Assert.That(measures[0].Parents.Single(), Is.TypeOf<InputNode>(), "an unrelated use of the enum's name is not Escape's result");
        Assert.That(measures[1].Parents.Single(), Is.SameAs(escapeNode), "Escape's result, passed on, links to Escape");
    }

    [Test]
    public void A_small_number_s_digits_a_call_returns_are_its_own()
    {
        using var scope = TraceScope.Begin();
        var seven = 7;

        var score = Labels.Score(seven);
        var unrelated = Labels.Measure(seven.ToString());
        var passed = Labels.Measure(score);

        var measures = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Measure").ToList();
        Assert.That(unrelated + passed, Is.EqualTo(2));
        Assert.That(measures[0].Parents.Single(), Is.TypeOf<InputNode>(), "the runtime's cached \"7\" elsewhere is not Score's result");
        Assert.That(measures[1].Parents.Single(), Is.SameAs(scope.Graph.NodeOf(score)));
    }

    [Test]
    public void An_equal_string_the_program_made_itself_keeps_its_identity()
    {
        using var scope = TraceScope.Begin();

        // "1" made by the program, not the runtime's cached "1": code that relies on getting the same instance still does.
        Assert.That(Labels.One(), Is.SameAs(Labels.One()));
    }

    [Test]
    public void An_empty_array_a_call_returns_is_its_own_and_not_every_empty_array_of_the_program()
    {
        using var scope = TraceScope.Begin();

        var kept = Labels.Filter([""]);
        var unrelated = Labels.Count(Array.Empty<string>());
        var passed = Labels.Count(kept);

        var counts = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Count").ToList();
        Assert.That(kept, Is.Empty.And.Not.SameAs(Array.Empty<string>()));
        Assert.That(unrelated + passed, Is.Zero);
        Assert.That(counts[0].Parents.Single(), Is.Not.SameAs(scope.Graph.NodeOf(kept)), "Array.Empty<string>() elsewhere is not Filter's result");
        Assert.That(counts[1].Parents.Single().Parents, Does.Contain(scope.Graph.NodeOf(kept)));
    }

    [Test]
    public async Task An_async_call_that_passes_a_string_through_gives_its_own_copy()
    {
        using var scope = TraceScope.Begin();
        var name = DayOfWeek.Friday.ToString();

        var escaped = await Labels.EscapeAsync(name);
        Labels.Measure(name);

        Assert.That(escaped, Is.EqualTo(name).And.Not.SameAs(name));
        var measure = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Operator.MethodName == "Measure");
        Assert.That(measure.Parents.Single(), Is.Not.SameAs(scope.Graph.NodeOf(escaped)));
    }

    [Test]
    public void A_literal_returned_by_a_traced_call_links_exactly_and_is_not_confused_with_the_same_literal_elsewhere()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var yes = agent.Yes();
        var yesNode = scope.Graph.NodeOf(yes);
        var fromCall = agent.Echo(yes);
        var literalVariable = "yes";
        var fromLiteral = agent.Echo(literalVariable);
        var fromConstant = agent.Echo("yes");

        Assert.That(yes, Is.EqualTo("yes"));
        Assert.That(yesNode!.Name, Is.EqualTo("yes0"));
        Assert.That(Parent(scope, fromCall), Is.SameAs(yesNode), "the value really came from Yes()");
        Assert.That(Parent(scope, fromLiteral), Is.TypeOf<InputNode>(), "the program's own \"yes\" literal did not come from Yes()");
        Assert.That(Parent(scope, fromConstant), Is.TypeOf<InputNode>());
        Assert.That(Parent(scope, fromConstant), Is.Not.SameAs(Parent(scope, fromLiteral)), "a constant at the call site is always a fresh input");
    }

    [Test]
    public void A_long_literal_which_is_not_frozen_is_still_not_confused_between_calls_returning_it()
    {
        using var scope = TraceScope.Begin();

        var first = Literals.LongPrompt();
        var second = Literals.LongPrompt();
        var used = Literals.Same(first);

        Assert.That(first, Has.Length.EqualTo(50_000));
        Assert.That(ReferenceEquals(first, second), Is.False, "each call's result has an identity of its own");
        Assert.That(Parent(scope, used).Name, Is.EqualTo("longPrompt0"), "the value came from the first call, not the last");
    }

    [Test]
    public async Task Value_types_are_never_linked_by_equal_values()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        await Task.Yield(); // an async method's glue slots are its own activation's, so the flow through the local is claimed

        var zero = agent.Zero();
        var fromConstant = agent.Increment(0);
        var fromVariable = agent.Increment(zero);

        Assert.That(zero, Is.Zero);
        var constantInput = ((MessageNode)scope.Graph.Nodes.Single(n => n.Name == "increment0")).Inputs.Single().Value;
        var variableInput = ((MessageNode)scope.Graph.Nodes.Single(n => n.Name == "increment1")).Inputs.Single().Value;
        Assert.That(constantInput, Is.TypeOf<InputNode>());
        Assert.That(constantInput.Value, Is.EqualTo(0));
        // An int has no identity, but the compiler sees the flow from Zero() through the local: linked exactly.
        Assert.That(variableInput.Name, Is.EqualTo("zero0"));
        Assert.That(scope.Graph.NodeOf(zero), Is.Null);
        Assert.That(fromConstant + fromVariable, Is.EqualTo(2));
    }

    [Test]
    public void A_value_type_result_passed_straight_to_a_traced_call_is_handed_over_by_the_compiler()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var one = agent.Increment(agent.Zero());
        var eight = Tools.Double(Tools.Double(Tools.Double(1)));
        var sum = Tools.Sum(agent.Zero(), agent.Increment(agent.Zero()));

        Assert.That((one, eight, sum), Is.EqualTo((1, 8, 1)));
        Assert.That(Describe(scope), Is.EqualTo(new[]
        {
            "zero0<>", "increment0<zero0>",
            "value0<>", "double0<value0>", "double1<double0>", "double2<double1>",
            "zero1<>", "zero2<>", "increment1<zero2>", "sum0<zero1,increment1>",
        }));
    }

    [Test]
    public void A_hand_over_interrupted_by_an_exception_never_links_a_later_call_to_it()
    {
        using var scope = TraceScope.Begin();
        var agent = new Agent();

        Assert.Throws<InvalidOperationException>(() => Tools.Sum(agent.Zero(), Tools.Fail()));
        var later = Tools.Sum(Tools.Double(2), agent.Increment(3));

        Assert.That(later, Is.EqualTo(8));
        var sum = (MessageNode)scope.Graph.Nodes.Last();
        Assert.That(sum.Parents.Select(p => p.Name), Is.EqualTo(new[] { "double0", "increment0" }));
    }

    [Test]
    public async Task No_hand_over_is_claimed_across_an_await()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var sum = Tools.Sum(agent.Zero(), (await agent.ReplyAsync("x")).Length);

        var node = (MessageNode)scope.Graph.Nodes.Last();
        // The await keeps the hand-off from being paired on one thread, but the flow is exact: each argument links through its own slot.
        Assert.That(node.Inputs[0].Value.Name, Is.EqualTo("zero0"));
        var length = (GlueNode)node.Inputs[1].Value;
        Assert.That(length.Expression, Is.EqualTo("(await agent.ReplyAsync(\"x\")).Length"));
        Assert.That(length.Parents.Single().Name, Is.EqualTo("reply0"));
        Assert.That(sum, Is.EqualTo(node.Inputs[1].Value.Value));
    }

    [Test]
    public void A_bool_true_is_not_linked_to_a_call_that_returned_true()
    {
        using var scope = TraceScope.Begin();

        var isEven = Tools.Identity(true);
        var again = Tools.Identity(true);

        var second = (MessageNode)scope.Graph.Nodes.OfType<MessageNode>().Last();
        Assert.That(second.Inputs.Single().Value, Is.TypeOf<InputNode>());
        Assert.That(isEven && again, Is.True);
    }

    [Test]
    public void An_explicit_node_is_used_as_the_input_it_is()
    {
        using var scope = TraceScope.Begin();
        var question = Node.Create("What is 2 + 2?", "question");

        var same = Tools.Identity(question);

        var node = (MessageNode)scope.Graph.Nodes.OfType<MessageNode>().Single();
        Assert.That(node.Inputs.Single().Value, Is.SameAs(question));
        Assert.That(same.Value, Is.EqualTo("What is 2 + 2?"));
    }

    [Test]
    public void The_same_untraced_object_passed_twice_is_one_input_node()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var customer = new string('z', 2);

        agent.Reply(customer);
        agent.Echo(customer);

        Assert.That(scope.Graph.Nodes.OfType<InputNode>().Count(), Is.EqualTo(1));
    }

    private static IEnumerable<string> Describe(TraceScope scope) =>
        scope.Graph.Nodes.Select(n => $"{n.Name}<{string.Join(",", n.Parents.Select(p => p.Name))}>");

    private static Node Parent(TraceScope scope, string value) => ((MessageNode)scope.Graph.NodeOf(value)!).Inputs.Single().Value;
}

public class EmptyStringProvenanceTests
{
    [Test]
    public async Task An_empty_string_returned_by_a_traced_call_links_exactly_and_an_empty_literal_never_does()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        await Task.Yield();

        var empty = agent.Next(new string('x', 1))[..0];   // an empty value computed by untraced code: the shared instance
        var fromCall = agent.Echo(agent.Echo(new string('y', 1))[..0]);
        var echoedAgain = agent.Echo(fromCall);

        Assert.That(empty, Is.Empty);
        Assert.That(fromCall, Is.Empty);
        Assert.That(scope.Graph.NodeOf(fromCall), Is.Not.Null, "feedback can be given on an empty result");
        Assert.That(((MessageNode)scope.Graph.NodeOf(echoedAgain)!).Inputs.Single().Value, Is.SameAs(scope.Graph.NodeOf(fromCall)));
        var fromLiteral = agent.Echo("");
        Assert.That(((MessageNode)scope.Graph.NodeOf(fromLiteral)!).Inputs.Single().Value, Is.TypeOf<InputNode>());
        Assert.That(scope.Graph.Backward(fromCall, "Empty.").Output, Is.SameAs(scope.Graph.NodeOf(fromCall)));
    }
}

public class CompletedTaskProvenanceTests
{
    [Test]
    public async Task A_literal_from_an_async_call_that_completed_at_once_links_to_that_call()
    {
        using var scope = TraceScope.Begin();

        var yes = await Literals.YesAsync();
        var yesValue = await Literals.YesValueAsync();
        var same = Literals.Same(yes);
        var sameValue = Literals.Same(yesValue);

        Assert.That(((MessageNode)scope.Graph.NodeOf(same)!).Inputs.Single().Value.Name, Is.EqualTo("yes0"));
        Assert.That(((MessageNode)scope.Graph.NodeOf(sameValue)!).Inputs.Single().Value.Name, Is.EqualTo("yesValue0"));
    }
}
