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
        // Echo returned the very object it got: in a method whose glue the compiler does not claim (synchronous, untraced,
        // running other code), an object links by identity to its latest producer.
        Assert.That(combineNode.Inputs.Select(i => i.Value), Is.EqualTo(new[] { echoNode, echoNode }));
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
