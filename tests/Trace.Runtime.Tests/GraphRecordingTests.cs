using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class GraphRecordingTests
{
    [Test]
    public void A_traced_call_records_a_message_node_with_named_inputs_and_description()
    {
        var agent = new Agent();
        var customer = new string("Ada".AsSpan());
        using var scope = TraceScope.Begin();

        var reply = agent.Reply(customer);

        var node = (MessageNode)scope.Graph.NodeOf(reply)!;
        Assert.That(node.Name, Is.EqualTo("reply0"));
        Assert.That(node.Value, Is.EqualTo("You are helpful. Hello Ada"));
        Assert.That(node.Description, Is.EqualTo("Replies to a customer using the system prompt."));
        Assert.That(node.Operator.MethodName, Is.EqualTo("Reply"));
        Assert.That(node.Inputs.Select(i => (i.Key, i.Value.Name)), Is.EqualTo(new[] { ("customer", "customer0") }));
        Assert.That(node.Inputs[0].Value, Is.TypeOf<InputNode>());
        Assert.That(node.Inputs[0].Value.Value, Is.SameAs(customer));
        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "customer0", "reply0" }));
    }

    [Test]
    public void Names_are_unique_and_readable_within_a_graph()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        agent.Reply(new string('a', 2));
        agent.Reply(new string('b', 2));
        agent.Reply(new string('c', 2));

        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "customer0", "reply0", "customer1", "reply1", "customer2", "reply2" }));
    }

    [Test]
    public void Hidden_dependencies_are_the_trainable_members_the_body_reads()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();

        var reply = agent.Reply(new string('x', 1));
        var shortened = agent.Shorten(reply);
        var sample = agent.Sample(reply);

        var replyNode = (MessageNode)scope.Graph.NodeOf(reply)!;
        Assert.That(replyNode.HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Agent.SystemPrompt" }));
        // Shorten reads _maxWords only through the untraced helper Budget(): found at compile time all the same.
        var shortNode = (MessageNode)scope.Graph.NodeOf(shortened)!;
        Assert.That(shortNode.HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Agent._maxWords" }));
        Assert.That(shortNode.Parents, Does.Contain(replyNode));
        var sampleNode = scope.Graph.Nodes.Single(n => n.Name == "sample0");
        Assert.That(((MessageNode)sampleNode).HiddenDependencies.Select(p => p.Name), Is.EqualTo(new[] { "Agent.Temperature" }));
        Assert.That(sample, Is.EqualTo(Agent.Temperature * reply.Length));
    }

    [Test]
    public void Dependencies_of_an_inherited_traced_method_resolve_against_the_receiver()
    {
        var loud = new LoudAgent { SystemPrompt = "Loud." };
        using var scope = TraceScope.Begin();

        var reply = loud.Reply(new string('q', 1));

        var parameter = ((MessageNode)scope.Graph.NodeOf(reply)!).HiddenDependencies.Single();
        Assert.That(parameter.Value, Is.EqualTo("Loud."));
        Assert.That(loud.TrainableParameters(), Does.Contain(parameter));
    }

    [Test]
    public void Graph_exports_to_dot_and_mermaid_with_every_edge()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var reply = agent.Reply(new string('x', 1));
        agent.Shorten(reply);

        var dot = scope.Graph.ToDot();
        var mermaid = scope.Graph.ToMermaid();

        // The parameters the calls read come first: n0 SystemPrompt, n1 _maxWords; then customer0, reply0, shorten0.
        Assert.That(dot, Does.StartWith("digraph trace {"));
        Assert.That(dot, Does.Contain("n0 [label=\"Agent.SystemPrompt (parameter)").And.Contain("n1 [label=\"Agent._maxWords (parameter)"));
        Assert.That(dot, Does.Contain("n3 [label=\"reply0 (Reply)").And.Contain("n4 [label=\"shorten0 (Shorten)"));
        Assert.That(dot, Does.Contain("n2 -> n3;").And.Contain("n0 -> n3;").And.Contain("n3 -> n4;").And.Contain("n1 -> n4;"));
        Assert.That(dot.Split("->").Length - 1, Is.EqualTo(4));
        Assert.That(mermaid, Does.StartWith("flowchart TD"));
        Assert.That(mermaid, Does.Contain("n0[/\"Agent.SystemPrompt (parameter)"));
        Assert.That(mermaid, Does.Contain("n2 --> n3").And.Contain("n0 --> n3").And.Contain("n3 --> n4").And.Contain("n1 --> n4"));
    }

    [Test]
    public void Dot_output_renders_with_graphviz_when_it_is_installed()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        agent.Shorten(agent.Reply("quote \" and \\ backslash\nnew line"));
        var file = Path.Combine(Path.GetTempPath(), $"opto-{Guid.NewGuid():N}.dot");
        File.WriteAllText(file, scope.Graph.ToDot());

        (int ExitCode, string Error)? result;
        string svg;
        try
        {
            result = Graphviz.Render(file);
            svg = result is not { ExitCode: 0 } ? "" : File.ReadAllText(Path.ChangeExtension(file, ".svg"));
        }
        finally
        {
            File.Delete(file);
            File.Delete(Path.ChangeExtension(file, ".svg"));
        }

        if (result is null)
        {
            // Without Graphviz, check the escaping that would have broken it.
            Assert.That(scope.Graph.ToDot(), Does.Contain("quote \\\" and \\\\ backslash\\nnew line"));
            return;
        }

        Assert.That(result.Value.ExitCode, Is.Zero, result.Value.Error);
        Assert.That(svg, Does.Contain("<svg").And.Contain("reply0"));
    }

    [Test]
    public void Count_is_the_recorded_nodes_and_exports_also_draw_the_parameters_they_read()
    {
        using var scope = TraceScope.Begin();
        var agent = new ShopAgent();
        _ = agent.Shorten(agent.Reply("Ana"));

        var parameters = scope.Graph.Nodes.SelectMany(n => n.Parents).OfType<ParameterNode>().Distinct().ToList();
        var mermaidNodes = scope.Graph.ToMermaid().Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  n\d+[\[\(\{]"));
        var dotNodes = scope.Graph.ToDot().Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  n\d+ \[label="));

        Assert.That(scope.Graph.Count, Is.EqualTo(3), "customer0, reply0, shorten0");
        Assert.That(scope.Graph.Nodes.OfType<ParameterNode>(), Is.Empty);
        Assert.That(parameters.Select(p => p.Name), Does.Contain("ShopAgent.SystemPrompt").And.Contain("ShopAgent.MaxWords"));
        Assert.That(mermaidNodes, Is.EqualTo(scope.Graph.Count + parameters.Count));
        Assert.That(dotNodes, Is.EqualTo(scope.Graph.Count + parameters.Count));
    }
}
