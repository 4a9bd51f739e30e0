using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class CallShapeTests
{
    [Test]
    public void Static_generic_and_extension_calls_are_recorded()
    {
        using var scope = TraceScope.Begin();
        var text = new string('t', 3);

        var doubled = Tools.Double(21);
        var same = Tools.Identity(text);
        var loud = text.Exclaim();

        Assert.That(doubled, Is.EqualTo(42));
        Assert.That(same, Is.EqualTo(text).And.Not.SameAs(text));
        Assert.That(loud, Is.EqualTo("ttt!"));
        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Select(n => n.Name), Is.EqualTo(new[] { "double0", "identity0", "exclaim0" }));
        var exclaim = (MessageNode)scope.Graph.NodeOf(loud)!;
        Assert.That(exclaim.Inputs.Single().Key, Is.EqualTo("text"));
        Assert.That(exclaim.Inputs.Single().Value, Is.SameAs(scope.Graph.NodeOf(text)), "the extension's receiver is the text itself, Identity's input, not Identity's result");
        Assert.That(scope.Graph.NodeOf(text), Is.TypeOf<InputNode>());
    }

    [Test]
    public async Task Async_methods_are_recorded_when_their_task_completes()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var customer = new string('c', 2);

        var viaTask = await agent.ReplyAsync(customer);
        var viaValueTask = await agent.ReplyValueAsync(customer);
        await agent.LogAsync(viaTask);

        var taskNode = (MessageNode)scope.Graph.NodeOf(viaTask)!;
        var valueTaskNode = (MessageNode)scope.Graph.NodeOf(viaValueTask)!;
        Assert.That(taskNode.Name, Is.EqualTo("reply0"));
        Assert.That(valueTaskNode.Name, Is.EqualTo("replyValue0"));
        Assert.That(taskNode.ValueType, Is.EqualTo(typeof(string)));
        Assert.That(taskNode.Inputs[0].Value, Is.SameAs(valueTaskNode.Inputs[0].Value), "one customer object, one input node");
        var log = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Name == "log0");
        Assert.That(log.Parents, Does.Contain(taskNode));
        Assert.That(agent.Log, Is.EqualTo(new[] { viaTask }));
    }

    [Test]
    public void Private_methods_struct_receivers_and_calls_inside_lambdas_are_recorded()
    {
        var agent = new Agent();
        var counter = new Counter();
        using var scope = TraceScope.Begin();

        var secret = agent.CallSecret(new string('s', 2));
        counter.Add(2);
        counter.Add(3);
        var echoed = agent.InLambda([new string('a', 1), new string('b', 1)]);

        Assert.That(secret, Is.EqualTo("SS"));
        Assert.That(counter.Count, Is.EqualTo(5), "the struct is passed by reference, not copied");
        Assert.That(echoed, Is.EqualTo(new[] { "a", "b" }));
        var names = scope.Graph.Nodes.OfType<MessageNode>().Select(n => n.Name);
        Assert.That(names, Is.EqualTo(new[] { "secret0", "add0", "add1", "echo0", "echo1" }));
    }

    [Test]
    public void Base_calls_are_left_alone_and_the_outer_call_is_recorded_once()
    {
        var loud = new LoudAgent();
        using var scope = TraceScope.Begin();

        var described = loud.Describe(new string('d', 1));

        Assert.That(described, Is.EqualTo("agent:d!"));
        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Select(n => n.Name).ToArray(), Is.EqualTo(new[] { "describe0" }));
    }

    [Test]
    public void With_tracing_off_the_method_runs_directly_and_nothing_is_recorded()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        string reply;
        using (TraceScope.StopTracing())
        {
            Assert.That(TraceScope.Current, Is.Null);
            reply = agent.Reply("x");
        }

        Assert.That(TraceScope.Current, Is.SameAs(scope));
        Assert.That(reply, Is.EqualTo("You are helpful. Hello x"));
        Assert.That(scope.Graph.Count, Is.Zero);
    }

    [Test]
    public void A_throwing_call_records_an_exception_node_the_caller_can_give_feedback_on()
    {
        var agent = new Agent { SystemPrompt = "Check inputs." };
        using var scope = TraceScope.Begin();
        var thrown = Assert.Throws<ArgumentException>(() => agent.ValidateTwice(agent.Reply("forbidden")))!;

        var node = (ExceptionNode)scope.Graph.NodeOf(thrown)!;
        Assert.That(node.Exception, Is.SameAs(thrown));
        Assert.That(node.Operator.MethodName, Is.EqualTo("ValidateTwice"), "the outermost traced call that the exception passed through");
        var inner = node.Parents.OfType<ExceptionNode>().Single();
        Assert.That(inner.Operator.MethodName, Is.EqualTo("Validate"));
        Assert.That(inner.Parents.Single(), Is.SameAs(scope.Graph.Nodes.Single(n => n.Name == "reply0")));

        var result = node.Backward(thrown.Message);

        Assert.That(result.Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Agent.SystemPrompt" }));
        Assert.That(thrown.StackTrace, Does.Contain(nameof(Agent.Validate)), "the original stack trace is kept");
    }

    [Test]
    public void An_async_failure_records_an_exception_node()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var thrown = Assert.ThrowsAsync<InvalidOperationException>(() => agent.FailAsync(new string('f', 1)))!;

        var node = (ExceptionNode)scope.Graph.NodeOf(thrown)!;
        Assert.That(node.Name, Is.EqualTo("fail0"));
        Assert.That(node.Description, Does.Contain("cannot handle f"));
        Assert.That(node.Parents.Single().Name, Is.EqualTo("text0"));
    }

    [Test]
    public async Task A_cancellation_token_is_passed_through_but_is_not_an_input_of_the_graph()
    {
        var agent = new Fixtures.ShopAgent();
        using var scope = TraceScope.Begin();
        using var cancel = new CancellationTokenSource();

        var found = await agent.LookupAsync("dock", cancel.Token);

        var node = (MessageNode)scope.Graph.NodeOf(found)!;
        Assert.That(node.Operator.ParameterNames, Is.EqualTo(new[] { "product" }));
        Assert.That(node.Inputs.Select(i => i.Key + "=" + i.Value.Value), Is.EqualTo(new[] { "product=dock" }));
        Assert.That(scope.Graph.Nodes.Select(n => n.ValueType), Has.None.EqualTo(typeof(CancellationToken)));
        cancel.Cancel();
        Assert.That(async () => await agent.LookupAsync("dock", cancel.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
