using System.Text.Json.Nodes;
using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

public class OptoPrimeStepTests
{
    private const string GoodAnswer = """
        {"reasoning": "The reply is cut; ask for brevity and keep more words.",
         "answer": null,
         "suggestion": {"ShopAgent.SystemPrompt": "You are a sales agent. Answer in one short sentence.", "ShopAgent.MaxWords": 12}}
        """;

    [Test]
    public async Task A_good_answer_is_applied_through_the_OpenAI_client()
    {
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer, promptTokens: 321, completionTokens: 45);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(agent.SystemPrompt, Is.EqualTo("You are a sales agent. Answer in one short sentence."));
        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(step.Applied.Select(c => c.Parameter.Name), Is.EquivalentTo(new[] { "ShopAgent.SystemPrompt", "ShopAgent.MaxWords" }));
        Assert.That(step.Rejected, Is.Empty);
        Assert.That(step.Reasoning, Does.StartWith("The reply is cut"));
        Assert.That((step.Usage.InputTokenCount, step.Usage.OutputTokenCount, step.Usage.TotalTokenCount), Is.EqualTo(((long?)321, (long?)45, (long?)366)));
        Assert.That((optimizer.TotalUsage.InputTokenCount, optimizer.TotalUsage.OutputTokenCount), Is.EqualTo(((long?)321, (long?)45)));

        var request = server.Requests.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer " + FakeOpenAIServer.Key));
        var messages = server.LastMessages();
        Assert.That(messages.Select(m => m.Role), Is.EqualTo(new[] { "system", "user" }));
        Assert.That(messages[1].Text, Does.Contain("(string) ShopAgent.SystemPrompt=\"You are a sales agent.\""));
        Assert.That(messages[1].Text, Does.Contain("shorten0 = Shorten(reply=reply0)"));
        Assert.That(messages[1].Text, Does.Contain(Rollout.Feedback));
    }

    [Test]
    public async Task A_good_answer_is_applied_through_the_Azure_OpenAI_client()
    {
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.AzureClient());
        Rollout.Run(agent, optimizer);

        await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(12));
        var request = server.Requests.Single();
        Assert.That(request.Path, Is.EqualTo($"/openai/deployments/{FakeOpenAIServer.Deployment}/chat/completions"));
        Assert.That(request.Query, Does.Contain("api-version="));
        Assert.That(request.Headers["api-key"], Is.EqualTo(FakeOpenAIServer.Key));
    }

    [Test]
    public async Task The_request_asks_for_structured_output_with_a_schema_typed_per_variable()
    {
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeOptions { MaxOutputTokens = 777 });
        Rollout.Run(agent, optimizer);

        await optimizer.StepAsync();

        var body = server.LastBody();
        Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo("gpt-test"));
        Assert.That((body["max_completion_tokens"] ?? body["max_tokens"])!.GetValue<int>(), Is.EqualTo(777));
        var format = body["response_format"]!.AsObject();
        Assert.That(format["type"]!.GetValue<string>(), Is.EqualTo("json_schema"));
        var schema = format["json_schema"]!["schema"]!;
        Assert.That(schema["required"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EquivalentTo(new[] { "reasoning", "answer", "suggestion" }));
        var variables = schema["properties"]!["suggestion"]!["properties"]!.AsObject();
        Assert.That(variables.Select(p => p.Key), Is.EquivalentTo(agent.TrainableParameters().Select(p => p.Name)));
        Assert.That(variables["ShopAgent.MaxWords"]!["type"]!.ToJsonString(), Does.Contain("integer"));
        Assert.That(variables["ShopAgent.Products"]!["type"]!.ToJsonString(), Does.Contain("array"));
        Assert.That(schema["properties"]!["suggestion"]!["additionalProperties"]!.GetValue<bool>(), Is.False);
        Assert.That(variables["ShopAgent.Tone"]!.ToJsonString(), Does.Contain("\"Casual\"").And.Contain("\"Formal\""), "enums by name, as the converter reads them");
        Assert.That(variables["ShopAgent.SystemPrompt"]!["type"]!.ToJsonString(), Is.EqualTo("\"string\""), "no null where the converter refuses null");
    }

    [Test]
    public async Task An_answer_that_follows_the_schema_with_every_variable_is_applied()
    {
        await using var server = new FakeOpenAIServer().Answer("""
            {"reasoning": "r", "answer": null, "suggestion": {
              "ShopAgent.SystemPrompt": "Be brief.", "ShopAgent.MaxWords": 12, "ShopAgent.Tone": "Formal",
              "ShopAgent.Products": ["laptop"], "ShopAgent.Pricing": {"Discount": 0.1, "FreeShipping": true},
              "ShopAgent.UpSell": false, "ShopAgent.Temperature": 0.5}}
            """);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Rejected, Is.Empty, string.Join("\n", step.Rejected));
        Assert.That(step.Applied.Select(c => c.Parameter.Name), Is.EquivalentTo(new[] { "ShopAgent.SystemPrompt", "ShopAgent.MaxWords", "ShopAgent.Tone" }),
            "unchanged values (a list and a record equal by content) are not changes");
    }

    [Test]
    public async Task An_answer_cut_off_at_the_token_limit_is_not_trusted()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = _ => new(200, """
                {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
                 "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "{\"suggestion\": {\"ShopAgent.MaxWords\": 1}}"}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                """),
        };
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(5));
        Assert.That(step.Rejected[0].Reason, Does.Contain("cut off at the output limit"));
    }

    [Test]
    public async Task A_bad_request_that_is_not_about_the_schema_does_not_turn_structured_output_off()
    {
        await using var server = new FakeOpenAIServer().Fail(400, "This model's maximum context length is 128000 tokens.").Answer(GoodAnswer);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());
        await optimizer.StepAsync();

        Assert.That(error!.Message, Does.Contain("maximum context length"));
        Assert.That(server.Requests.Select(r => JsonNode.Parse(r.Body)!["response_format"] is not null), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public async Task A_timeout_inside_the_SDK_is_retried_like_any_other_timeout()
    {
        await using var server = new FakeOpenAIServer().Stall(TimeSpan.FromSeconds(30), GoodAnswer).Answer(GoodAnswer);
        var chat = Opto.Providers.ChatClientFactory.Create(new Opto.Providers.ChatClientSettings
        {
            Provider = Opto.Providers.ChatProvider.OpenAI, Endpoint = new Uri(server.BaseAddress, "v1/"), ApiKey = "k", Model = "m",
            NetworkTimeout = TimeSpan.FromMilliseconds(400),
        });
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat, new OptoPrimeOptions { Retry = { InitialDelay = TimeSpan.FromMilliseconds(5) } });
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Attempts[0].Failure, Does.Contain("timed out"));
        Assert.That(agent.MaxWords, Is.EqualTo(12));
    }

    [Test]
    public async Task Proposals_get_step_numbers_when_applied_and_a_stale_one_is_refused()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": 12}}""")
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": 5, "ShopAgent.UpSell": true}}""");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var first = await optimizer.ProposeAsync();
        var second = await optimizer.ProposeAsync();
        var applied = optimizer.Apply(first);
        var refused = optimizer.Apply(second);

        Assert.That((applied.Step, refused.Step), Is.EqualTo((1, 2)));
        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(agent.UpSell, Is.False, "the second proposal was made from MaxWords = 5 and must not be mixed into the first");
        Assert.That(refused.Rejected.Single().ToString(), Does.Contain("ShopAgent.MaxWords: changed after this proposal was made"));
    }

    [Test]
    public async Task When_the_text_request_after_a_refused_schema_fails_too_the_exception_keeps_every_attempt()
    {
        await using var server = new FakeOpenAIServer()
            .Fail(400, "response_format json_schema is not supported")
            .Fail(401, "Incorrect API key provided.");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(error!.Attempts, Has.Count.EqualTo(3), string.Join("\n", error.Attempts));
        Assert.That(error.Attempts[0].Failure, Does.StartWith("HTTP 400"));
        Assert.That(error.Attempts[1].Failure, Does.StartWith("structured output refused"));
        Assert.That(error.Attempts[2].Failure, Does.StartWith("HTTP 401"));
        Assert.That(error.Status, Is.EqualTo(401));
    }

    [Test]
    public async Task A_server_that_refuses_the_schema_is_asked_again_in_text_and_not_asked_with_a_schema_again()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => JsonNode.Parse(request.Body)!["response_format"] is null
                ? new(200, Opto.Testing.ChatCompletionsProtocol.Completion("```json\n" + GoodAnswer + "\n```", "m", 1, 1))
                : new(400, Opto.Testing.ChatCompletionsProtocol.Error("response_format json_schema is not supported", "invalid_request_error")),
        };
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();
        Rollout.Run(agent, optimizer);
        await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(step.Attempts.Any(a => a.Failure?.Contains("structured output refused") == true), Is.True, string.Join("\n", step.Attempts));
        var formats = server.Requests.Select(r => JsonNode.Parse(r.Body)!["response_format"] is not null).ToList();
        Assert.That(formats, Is.EqualTo(new[] { true, false, false }));
    }

    [Test]
    public async Task Retries_429_after_the_servers_Retry_After_and_succeeds()
    {
        await using var server = new FakeOpenAIServer()
            .Fail(429, "Rate limit reached", new Dictionary<string, string> { ["Retry-After"] = "1" })
            .Answer(GoodAnswer);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(step.Attempts, Has.Count.EqualTo(2));
        Assert.That(step.Attempts[0].Failure, Does.Contain("429"));
        Assert.That(step.Attempts[0].WaitBeforeRetry, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(step.Attempts[1].Failure, Is.Null);
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Retries_a_500_with_backoff_and_succeeds()
    {
        await using var server = new FakeOpenAIServer().Fail(500, "The server had an error").Fail(503, "Overloaded").Answer(GoodAnswer);
        var agent = new ShopAgent();
        var options = new OptoPrimeOptions { Retry = { InitialDelay = TimeSpan.FromMilliseconds(20) } };
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.AzureClient(), options);
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(step.Attempts.Select(a => a.Failure is null), Is.EqualTo(new[] { false, false, true }));
        Assert.That(step.Attempts[0].WaitBeforeRetry, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(step.Attempts[1].WaitBeforeRetry, Is.GreaterThan(step.Attempts[0].WaitBeforeRetry * 1.2), "the backoff doubles");
    }

    [Test]
    public async Task After_the_last_retry_a_clear_exception_carries_the_raw_response_and_nothing_changes()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = _ => new(500, """{"error": {"message": "upstream exploded", "type": "server_error"}}"""),
        };
        var agent = new ShopAgent();
        var before = Rollout.Values(agent);
        var options = new OptoPrimeOptions { Retry = { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(5) } };
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), options);
        Rollout.Run(agent, optimizer);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(error!.Message, Does.Contain("failed 3 times").And.Contain("500"));
        Assert.That(error.Status, Is.EqualTo(500));
        Assert.That(error.RawResponse, Does.Contain("upstream exploded"));
        Assert.That(error.Attempts, Has.Count.EqualTo(3));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
    }

    [Test]
    public async Task A_client_error_is_not_retried_and_the_key_is_not_in_the_message()
    {
        await using var server = new FakeOpenAIServer().Fail(401, "Incorrect API key provided.");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeOptions { StructuredOutput = StructuredOutputMode.Never });
        Rollout.Run(agent, optimizer);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(error!.Message, Does.Contain("401").And.Contain("retrying cannot fix"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(error.ToString(), Does.Not.Contain(FakeOpenAIServer.Key));
    }

    [Test]
    public async Task An_attempt_that_takes_too_long_times_out_and_is_retried()
    {
        await using var server = new FakeOpenAIServer().Stall(TimeSpan.FromSeconds(30), GoodAnswer).Answer(GoodAnswer);
        var agent = new ShopAgent();
        var options = new OptoPrimeOptions { Retry = { AttemptTimeout = TimeSpan.FromMilliseconds(400), InitialDelay = TimeSpan.FromMilliseconds(5) } };
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), options);
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Attempts[0].Failure, Does.Contain("no answer within 0.4 s"));
        Assert.That(step.Attempts[^1].Failure, Is.Null);
        Assert.That(agent.MaxWords, Is.EqualTo(12));
    }

    [Test]
    public async Task Cancellation_stops_the_step_without_retrying_or_changing_anything()
    {
        await using var server = new FakeOpenAIServer().Stall(TimeSpan.FromSeconds(30), GoodAnswer);
        var agent = new ShopAgent();
        var before = Rollout.Values(agent);
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await optimizer.StepAsync(cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(optimizer.Log, Is.Empty);
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Rejections_are_shown_to_the_model_in_the_next_step_and_then_dropped()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"suggestion": {"ShopAgent.MaxWords": "twelve"}}""")
            .Answer(GoodAnswer)
            .Answer("TERMINATE");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());

        Rollout.Run(agent, optimizer);
        var first = await optimizer.StepAsync();
        var second = await optimizer.StepAsync();
        var secondPrompt = server.LastMessages()[1].Text;
        Rollout.Run(agent, optimizer);
        var third = await optimizer.StepAsync();

        Assert.That(first.Rejected.Single().ToString(), Does.Contain("ShopAgent.MaxWords").And.Contain("'twelve' is not a valid int"));
        Assert.That(secondPrompt, Does.Contain("Your previous answer was not applied").And.Contain("'twelve' is not a valid int"));
        Assert.That(second.Applied, Has.Count.EqualTo(2));
        Assert.That(server.LastMessages()[1].Text, Does.Not.Contain("previous answer was not applied"));
        Assert.That(third.NoChangeSuggested, Is.True);
        Assert.That(optimizer.Log.Select(l => l.Step), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That((optimizer.TotalUsage.InputTokenCount, optimizer.TotalUsage.OutputTokenCount), Is.EqualTo(((long?)360, (long?)90)));
    }

    [Test]
    public async Task ProposeAsync_proposes_without_applying_and_Apply_applies_later()
    {
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var proposal = await optimizer.ProposeAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(5));
        Assert.That(proposal.IsApplicable, Is.True);
        Assert.That(proposal.Changes.Single(c => c.Parameter.Name == "ShopAgent.MaxWords").NewValue, Is.EqualTo(12));
        optimizer.Apply(proposal);
        Assert.That(agent.MaxWords, Is.EqualTo(12));
    }
}
