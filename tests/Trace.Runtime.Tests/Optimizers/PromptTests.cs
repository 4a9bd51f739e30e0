using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

public class PromptTests
{
    private static OptoPrime Optimizer(ShopAgent agent, OptoPrimeOptions? options = null) =>
        new(agent.TrainableParameters(), new Microsoft.Extensions.AI.ChatClientBuilder(new NoChat()).Build(), options);

    [Test]
    public void The_prompt_for_a_fixed_graph_matches_the_expected_prompt()
    {
        var agent = new ShopAgent();
        var optimizer = Optimizer(agent);
        Rollout.Run(agent, optimizer);

        var (system, user) = optimizer.BuildPrompt();

        ExpectedText.Match($"[system]\n{system}\n[user]\n{user}", "OptoPrime.prompt");
    }

    [Test]
    public void Each_value_appears_once_and_outputs_are_not_repeated_in_others()
    {
        var agent = new ShopAgent();
        var optimizer = Optimizer(agent);
        Rollout.Run(agent, optimizer);

        var problem = optimizer.BuildProblem();

        Assert.That(problem.Code, Is.EqualTo(
            "reply0 = Reply(customer=customer0)  // reads ShopAgent.Products, ShopAgent.SystemPrompt, ShopAgent.Tone\n" +
            "shorten0 = Shorten(reply=reply0)  // reads ShopAgent.MaxWords\n"));
        Assert.That(problem.Inputs, Is.EqualTo("(string) customer0=\"Ana\"\n"));
        Assert.That(problem.Others, Does.StartWith("(string) reply0=").And.Not.Contain("shorten0"));
        Assert.That(problem.Outputs, Does.StartWith("(string) shorten0="));
        Assert.That(problem.Variables, Does.Contain("(List<string>) ShopAgent.Products=[\"laptop\"]"));
        Assert.That(problem.Variables, Does.Contain("(Tone) ShopAgent.Tone=\"Casual\""));
        Assert.That(problem.Variables, Does.Not.Contain("ShopAgent.UpSell"), "UpSell is not read by this run, so it gets no feedback");
        Assert.That(problem.Constraints, Does.Contain("ShopAgent.SystemPrompt: The system prompt the agent replies with. Constraint: One or two sentences."));
        Assert.That(problem.Documentation, Does.Contain("[Reply] Answers a customer using the system prompt and the products."));
        var text = problem.Render();
        Assert.That(CountOf(text, "\"Ana\""), Is.EqualTo(1));
    }

    [Test]
    public void Feedback_from_two_rollouts_is_merged_and_clashing_node_names_are_told_apart()
    {
        var agent = new ShopAgent();
        var optimizer = Optimizer(agent);
        optimizer.ZeroFeedback();
        foreach (var (customer, feedback) in new[] { ("Ana", "Too long."), ("Bo", "Wrong product.") })
        {
            using var scope = TraceScope.Begin();
            optimizer.Backward(agent.Shorten(agent.Reply(customer)), feedback);
        }

        var problem = optimizer.BuildProblem();

        Assert.That(problem.Code, Does.Contain("shorten0 = Shorten(reply=reply0)").And.Contain("shorten0_2 = Shorten(reply=reply0_2)"));
        Assert.That(problem.Inputs, Does.Contain("customer0=\"Ana\"").And.Contain("customer0_2=\"Bo\""));
        Assert.That(problem.Feedback, Is.EqualTo("On shorten0: Too long.\nOn shorten0_2: Wrong product.\n"));
        Assert.That(CountOf(problem.Variables, "ShopAgent.SystemPrompt"), Is.EqualTo(1));
    }

    [Test]
    public void Huge_values_are_cut_with_a_marker_but_variables_are_shown_whole()
    {
        var agent = new ShopAgent { SystemPrompt = new string('p', 5_000) };
        var optimizer = Optimizer(agent, new OptoPrimeOptions { MaxValueLength = 100 });
        Rollout.Run(agent, optimizer, customer: new string('c', 10_000));

        var problem = optimizer.BuildProblem();

        Assert.That(problem.Inputs, Does.Contain("…[truncated: 9,902 of 10,002 characters not shown]"));
        Assert.That(problem.Variables, Does.Contain(new string('p', 5_000)));
    }

    [Test]
    public void Hidden_sections_are_left_out()
    {
        var agent = new ShopAgent();
        var optimizer = Optimizer(agent, new OptoPrimeOptions { HiddenSections = ProblemSections.Documentation | ProblemSections.Others });
        Rollout.Run(agent, optimizer);

        var (_, user) = optimizer.BuildPrompt();

        Assert.That(user, Does.Not.Contain("#Documentation").And.Not.Contain("#Others").And.Contain("#Variables").And.Contain("#Feedback"));
    }

    [Test]
    public void The_objective_and_the_worked_example_are_shown_when_asked()
    {
        var agent = new ShopAgent();
        var optimizer = Optimizer(agent, new OptoPrimeOptions { Objective = "Sell more laptops.", IncludeExample = true });
        Rollout.Run(agent, optimizer);

        var (_, user) = optimizer.BuildPrompt();

        Assert.That(user, Does.StartWith("Here is an example of problem instance and response:"));
        Assert.That(user, Does.Contain("\"Calculator.Factor\": 4"));
        Assert.That(user, Does.Contain("#Instruction\nSell more laptops."));
    }

    [Test]
    public async Task Memory_shows_past_variables_and_their_feedback()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": 8}}""")
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": 9}}""")
            .Answer("TERMINATE");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeOptions { MemorySize = 1 });

        Rollout.Run(agent, optimizer, feedback: "first feedback");
        await optimizer.StepAsync();
        Rollout.Run(agent, optimizer, feedback: "second feedback");
        await optimizer.StepAsync();
        var secondPrompt = server.LastMessages()[1].Text;
        Rollout.Run(agent, optimizer, feedback: "third feedback");
        await optimizer.StepAsync();
        var thirdPrompt = server.LastMessages()[1].Text;

        Assert.That(secondPrompt, Does.Contain("[past 1]\n#Variables\n").And.Contain("(int) ShopAgent.MaxWords=5").And.Contain("#Feedback\nfirst feedback"));
        Assert.That(thirdPrompt, Does.Contain("(int) ShopAgent.MaxWords=8").And.Contain("second feedback").And.Not.Contain("first feedback"));
    }

    [Test]
    public async Task Lowering_the_memory_size_takes_effect_at_the_next_prompt()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": 8}}""")
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": 9}}""");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeOptions { MemorySize = 3 });
        Rollout.Run(agent, optimizer, feedback: "first feedback");
        await optimizer.StepAsync();
        Rollout.Run(agent, optimizer, feedback: "second feedback");

        var remembered = optimizer.BuildPrompt().User;
        optimizer.Options.MemorySize = 0;
        var forgotten = optimizer.BuildPrompt().User;

        Assert.That(remembered, Does.Contain("[past 1]").And.Contain("first feedback"));
        Assert.That(forgotten, Does.Not.Contain("[past 1]").And.Not.Contain("first feedback"));
    }

    [Test]
    public void An_exception_node_shows_what_threw()
    {
        var agent = new Agent();
        var parameters = agent.TrainableParameters().Where(p => p.Name != "Agent.Temperature").ToList();
        var optimizer = new OptoPrime(parameters, new Microsoft.Extensions.AI.ChatClientBuilder(new NoChat()).Build());
        using var scope = TraceScope.Begin();
        try
        {
            agent.Validate(agent.Reply("forbidden"));
        }
        catch (ArgumentException)
        {
        }

        optimizer.ZeroFeedback();
        optimizer.Backward(scope.Graph.Nodes[^1], "It must not throw.");
        var problem = optimizer.BuildProblem();

        Assert.That(problem.Code, Does.Contain("validate0 = Validate(text=reply0)  // threw ArgumentException"));
        Assert.That(problem.Outputs, Does.StartWith("(ArgumentException) validate0=\"ArgumentException: The text has a forbidden word."));
    }

    [Test]
    public void Parameters_with_the_same_name_cannot_share_an_optimizer()
    {
        var direct = Assert.Throws<ArgumentException>(() => _ = new OptoPrime(new ShopAgent().TrainableParameters().Concat(new ShopAgent().TrainableParameters()), new NoChat()));
        Assert.That(direct!.Message, Does.Contain("Two parameters are named 'ShopAgent."));
    }

    [Test]
    public void Backward_on_a_plain_value_outside_a_scope_says_how_to_fix_it()
    {
        var optimizer = Optimizer(new ShopAgent());

        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Backward("some answer", "bad"));

        Assert.That(error!.Message, Does.Contain("TraceScope.Begin()"));
    }

    [Test]
    public void Code_stays_in_call_order_when_the_feedback_came_from_passes_that_reached_different_parameters()
    {
        var relay = new Relay();
        var parameters = relay.TrainableParameters().ToList();
        var optimizer = new OptoPrime(parameters, new NoChat());
        using (TraceScope.Begin())
        {
            var x = relay.G(relay.H());
            optimizer.Backward(relay.F(x), "The first output is wrong.");
            parameters.Single(p => p.Name == "Relay.Second").ZeroFeedback();
            optimizer.Backward(relay.K(x), "The second output is wrong.");
        }

        var user = optimizer.BuildPrompt().User;

        var calls = new[] { "h0 = H()", "g0 = G(y=h0)", "f0 = F(x=g0)", "k0 = K(x=g0)" }.Select(c => user.IndexOf(c, StringComparison.Ordinal)).ToList();
        Assert.That(calls.Take(2), Is.Ordered.And.All.GreaterThan(0), user);
        Assert.That(calls.Skip(2), Has.All.GreaterThan(calls[1]), user);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private sealed class NoChat : Microsoft.Extensions.AI.IChatClient
    {
        public Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("These tests only build prompts.");

        public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("These tests only build prompts.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
