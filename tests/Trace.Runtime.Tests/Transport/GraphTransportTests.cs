using System.Text.Json;
using Opto;
using Opto.Optimizers;
using Opto.Transport;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Transport;

/// <summary>
/// A rollout's graph packed where it ran, carried as JSON and unpacked on another object's parameters: backward from
/// the unpacked output gives the optimizer exactly the prompt it gives in the process the rollout ran in.
/// </summary>
public class GraphTransportTests
{
    [Test]
    public void A_chain_of_calls_reading_trainable_members_gives_the_same_prompt()
    {
        var (here, there) = Compare(() => new Agent(), agent => agent.Shorten(agent.Reply("Ana")), "Too long.");

        Assert.That(there, Is.EqualTo(here));
        Assert.That(here, Does.Contain("shorten0 = Shorten(reply=reply0)").And.Contain("Agent.SystemPrompt"));
    }

    [Test]
    public void A_call_that_threw_gives_the_same_prompt_with_its_exception()
    {
        var (here, there) = Compare(() => new Agent(), agent => agent.Validate(agent.Reply("forbidden Ana")), "It must not throw.");

        Assert.That(there, Is.EqualTo(here));
        Assert.That(here, Does.Contain("threw ArgumentException").And.Contain("The text has a forbidden word."));
    }

    [Test]
    public void Glue_code_between_calls_gives_the_same_prompt()
    {
        var (here, there) = Compare(() => new Triage(), triage => triage.AwaitThenJoin("broken ñ login").GetAwaiter().GetResult(), "Should be long.");

        Assert.That(there, Is.EqualTo(here));
        Assert.That(here, Does.Contain("glue code over"));
    }

    [Test]
    public void A_collection_of_traced_results_gives_the_same_prompt()
    {
        var (here, there) = Compare(() => new Retriever(), retriever => Merger.Join([retriever.Find("a"), retriever.Find("b"), "plain"]), "Join fewer.");

        Assert.That(there, Is.EqualTo(here));
        Assert.That(here, Does.Contain("texts0 = ["), here);
    }

    [Test]
    public void Several_rollouts_of_one_step_give_the_same_prompt()
    {
        var here = new Agent();
        var there = new Agent();
        var local = new OptoPrime(here.TrainableParameters(), new NoChat());
        var remote = new OptoPrime(there.TrainableParameters(), new NoChat());
        foreach (var customer in new[] { "Ana", "Bo", "forbidden Cy" })
        {
            using var scope = TraceScope.Begin();
            var output = Run(scope, () => here.Validate(here.Shorten(here.Reply(customer))));
            local.Backward(output, $"Wrong for {customer}.");
            remote.Backward(Carry(output, there.TrainableParameters()).Output, $"Wrong for {customer}.");
        }

        Assert.That(remote.BuildPrompt().User, Is.EqualTo(local.BuildPrompt().User));
        Assert.That(local.BuildPrompt().User, Does.Contain("validate0_2").Or.Contain("reply0_2"), "nodes of different rollouts with one name are told apart");
    }

    [Test]
    public void Training_some_of_the_parameters_a_call_reads_gives_the_same_prompt()
    {
        var here = new Agent();
        var there = new Agent();
        var local = new OptoPrime(here.TrainableParameters().Where(p => p.Name == "Agent.SystemPrompt"), new NoChat());
        var remote = new OptoPrime(there.TrainableParameters().Where(p => p.Name == "Agent.SystemPrompt"), new NoChat());
        using var scope = TraceScope.Begin();
        var output = Run(scope, () => here.Shorten(here.Reply("Ana")));

        local.Backward(output, "Too long.");
        var unpacked = Carry(output, remote.Parameters);
        remote.Backward(unpacked.Output, "Too long.");

        Assert.That(remote.BuildPrompt().User, Is.EqualTo(local.BuildPrompt().User));
        Assert.That(local.BuildPrompt().User, Does.Contain("reads"), "the call's hidden dependencies are shown");
        Assert.That(unpacked.UnmatchedParameters, Is.Not.Empty);
    }

    [Test]
    public void A_graph_packed_again_after_being_carried_is_the_same()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var output = Run(scope, () => agent.Validate(agent.Reply("forbidden Ana")));
        var once = GraphTransport.Pack(output);

        var twice = GraphTransport.Pack(Carry(output, agent.TrainableParameters().Take(1)).Output);

        static string Shown(PackedGraph graph) => JsonSerializer.Serialize(graph with { Nodes = [.. graph.Nodes.Select(n => n with { ClrType = null })] });
        Assert.That(Shown(twice), Is.EqualTo(Shown(once)), "names, types as shown, values, exceptions and edges survive a second trip");
    }

    [Test]
    public void A_parameter_of_no_given_name_is_listed_and_shown_as_an_input()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var output = scope.Graph.NodeOf(agent.Shorten(agent.Reply("Ana")))!;

        var original = agent.TrainableParameters().Single(p => p.Name == "Agent.SystemPrompt");
        var unpacked = Carry(output, agent.TrainableParameters().Where(p => p.Name != "Agent.SystemPrompt"));
        var result = unpacked.Output.Backward("Too long.");

        Assert.That(unpacked.UnmatchedParameters, Is.EqualTo(new[] { "Agent.SystemPrompt" }));
        Assert.That(result.Parameters.Select(p => p.Name), Does.Contain("Agent.SystemPrompt"), "a stand-in of that name is reached, as the parameter was there");
        Assert.That(result.Parameters, Has.None.SameAs(original), "but not this process's parameter, which was not given");
        Assert.That(original.Feedback, Is.Empty);
    }

    [Test]
    public void A_packed_graph_that_names_a_later_node_as_a_parent_is_refused()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var packed = GraphTransport.Pack(scope.Graph.NodeOf(agent.Shorten(agent.Reply("Ana")))!);
        var broken = packed with { Nodes = [.. packed.Nodes.Select((n, i) => i == packed.Output ? n with { Inputs = [packed.Nodes.Count + 3] } : n)] };

        var error = Assert.Throws<ArgumentException>(() => GraphTransport.Unpack(broken, agent.TrainableParameters()));
        var newer = Assert.Throws<ArgumentException>(() => GraphTransport.Unpack(packed with { Format = PackedGraph.CurrentFormat + 1 }, agent.TrainableParameters()));
        var unknown = Assert.Throws<ArgumentException>(() => GraphTransport.Unpack(packed with { Nodes = [.. packed.Nodes.Select((n, i) => i == 0 ? n with { Kind = "hologram" } : n)] }, agent.TrainableParameters()));

        Assert.That(error!.Message, Does.Contain("does not come before it"));
        Assert.That(newer!.Message, Does.Contain("packed in form 4; this version of the library reads form 3"));
        Assert.That(unknown!.Message, Does.Contain("of a kind this version does not know: 'hologram'"));
    }

    // The prompt after backward from the rollout's output here, and from its packed copy on another object's parameters.
    private static (string Here, string There) Compare<T>(Func<T> create, Func<T, object> rollout, string feedback)
        where T : class
    {
        var here = create();
        var there = create();
        var local = new OptoPrime(Parameters(here), new NoChat());
        var remote = new OptoPrime(Parameters(there), new NoChat());
        using var scope = TraceScope.Begin();
        var output = Run(scope, () => rollout(here));

        local.Backward(output, feedback);
        remote.Backward(Carry(output, Parameters(there)).Output, feedback);

        return (local.BuildPrompt().User, remote.BuildPrompt().User);
    }

    private static Node Run(TraceScope scope, Func<object> rollout)
    {
        try
        {
            return scope.Graph.NodeOf(rollout())!;
        }
        catch (Exception e)
        {
            return scope.Graph.NodeOf(e)!;
        }
    }

    // Packed, written as JSON text and read back, as a remote call would carry it.
    private static UnpackedGraph Carry(Node output, IEnumerable<ParameterNode> parameters)
    {
        var json = JsonSerializer.Serialize(GraphTransport.Pack(output));
        return GraphTransport.Unpack(JsonSerializer.Deserialize<PackedGraph>(json)!, parameters);
    }

    private static IReadOnlyList<ParameterNode> Parameters(object agent) => agent switch
    {
        Agent a => a.TrainableParameters(),
        Triage t => t.TrainableParameters(),
        Retriever r => r.TrainableParameters(),
        _ => throw new ArgumentException("No parameters for " + agent.GetType().Name),
    };
}
