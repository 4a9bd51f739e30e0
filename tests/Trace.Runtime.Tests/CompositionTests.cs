using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures.Composed;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests;

public class CompositionTests
{
    private static readonly string[] s_agentNames =
    [
        "Agent.Instructions",
        "Agent.Planner.Prompt",
        "Agent.Tools[0].Description",
        "Tool.Format",
        "Agent.Tools[1].Description",
        "Agent.Tools[2].Description",
        "Agent.Experts[\"math\"].Prompt",
        "Agent.Experts[\"law\"].Prompt",
        "Agent.Reviewer.Rules",
    ];

    private string _file = "";

    [SetUp]
    public void CreateFileName() => _file = Path.Combine(Path.GetTempPath(), $"opto-{Guid.NewGuid():N}.json");

    [TearDown]
    public void DeleteFile() => File.Delete(_file);

    [Test]
    public void TrainableParameters_lists_the_parameters_of_held_objects_by_their_paths()
    {
        var agent = new Agent();

        var parameters = agent.TrainableParameters();

        Assert.That(parameters.Select(p => p.Name), Is.EqualTo(s_agentNames), "own members, then each held object depth first; a static once, under its type");
        Assert.That(parameters.Select(p => p.Name), Is.Unique);
        Assert.That(parameters.Single(p => p.Name == "Agent.Tools[1].Description").Value, Is.EqualTo("calculate"));
        Assert.That(parameters.Single(p => p.Name == "Agent.Reviewer.Rules").Description, Is.EqualTo("What the reviewer rejects."),
            "a member typed as an interface is looked up by the object's runtime type");

        parameters.Single(p => p.Name == "Agent.Experts[\"law\"].Prompt").SetValue("Quote the statute.");
        Assert.That(agent.Experts["law"].Prompt, Is.EqualTo("Quote the statute."));
        Assert.That(agent.TrainableParameters(), Is.EqualTo(parameters), "the same node for the same object and member, call after call");
    }

    [Test]
    public void Names_are_computed_when_TrainableParameters_is_called()
    {
        var agent = new Agent();
        var calculate = agent.Tools[1];
        var before = agent.TrainableParameters().Single(p => p.Name == "Agent.Tools[1].Description");

        agent.Tools.RemoveAt(0);
        agent.Backup = new Planner();
        var after = agent.TrainableParameters();

        Assert.That(after.Single(p => p.Name == "Agent.Tools[0].Description"), Is.SameAs(before), "the tool moved to position 0 and keeps its node");
        Assert.That(before.Value, Is.EqualTo(calculate.Description));
        Assert.That(after.Select(p => p.Name), Does.Contain("Agent.Backup.Prompt").And.Not.Contain("Agent.Tools[2].Description"));
    }

    [Test]
    public void A_derived_type_without_members_of_its_own_and_a_holder_without_trainable_members_are_covered()
    {
        var department = new Department { Teams = [new Team { Motto = "first" }, new Team { Motto = "second" }] };

        Assert.That(department.TrainableParameters().Select(p => $"{p.Name}={p.Value}"),
            Is.EqualTo(new[] { "Department.Teams[0].Motto=first", "Department.Teams[1].Motto=second" }));
    }

    [Test]
    public void Cycles_terminate_and_list_each_parameter_once()
    {
        var agent = new Agent();
        agent.Planner.Owner = agent;                                      // a child holding its parent
        foreach (var tool in agent.Tools) tool.Siblings = agent.Tools;    // a list reachable again through its items
        agent.Backup = agent.Planner;                                     // one object held twice

        var parameters = agent.TrainableParameters();

        Assert.That(parameters.Select(p => p.Name), Is.EqualTo(s_agentNames), "each object once, under its first path");

        var lead = new Team { Motto = "lead" };
        var crew = new Team { Motto = "crew" };
        lead.Members.Add(crew);
        crew.Members.Add(lead);
        crew.Members.Add(crew);
        Assert.That(lead.TrainableParameters().Select(p => p.Name), Is.EqualTo(new[] { "Team.Motto", "Team.Members[0].Motto" }));
    }

    [Test]
    public void A_call_on_a_held_object_reads_the_node_the_root_listed_and_feedback_reaches_it()
    {
        var agent = new Agent();
        var parameters = agent.TrainableParameters();
        var prompt = parameters.Single(p => p.Name == "Agent.Planner.Prompt");
        var tool = parameters.Single(p => p.Name == "Agent.Tools[0].Description");
        using var scope = TraceScope.Begin();

        var plan = agent.Planner.Plan("refund");
        var planNode = (MessageNode)scope.Graph.NodeOf(plan)!;
        var used = agent.Run("invoice");
        var result = scope.Graph.NodeOf(used)!.Backward("Too vague.");

        Assert.That(planNode.HiddenDependencies.Single(), Is.SameAs(prompt));
        Assert.That(result.Parameters, Has.Some.SameAs(prompt).And.Some.SameAs(tool));
        Assert.That(prompt.Feedback.Single().Feedback, Is.EqualTo("Too vague."));
        Assert.That(parameters.Single(p => p.Name == "Agent.Tools[1].Description").Feedback, Is.Empty, "another tool of the same class got nothing");

        var run = (MessageNode)scope.Graph.NodeOf(agent.Run("refund"))!;
        Assert.That(run.HiddenDependencies, Is.EquivalentTo(new[] { prompt, tool }), "what nested calls on held objects read is the root's nodes");
    }

    [Test]
    public async Task Several_instances_of_one_class_are_told_apart_by_one_optimizer()
    {
        await using var server = new FakeOpenAIServer().Answer("""{"reasoning": "r", "suggestion": {"Agent.Tools[0].Description": "web search"}}""");
        var agent = new Agent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        using (var scope = TraceScope.Begin())
        {
            optimizer.ZeroFeedback();
            optimizer.Backward(agent.Run("invoice"), "Name the tool better.");
        }

        var problem = optimizer.BuildProblem();
        var step = await optimizer.StepAsync();

        Assert.That(problem.Variables, Does.Contain("(string) Agent.Tools[0].Description=\"search\"").And.Contain("(string) Agent.Planner.Prompt="));
        Assert.That(problem.Code, Is.EqualTo("run0 = Run(task=task0)  // reads Agent.Planner.Prompt, Agent.Tools[0].Description\n"));
        Assert.That(step.Rejected, Is.Empty);
        Assert.That(step.Applied.Single().Parameter.Name, Is.EqualTo("Agent.Tools[0].Description"));
        Assert.That(agent.Tools.Select(t => t.Description), Is.EqualTo(new[] { "web search", "calculate", "write" }));
    }

    [Test]
    public void Separate_objects_of_one_class_need_names_of_their_own_to_share_an_optimizer()
    {
        var alice = new Planner { Prompt = "Alice plans." };
        var bob = new Planner { Prompt = "Bob plans." };
        IChatClient chat = new ChatClientBuilder(new NoChat()).Build();

        var error = Assert.Throws<ArgumentException>(() => new OptoPrime([.. alice.TrainableParameters(), .. bob.TrainableParameters()], chat))!;
        var optimizer = new OptoPrime([.. alice.TrainableParameters("alice"), .. bob.TrainableParameters("bob")], chat);

        Assert.That(error.Message, Does.Contain("Two parameters are named 'Planner.Prompt'").And.Contain("TrainableParameters(\"a\")"));
        Assert.That(optimizer.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "alice.Prompt", "bob.Prompt" }));
    }

    [Test]
    public void An_optimizer_keeps_its_names_when_a_later_call_reaches_a_parameter_by_another_path()
    {
        var agent = new Agent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new ChatClientBuilder(new NoChat()).Build());
        using (var scope = TraceScope.Begin())
        {
            optimizer.Backward(agent.Planner.Plan("refund"), "Shorter.");
        }

        var prompt = agent.Planner.TrainableParameters().Single();   // the planner listed on its own renames its node
        var (_, user) = optimizer.BuildPrompt();

        Assert.That(prompt.Name, Is.EqualTo("Planner.Prompt"));
        Assert.That(optimizer.NameOf(prompt), Is.EqualTo("Agent.Planner.Prompt"));
        Assert.That(user, Does.Contain("(string) Agent.Planner.Prompt=\"Plan step by step.\"").And.Contain("reads Agent.Planner.Prompt"));
        Assert.That(user, Does.Not.Contain(" Planner.Prompt"));
    }

    [Test]
    public void Values_are_saved_and_loaded_by_path_names_into_a_fresh_object_graph()
    {
        var saved = new Agent();
        saved.Planner.Prompt = "Plan in three steps.";
        saved.Tools[2].Description = "write a summary";
        saved.Experts["math"].Prompt = "Show the sum.";
        ParameterStore.Save(saved.TrainableParameters(), _file);

        var loaded = new Agent();
        ParameterStore.Load(loaded.TrainableParameters(), _file);

        var keys = ((JsonObject)JsonNode.Parse(File.ReadAllText(_file))!["parameters"]!).Select(p => p.Key);
        Assert.That(keys, Is.EqualTo(s_agentNames));
        Assert.That(loaded.Planner.Prompt, Is.EqualTo("Plan in three steps."));
        Assert.That(loaded.Tools.Select(t => t.Description), Is.EqualTo(new[] { "search", "calculate", "write a summary" }));
        Assert.That(loaded.Experts["math"].Prompt, Is.EqualTo("Show the sum."));
        Assert.That(loaded.Experts["law"].Prompt, Is.EqualTo("Cite the rule."));

        var smaller = new Agent();
        smaller.Tools.RemoveAt(2);
        var error = Assert.Throws<ParameterLoadException>(() => ParameterStore.Load(smaller.TrainableParameters(), _file))!;
        Assert.That(error.Message, Does.Contain("'Agent.Tools[2].Description' is in the file but is not one of the parameters being loaded"));
    }

    [Test]
    public void A_held_field_that_cannot_be_found_is_an_error_naming_the_member_never_a_silent_gap()
    {
        Opto.Interception.TrainableRegistry.RegisterHeld(typeof(Ghost), Opto.Interception.HeldMember.One<Ghost, Planner>("planner", static g => Missing(g)));

        var error = Assert.Throws<InvalidOperationException>(() => Opto.Interception.TrainableRegistry.ParametersOf(new Ghost()))!;

        Assert.That(error.Message, Does.Contain("Ghost").And.Contain("'planner' could not be read"));
    }

    [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = "<planner>P")]
    private static extern ref Planner Missing(Ghost ghost);

    private sealed class Ghost;

    private sealed class NoChat : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("These tests only build prompts.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("These tests only build prompts.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
