using System.Text.Json;
using Opto;
using Opto.Optimizers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

public class TextGradTests
{
    private const string ShortenGradient = """{"feedback": {"reply": "The reply is too long for the customer.", "ShopAgent.MaxWords": "Keep a few more words so the reply ends on a whole idea."}}""";
    private const string ReplyGradient = """{"feedback": {"ShopAgent.SystemPrompt": "Ask for one short sentence.", "ShopAgent.Tone": "The tone is fine.", "ShopAgent.Products": "Fine as it is."}}""";
    private const string NewPrompt = "You are a sales agent. Answer in one short sentence.";

    private static LoopbackResponse Reply(string text) => new(200, ChatCompletionsProtocol.Completion(text, "gpt-test", 50, 10));

    private static string System(LoopbackRequest request) => ChatCompletionsProtocol.ReadMessages(request.Body)[0].Text;

    private static string User(LoopbackRequest request) => ChatCompletionsProtocol.ReadMessages(request.Body)[^1].Text;

    private static bool IsGradient(LoopbackRequest request) => System(request).Contains("feedback engine", StringComparison.Ordinal);

    private static string Update(string name, string json) => $$$"""{"reasoning": "From the feedback.", "answer": null, "suggestion": {"{{{name}}}": {{{json}}}}}""";

    // Gradients by call, updates by variable; `shorten` and `maxWords` can be replaced to make an answer hostile.
    private static FakeOpenAIServer Server(string shorten = ShortenGradient, string maxWords = "12") => new()
    {
        Fallback = request =>
        {
            var user = User(request);
            if (IsGradient(request)) return Reply(user.StartsWith("#Call\nshorten0", StringComparison.Ordinal) ? shorten : ReplyGradient);
            if (user.Contains("(int) ShopAgent.MaxWords=", StringComparison.Ordinal)) return Reply(Update("ShopAgent.MaxWords", maxWords));
            if (user.Contains("(string) ShopAgent.SystemPrompt=", StringComparison.Ordinal)) return Reply(Update("ShopAgent.SystemPrompt", JsonSerializer.Serialize(NewPrompt)));
            return Reply("TERMINATE");
        },
    };

    private static (ShopAgent Agent, TextGrad Optimizer) Create(FakeOpenAIServer server, TextGradOptions? options = null)
    {
        var agent = new ShopAgent();
        var optimizer = new TextGrad(agent.TrainableParameters(), server.OpenAIClient(), options);
        Rollout.Run(agent, optimizer);
        return (agent, optimizer);
    }

    [Test]
    public async Task Feedback_flows_back_call_by_call_then_each_variable_is_updated_from_what_it_received()
    {
        await using var server = Server();
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(agent.SystemPrompt, Is.EqualTo(NewPrompt));
        Assert.That(agent.Tone, Is.EqualTo(Tone.Casual));
        var requests = server.Requests.ToList();
        Assert.That(requests, Has.Count.EqualTo(6), "two calls on the path, four variables reached");
        Assert.That(step.Proposal.Requests, Is.EqualTo(6));
        Assert.That(step.Proposal.Exchanges.Select(e => e.Purpose).Take(2), Is.EqualTo(new[]
        {
            "gradient of shorten0 = Shorten(reply=reply0)  // reads ShopAgent.MaxWords",
            "gradient of reply0 = Reply(customer=customer0)  // reads ShopAgent.Products, ShopAgent.SystemPrompt, ShopAgent.Tone",
        }));
        Assert.That(step.Proposal.Exchanges.Skip(2).Select(e => e.Purpose), Is.EquivalentTo(new[]
        {
            "update of ShopAgent.SystemPrompt", "update of ShopAgent.MaxWords", "update of ShopAgent.Tone", "update of ShopAgent.Products",
        }));

        var first = User(requests[0]);
        Assert.That(first, Does.Contain("#Feedback on the output\n- " + Rollout.Feedback));
        Assert.That(first, Does.Contain("#Give feedback to\nreply, ShopAgent.MaxWords"));
        var second = User(requests[1]);
        Assert.That(second, Does.Contain("(from shorten0 = Shorten(reply=reply0)  // reads ShopAgent.MaxWords, which returned").And.Contain("The reply is too long for the customer."));
        Assert.That(second, Does.Contain("#Give feedback to\nShopAgent.Products, ShopAgent.SystemPrompt, ShopAgent.Tone"), "the customer is an input nobody trains");
        Assert.That(second, Does.Contain("(string) customer=\"Ana\""));

        var update = requests.Select(User).Single(u => u.StartsWith("#Variable\n(string) ShopAgent.SystemPrompt", StringComparison.Ordinal));
        Assert.That(update, Does.Contain("#Role\nThe system prompt the agent replies with. Constraint: One or two sentences."));
        Assert.That(update, Does.Contain("Where it was used: reply0 = Reply(customer=customer0)").And.Contain("Ask for one short sentence."));
        Assert.That(step.Reasoning, Does.Contain("ShopAgent.SystemPrompt: From the feedback.").And.Contain("feedback from reply0 = Reply"));
        Assert.That(step.Usage.InputTokenCount, Is.EqualTo(300));
    }

    [TestCase("The reply is too long.", "could not be used (The answer contained no complete, readable JSON object")]
    [TestCase("""{"feedback": ["too long"]}""", "is a JSON array, not an object")]
    [TestCase("""{"feedback": {"ShopAgent.MaxWords": "More words."}}""", "gave no feedback for reply")]
    [TestCase("""{"feedback": {"reply": 3, "ShopAgent.MaxWords": "More words."}}""", "gave no feedback for reply")]
    [TestCase("""{"feedback": {"reply": "\ud800", "ShopAgent.MaxWords": "More words."}}""", "not valid text")]
    [TestCase("""{"feedback": {"reply": "a"}} {"feedback": {"reply": "b"}}""", "2 JSON objects")]
    [TestCase("""{"feedback": {"reply": "   ", "ShopAgent.MaxWords": "More words."}}""", "gave no feedback for reply")]
    [TestCase("""{"feedback": {"Reply": "x", "reply": "", "ShopAgent.MaxWords": "More words."}}""", "gave no feedback for reply")]
    public async Task An_unusable_gradient_passes_the_feedback_on_unchanged_so_none_is_lost(string answer, string note)
    {
        await using var server = Server(shorten: answer);
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        var second = server.Requests.Where(IsGradient).Select(User).Single(u => u.StartsWith("#Call\nreply0", StringComparison.Ordinal));
        Assert.That(second, Does.Contain("(from shorten0 = Shorten").And.Contain(Rollout.Feedback), "the reply got the output's feedback as it was");
        Assert.That(step.Reasoning, Does.Contain(note).And.Contain("reply got the feedback on the call's output unchanged"));
        Assert.That(agent.SystemPrompt, Is.EqualTo(NewPrompt), "the step goes on");
    }

    [TestCase("\"many\"", "ShopAgent.MaxWords")]
    [TestCase("-3.5", "ShopAgent.MaxWords")]
    [TestCase("99999999999", "ShopAgent.MaxWords")]
    public async Task A_rejected_update_keeps_every_variable_as_it_was_and_the_next_update_shows_why(string maxWords, string rejected)
    {
        await using var server = Server(maxWords: maxWords);
        var (agent, optimizer) = Create(server);
        var before = Rollout.Values(agent);

        var step = await optimizer.StepAsync();

        Assert.That(Rollout.Values(agent), Is.EqualTo(before), "the valid new prompt is not applied either: all or nothing");
        Assert.That(step.Rejected.Select(r => r.Name), Has.Member(rejected));
        Rollout.Run(agent, optimizer);
        await optimizer.StepAsync();
        var update = server.Requests.Select(User).Last(u => u.StartsWith("#Variable\n(int) ShopAgent.MaxWords", StringComparison.Ordinal));
        Assert.That(update, Does.Contain("Your previous answer was not applied").And.Contain("ShopAgent.MaxWords"));
    }

    [Test]
    public async Task An_update_may_change_only_its_own_variable()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => IsGradient(request) ? Reply(User(request).StartsWith("#Call\nshorten0", StringComparison.Ordinal) ? ShortenGradient : ReplyGradient)
                : User(request).Contains("(int) ShopAgent.MaxWords=", StringComparison.Ordinal) ? Reply(Update("ShopAgent.SystemPrompt", "\"Sneaky.\""))
                : Reply("TERMINATE"),
        };
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.SystemPrompt, Is.EqualTo("You are a sales agent."));
        var rejection = step.Rejected.Single(r => r.Name == "ShopAgent.MaxWords");
        Assert.That(rejection.Reason, Does.StartWith("the update suggested 'ShopAgent.SystemPrompt', which is not a variable"));
        Rollout.Run(agent, optimizer);
        await optimizer.StepAsync();
        var next = server.Requests.Select(User).Last(u => u.StartsWith("#Variable\n(int) ShopAgent.MaxWords", StringComparison.Ordinal));
        Assert.That(next, Does.Contain("Your previous answer was not applied").And.Contain("the update suggested 'ShopAgent.SystemPrompt'"), "the update that made the mistake is told");
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Requests_in_flight_never_exceed_the_bound(int bound)
    {
        var inFlight = 0;
        var most = 0;
        await using var server = Server();
        var answer = server.Fallback!;
        server.Fallback = request =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (server) most = Math.Max(most, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref inFlight);
            return answer(request);
        };
        var (agent, optimizer) = Create(server, new TextGradOptions { MaxParallelism = bound });

        await optimizer.StepAsync();

        Assert.That(most, Is.InRange(1, bound));
        Assert.That(agent.MaxWords, Is.EqualTo(12));
    }

    [Test]
    public async Task Feedback_on_two_outputs_reaches_the_calls_of_both()
    {
        await using var server = Server();
        var agent = new ShopAgent();
        var optimizer = new TextGrad(agent.TrainableParameters(), server.OpenAIClient());
        optimizer.ZeroFeedback();
        using (TraceScope.Begin())
        {
            optimizer.Backward(agent.Shorten(agent.Reply("Ana")), "Too long for Ana.");
            optimizer.Backward(agent.Reply("Bo"), "Bo wanted phones.");
        }

        await optimizer.StepAsync();

        var gradientPrompts = server.Requests.Where(IsGradient).Select(User).ToList();
        Assert.That(gradientPrompts.Any(u => u.Contains("Too long for Ana.", StringComparison.Ordinal)), Is.True);
        Assert.That(gradientPrompts.Any(u => u.Contains("Bo wanted phones.", StringComparison.Ordinal)), Is.True);
        var products = server.Requests.Select(User).Single(u => u.StartsWith("#Variable\n(List<string>) ShopAgent.Products", StringComparison.Ordinal));
        Assert.That(products.Split("Where it was used").Length - 1, Is.EqualTo(2), "the products got feedback from both replies");
    }

    [Test]
    public async Task A_failed_request_fails_the_step_and_changes_nothing()
    {
        await using var server = new FakeOpenAIServer { Fallback = _ => new LoopbackResponse(400, ChatCompletionsProtocol.Error("No.", "invalid_request_error")) };
        var (agent, optimizer) = Create(server);
        var before = Rollout.Values(agent);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(error!.Message, Does.Contain("No."));
        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "the calls waiting on the failed one and the updates are not asked");
    }

    [Test]
    public async Task Cancelling_stops_the_step_and_changes_nothing()
    {
        await using var server = new FakeOpenAIServer { Fallback = _ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion(ShortenGradient, "m", 1, 1), Delay: TimeSpan.FromSeconds(30)) };
        var (agent, optimizer) = Create(server);
        var before = Rollout.Values(agent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.CatchAsync<OperationCanceledException>(() => optimizer.StepAsync(cancel.Token));

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
    }

    [Test]
    public async Task The_tokens_of_requests_answered_before_a_failure_are_counted()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => IsGradient(request) && User(request).StartsWith("#Call\nshorten0", StringComparison.Ordinal) ? Reply(ShortenGradient)
                : new LoopbackResponse(400, ChatCompletionsProtocol.Error("No.", "invalid_request_error")),
        };
        var (_, optimizer) = Create(server);

        Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(optimizer.TotalUsage.InputTokenCount, Is.EqualTo(50), "the first gradient was answered and paid for");
    }

    [Test]
    public async Task Feedback_from_passes_that_reached_different_parameters_reaches_every_one_of_them()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request =>
            {
                var user = User(request);
                if (!IsGradient(request)) return Reply("TERMINATE");
                var targets = user[(user.IndexOf("#Give feedback to\n", StringComparison.Ordinal) + 18)..].Split('\n')[0].Split(", ");
                return Reply(JsonSerializer.Serialize(new { feedback = targets.ToDictionary(t => t, t => $"Change {t}.") }));
            },
        };
        var relay = new Relay();
        var parameters = relay.TrainableParameters().ToList();
        var second = parameters.Single(p => p.Name == "Relay.Second");
        var optimizer = new TextGrad(parameters, server.OpenAIClient());
        using (TraceScope.Begin())
        {
            var x = relay.G(relay.H());
            optimizer.Backward(relay.F(x), "The first output is wrong.");
            second.ZeroFeedback(); // the first pass now reaches only Relay.First, and lists x before the calls x came from
            optimizer.Backward(relay.K(x), "The second output is wrong.");
        }

        var step = await optimizer.StepAsync();

        var purposes = step.Proposal.Exchanges.Select(e => e.Purpose).ToList();
        Assert.That(purposes, Has.Some.StartsWith("gradient of k0 = K(").And.Some.StartsWith("gradient of g0 = G(").And.Some.StartsWith("gradient of h0 = H("));
        Assert.That(purposes, Has.Member("update of Relay.Second").And.Member("update of Relay.First"));
        var update = server.Requests.Select(User).Single(u => u.StartsWith("#Variable\n(string) Relay.Second", StringComparison.Ordinal));
        Assert.That(update, Does.Contain("Change Relay.Second."));
    }

    [Test]
    public async Task Feedback_too_long_for_one_request_is_merged_until_it_fits_and_no_point_is_lost()
    {
        const int Budget = 4_000;
        var tokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base");
        var style = new Parameter<string>("plain", "Writer.Style", "How the text is written.");
        const int Calls = 60;
        using (var scope = TraceScope.Begin())
        {
            var text = new string('t', 3);
            for (var i = 0; i < Calls; i++) text = Mixer.MixIn(text, style);
            scope.Graph.NodeOf(text)!.Backward("Too plain.");
        }

        var gradients = 0;
        var filler = string.Join(" ", Enumerable.Range(0, 150).Select(i => $"detail{i}"));
        await using var server = new FakeOpenAIServer
        {
            Fallback = request =>
            {
                var user = User(request);
                if (IsGradient(request)) return Reply($$$"""{"feedback": {"a": "Fine.", "p": "point-{{{Interlocked.Increment(ref gradients)}}} {{{filler}}}"}}""");
                // The merge keeps each point (here: its name) and drops the rest, as a model keeps what matters.
                if (System(request).StartsWith("You merge feedback", StringComparison.Ordinal)) return Reply(string.Join(" ", global::System.Text.RegularExpressions.Regex.Matches(user, @"point-\d+").Select(m => m.Value).Distinct()));
                return Reply(Update("Writer.Style", "\"vivid\""));
            },
        };
        var optimizer = new TextGrad([style], server.OpenAIClient(), new TextGradOptions { MaxPromptTokens = Budget, CountTokens = text => tokenizer.CountTokens(text) });

        var step = await optimizer.StepAsync();

        Assert.That(style.Value, Is.EqualTo("vivid"));
        var requests = server.Requests.Select(r => ChatCompletionsProtocol.ReadMessages(r.Body)).ToList();
        foreach (var messages in requests) Assert.That(tokenizer.CountTokens(messages[0].Text) + tokenizer.CountTokens(messages[^1].Text), Is.LessThanOrEqualTo(Budget));
        var merges = step.Proposal.Exchanges.Where(e => e.Purpose.StartsWith("merging", StringComparison.Ordinal)).ToList();
        Assert.That(merges, Has.Count.GreaterThan(1), "the update's feedback is merged in several requests");
        Assert.That(step.Proposal.Requests, Is.EqualTo(requests.Count), "merges are counted with the step's requests");
        var update = requests.Select(m => m[^1].Text).Single(u => u.StartsWith("#Variable\n", StringComparison.Ordinal));
        for (var k = 1; k <= Calls; k++) Assert.That(update, Does.Match($@"point-{k}\b"), $"the point of gradient {k} reaches the update");
    }

    public enum MergeFailure
    {
        /// <summary>The model's merge says nothing.</summary>
        Empty,

        /// <summary>The model's merge is cut off at the answer's limit: the points after the cut would be lost.</summary>
        CutOff,

        /// <summary>The update cannot fit even without feedback (a long objective): nothing is merged for it.</summary>
        NoRoomAtAll,
    }

    [TestCase(MergeFailure.Empty, "was empty")]
    [TestCase(MergeFailure.CutOff, "was cut off at the answer's limit")]
    [TestCase(MergeFailure.NoRoomAtAll, "about Writer.Style does not fit the prompt's token budget (4,000 tokens: MaxPromptTokens, or the model's window less MaxOutputTokens) even without its feedback")]
    public async Task Feedback_that_cannot_be_made_to_fit_stops_the_step_before_the_update_and_changes_nothing(MergeFailure failure, string error)
    {
        var tokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base");
        var style = new Parameter<string>("plain", "Writer.Style");
        using (var scope = TraceScope.Begin())
        {
            var text = new string('t', 3);
            for (var i = 0; i < 20; i++) text = Mixer.MixIn(text, style);
            scope.Graph.NodeOf(text)!.Backward("Too plain.");
        }

        var filler = string.Join(" ", Enumerable.Range(0, 150).Select(i => $"detail{i}"));
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => IsGradient(request) ? Reply($$$"""{"feedback": {"a": "Fine.", "p": "{{{filler}}}"}}""")
                : !System(request).StartsWith("You merge feedback", StringComparison.Ordinal) ? Reply(Update("Writer.Style", "\"vivid\""))
                : failure == MergeFailure.Empty ? Reply("")
                : new LoopbackResponse(200, ChatCompletionsProtocol.Completion("The first point only", "gpt-test", 50, 10).Replace("\"stop\"", "\"length\"", StringComparison.Ordinal)),
        };
        var options = new TextGradOptions { MaxPromptTokens = 4_000, CountTokens = text => tokenizer.CountTokens(text) };
        if (failure == MergeFailure.NoRoomAtAll) options.Objective = string.Join(" ", Enumerable.Range(0, 2_000).Select(i => $"goal{i}"));
        var optimizer = new TextGrad([style], server.OpenAIClient(), options);

        var thrown = Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.StepAsync());

        Assert.That(thrown!.Message, Does.Contain(error).And.Contain("Writer.Style"));
        Assert.That(style.Value, Is.EqualTo("plain"));
        Assert.That(server.Requests.Select(User), Has.None.StartsWith("#Variable\n"), "no update request was sent");
        var merges = server.Requests.Count(r => System(r).StartsWith("You merge feedback", StringComparison.Ordinal));
        Assert.That(merges, failure == MergeFailure.NoRoomAtAll ? Is.Zero : Is.GreaterThan(0), "a request that cannot fit at all pays for no merge");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Merges_for_several_variables_with_one_request_at_a_time_all_complete_and_are_counted()
    {
        var tokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base");
        var a = new Parameter<string>("plain", "Writer.A");
        var b = new Parameter<string>("plain", "Writer.B");
        using (var scope = TraceScope.Begin())
        {
            var text = "ttt";
            for (var i = 0; i < 30; i++)
            {
                text = Mixer.MixIn(text, a);
                text = Mixer.MixIn(text, b);
            }

            // Output feedback too long for one gradient request alongside what the call shows: merged on the gradient side too.
            scope.Graph.NodeOf(text)!.Backward("Too plain. " + string.Join(" ", Enumerable.Range(0, 100).Select(i => $"why{i}")));
        }

        var filler = string.Join(" ", Enumerable.Range(0, 150).Select(i => $"detail{i}"));
        await using var server = new FakeOpenAIServer
        {
            Fallback = request =>
            {
                var user = User(request);
                if (IsGradient(request))
                {
                    var targets = user[(user.IndexOf("#Give feedback to\n", StringComparison.Ordinal) + 18)..].Split('\n')[0].Split(", ");
                    return Reply(JsonSerializer.Serialize(new { feedback = targets.ToDictionary(t => t, t => $"{t}: {filler}") }));
                }

                if (System(request).StartsWith("You merge feedback", StringComparison.Ordinal)) return Reply("merged: " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"m{i}")));
                return Reply(user.StartsWith("#Variable\n(string) Writer.A", StringComparison.Ordinal) ? Update("Writer.A", "\"x\"") : Update("Writer.B", "\"y\""));
            },
        };
        var optimizer = new TextGrad([a, b], server.OpenAIClient(), new TextGradOptions { MaxPromptTokens = 4_000, CountTokens = text => tokenizer.CountTokens(text), MaxParallelism = 1 });

        var step = await optimizer.StepAsync();

        Assert.That((a.Value, b.Value), Is.EqualTo(("x", "y")));
        Assert.That(step.Proposal.Requests, Is.EqualTo(server.Requests.Count));
        Assert.That(server.Requests.Count(r => System(r).StartsWith("You merge feedback", StringComparison.Ordinal)), Is.GreaterThan(2));
        foreach (var request in server.Requests) Assert.That(tokenizer.CountTokens(System(request)) + tokenizer.CountTokens(User(request)), Is.LessThanOrEqualTo(4_000));
    }
}
