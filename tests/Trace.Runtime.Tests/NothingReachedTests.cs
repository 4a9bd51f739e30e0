using Microsoft.Extensions.Logging;
using Opto;
using Opto.Backward;
using Opto.Optimizers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests;

/// <summary>A traced method that reads no trainable value: feedback on its result reaches nothing.</summary>
public class Echo
{
    /// <summary>Repeats the text, louder.</summary>
    [Traced]
    public string Shout(string text) => text.ToUpperInvariant() + "!";
}

[NonParallelizable]
public class NothingReachedTests
{
    private CapturingLoggerFactory _logs = new();

    [SetUp]
    public void CaptureLogs()
    {
        _logs = new CapturingLoggerFactory();
        TraceLogging.LoggerFactory = _logs;
    }

    [TearDown]
    public void StopCapturing() => TraceLogging.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    [Test]
    public void Feedback_on_a_call_that_reads_no_trainable_value_says_it_reached_nothing_and_logs_a_warning()
    {
        using var scope = TraceScope.Begin();
        var loud = new Echo().Shout("hello");

        var result = scope.Graph.Backward(loud, "Too loud.");

        Assert.That(result.ReachedNothing, Is.True);
        Assert.That(result.Parameters, Is.Empty);
        Assert.That(result.Explanation, Does.StartWith("Feedback reached no trainable parameter"));
        Assert.That(result.Explanation, Does.Contain("none of the 2 nodes 'shout0' depends on"));
        Assert.That(result.Explanation, Does.Contain("another object").And.Contain("glue code"));
        var warning = _logs.Entries.Single();
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Category, Is.EqualTo("Opto.Backward"));
        Assert.That(warning.Event, Is.EqualTo(TraceLogging.NothingReached));
        Assert.That(warning.Message, Is.EqualTo(result.Explanation));
    }

    [Test]
    public void Feedback_on_an_input_says_it_was_not_produced_by_a_traced_call()
    {
        var input = Node.Create("typed by hand", "note");

        var result = input.Backward("Wrong.");

        Assert.That(result.ReachedNothing, Is.True);
        Assert.That(result.Explanation, Does.Contain("'note' is an input, not the result of a traced call"));
    }

    [Test]
    public void Feedback_that_reaches_a_parameter_is_not_reported()
    {
        using var scope = TraceScope.Begin();
        var reply = new ShopAgent().Reply("Ana");

        var result = scope.Graph.Backward(reply, "Fine.");

        Assert.That(result.ReachedNothing, Is.False);
        Assert.That(result.Explanation, Is.Null);
        Assert.That(_logs.Entries, Is.Empty);
    }

    [Test]
    public void The_option_makes_feedback_that_reaches_nothing_an_error()
    {
        using var scope = TraceScope.Begin();
        var loud = new Echo().Shout("hello");

        var error = Assert.Throws<FeedbackReachedNothingException>(() =>
            scope.Graph.Backward(loud, "Too loud.", new BackwardOptions { ThrowWhenNothingReached = true }));

        Assert.That(error!.Message, Is.EqualTo(error.Result.Explanation));
        Assert.That(error.Result.Output.Name, Is.EqualTo("shout0"));
    }

    [Test]
    public void The_optimizer_applies_its_backward_options_to_values_and_nodes()
    {
        var optimizer = new OptoPrime(new ShopAgent().TrainableParameters(), new ModelNeverAsked().Client);
        using var scope = TraceScope.Begin();
        var loud = new Echo().Shout("hello");

        var reported = optimizer.Backward(loud, "Too loud.");
        optimizer.BackwardOptions = new BackwardOptions { ThrowWhenNothingReached = true };

        Assert.That(reported.ReachedNothing, Is.True);
        Assert.That(_logs.Entries, Has.Count.EqualTo(1));
        Assert.Throws<FeedbackReachedNothingException>(() => optimizer.Backward(loud, "Too loud."));
        Assert.Throws<FeedbackReachedNothingException>(() => optimizer.Backward(scope.Graph.NodeOf(loud)!, "Too loud."));
    }

    [Test]
    public void The_optimizer_finds_a_value_after_its_scope_was_disposed()
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new ModelNeverAsked().Client);
        string reply;
        using (TraceScope.Begin("rollout")) reply = agent.Shorten(agent.Reply("Ana"));
        using (TraceScope.Begin("another rollout")) _ = agent.Reply("Bo");

        Assert.That(TraceScope.Current, Is.Null);
        var result = optimizer.Backward(reply, "Too short.");

        Assert.That(result.Output.Name, Is.EqualTo("shorten0"));
        Assert.That(result.Parameters.Select(p => p.Name), Does.Contain("ShopAgent.MaxWords").And.Contain("ShopAgent.SystemPrompt"));
    }

    [Test]
    public void A_value_from_a_scope_no_longer_kept_gives_an_error_that_says_how_to_pass_it()
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new ModelNeverAsked().Client);
        string reply;
        using (TraceScope.Begin("old")) reply = agent.Reply("Ana");
        for (var i = 0; i < 16; i++) using (TraceScope.Begin()) _ = agent.Reply("Bo");

        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Backward(reply, "Too long."));
        Assert.That(error!.Message, Does.Contain("up to 16 while together they hold at most 4096 nodes").And.Contain("on any thread").And.Contain("scope.Graph.NodeOf(value)"));
    }

    [Test]
    public void The_last_ended_scope_is_kept_whatever_its_size_and_older_ones_while_their_nodes_fit()
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new ModelNeverAsked().Client);
        string small, large;
        using (TraceScope.Begin("small")) small = agent.Reply("Ana");
        using (var scope = TraceScope.Begin("large"))
        {
            large = ReplyToMany(agent, 2_500);
            Assert.That(scope.Graph.Count, Is.GreaterThan(TraceScope.RecentlyDisposedNodes), "the large scope must exceed the budget alone");
        }

        Assert.That(optimizer.Backward(large, "Too long.").Output.Name, Does.StartWith("reply"), "the last ended scope, larger than the budget");
        Assert.Throws<InvalidOperationException>(() => optimizer.Backward(small, "Too long."), "an older scope beyond the budget");

        string first, second;
        using (TraceScope.Begin("first")) first = ReplyToMany(agent, 300);
        using (TraceScope.Begin("second")) second = ReplyToMany(agent, 300);

        Assert.That(optimizer.Backward(second, "Too long.").Output.Name, Does.StartWith("reply"));
        Assert.That(optimizer.Backward(first, "Too long.").Output.Name, Does.StartWith("reply"), "two scopes that fit the budget together");
        Assert.Throws<InvalidOperationException>(() => optimizer.Backward(large, "Too long."), "no longer the last, and over the budget");
    }

    [Test]
    public async Task A_graph_that_grew_after_its_scope_ended_is_counted_as_it_is_when_the_next_scope_ends()
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new ModelNeverAsked().Client);
        // Calls still running when their scope ends record their completions into its graph: 2,101 nodes when it ended
        // (the inputs: one gate, 2,100 customers), 4,201 once the calls complete.
        var gate = new TaskCompletionSource();
        Task<string>[] late;
        var scope = TraceScope.Begin("late");
        using (scope) late = [.. Enumerable.Range(0, 2_100).Select(i => agent.ReplyWhenAsync(gate.Task, $"customer {i}"))];
        Assert.That(scope.Graph.Count, Is.EqualTo(2_101), "only the inputs, before the calls complete");

        gate.SetResult();
        var large = (await Task.WhenAll(late)).Last();
        Assert.That(scope.Graph.Count, Is.EqualTo(4_201).And.GreaterThan(TraceScope.RecentlyDisposedNodes));
        Assert.That(optimizer.Backward(large, "Too long.").Output.Name, Does.StartWith("replyWhen"), "still the last scope ended");

        using (TraceScope.Begin("small")) _ = agent.Reply("Bo");

        Assert.Throws<InvalidOperationException>(() => optimizer.Backward(large, "Too long."), "the nodes recorded after it ended count");
    }

    private static string ReplyToMany(ShopAgent agent, int customers)
    {
        var reply = "";
        for (var i = 0; i < customers; i++) reply = agent.Reply(new string('c', 1 + (i % 7)));
        return reply;
    }

    [Test]
    public async Task A_step_with_no_feedback_asks_nothing_and_says_why()
    {
        await using var server = new FakeOpenAIServer().Answer("""{"reasoning": "r", "suggestion": {"ShopAgent.MaxWords": 99}}""");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        using (var scope = TraceScope.Begin())
        {
            var loud = new Echo().Shout("hello");
            optimizer.ZeroFeedback();
            optimizer.Backward(loud, "Too loud.");
        }

        var before = Rollout.Values(agent);
        var step = await optimizer.StepAsync();

        Assert.That(server.Requests, Is.Empty);
        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(step.NotSentReason, Does.StartWith("No parameter of this optimizer has feedback"));
        Assert.That(step.Applied, Is.Empty);
        Assert.That(step.Rejected, Is.Empty);
        Assert.That((step.Usage.InputTokenCount ?? 0, step.Usage.OutputTokenCount ?? 0), Is.EqualTo((0L, 0L)));
        Assert.That(step.ToString(), Does.Contain("nothing sent to the model"));
        Assert.That(_logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Event), Is.EqualTo(new[] { TraceLogging.NothingReached, TraceLogging.StepSkipped }));
        Assert.That(_logs.Entries.Where(e => e.Level < LogLevel.Warning).Select(e => e.Message), Has.One.Contains("OptoPrime step 1: not_sent"), "the step itself is logged");

        var proposal = await optimizer.ProposeAsync();
        Assert.That(proposal.NotSentReason, Is.EqualTo(step.NotSentReason));
        Assert.That(server.Requests, Is.Empty);

        var saved = System.Text.Json.JsonSerializer.Serialize(optimizer.Log);
        var read = System.Text.Json.JsonSerializer.Deserialize<List<StepRecord>>(saved)!;
        Assert.That(read.Single().NotSentReason, Is.EqualTo(step.NotSentReason));
        var older = System.Text.Json.JsonSerializer.Deserialize<List<StepRecord>>(saved.Replace("\"NotSentReason\"", "\"Unknown\"", StringComparison.Ordinal))!;
        Assert.That(older.Single().NotSentReason, Is.Null);
    }

    [Test]
    public async Task A_step_that_asked_nothing_keeps_the_last_rejections_for_the_next_real_step()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"reasoning": "r", "suggestion": {"ShopAgent.Password": "hunter2"}}""")
            .Answer("""{"reasoning": "r", "suggestion": {}}""");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);
        var rejected = await optimizer.StepAsync();
        optimizer.ZeroFeedback();

        var skipped = await optimizer.StepAsync();
        Rollout.Run(agent, optimizer);
        var next = await optimizer.StepAsync();

        Assert.That(rejected.Rejected, Is.Not.Empty);
        Assert.That(skipped.NotSentReason, Is.Not.Null);
        Assert.That(skipped.Step, Is.EqualTo(2));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(next.UserPrompt + next.SystemPrompt, Does.Contain("ShopAgent.Password"));
    }

    [Test]
    public async Task A_request_the_offline_model_has_no_rule_for_fails_once_saying_how_to_add_a_rule()
    {
        await using var offline = new OfflineChatModel().When(r => r.User.Contains("never sent", StringComparison.Ordinal), "no");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), offline.CreateClient());
        Rollout.Run(agent, optimizer);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(offline.RequestsServed, Is.EqualTo(1));
        Assert.That(error!.Status, Is.EqualTo(501));
        Assert.That(error.Attempts, Has.Count.EqualTo(1));
        Assert.That(error.Message, Does.Contain("retrying cannot fix").And.Contain("add a rule that matches it"));
        var message = System.Text.Json.Nodes.JsonNode.Parse(error.RawResponse!)!["error"]!["message"]!.GetValue<string>();
        Assert.That(message, Does.Contain("request 1; system prompt starts '").And.Contain(".When(r => r.System.Contains(\"#Variables\")"));
        Assert.That(message, Does.Contain("rules are tried in the order they were added"));
    }

    // Backward never talks to the model.
    private sealed class ModelNeverAsked
    {
        public Microsoft.Extensions.AI.IChatClient Client { get; } = new NoChat();

        private sealed class NoChat : Microsoft.Extensions.AI.IChatClient
        {
            public Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
                Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

            public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages,
                Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }
    }
}
