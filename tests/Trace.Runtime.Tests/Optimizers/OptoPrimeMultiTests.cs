using System.Text.Json;
using System.Text.Json.Nodes;
using Opto;
using Opto.Optimizers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

public class OptoPrimeMultiTests
{
    private static string Words(int words) =>
        $$$"""{"reasoning": "Keep {{{words}}} words.", "answer": null, "suggestion": {"ShopAgent.MaxWords": {{{words}}}}}""";

    private static LoopbackResponse Reply(string text) => new(200, ChatCompletionsProtocol.Completion(text, "gpt-test", 100, 10));

    private static string System(LoopbackRequest request) => ChatCompletionsProtocol.ReadMessages(request.Body)[0].Text;

    private static string User(LoopbackRequest request) => ChatCompletionsProtocol.ReadMessages(request.Body)[^1].Text;

    private static double? TemperatureOf(LoopbackRequest request) => JsonNode.Parse(request.Body)!["temperature"]?.GetValue<double>();

    private static bool IsChoice(LoopbackRequest request) => System(request).Contains("choose the most promising", StringComparison.Ordinal);

    // Candidates by temperature: 0 -> 10 words, 0.5 -> 12, 1 -> 14; the choice is answered by `choice`.
    private static FakeOpenAIServer Server(string choice) => new()
    {
        Fallback = request => IsChoice(request) ? Reply(choice)
            : Reply(Words(TemperatureOf(request) switch { 0 => 10, 0.5 => 12, _ => 14 })),
    };

    private static (ShopAgent Agent, OptoPrimeMulti Optimizer) Create(FakeOpenAIServer server, OptoPrimeMultiOptions? options = null)
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrimeMulti(agent.TrainableParameters(), server.OpenAIClient(), options);
        Rollout.Run(agent, optimizer);
        return (agent, optimizer);
    }

    [Test]
    public async Task Candidates_at_spread_temperatures_then_the_model_chooses_and_the_log_keeps_every_candidate()
    {
        await using var server = Server("""{"reasoning": "Twelve words keep the point and stay short.", "choice": 2}""");
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(12));
        var candidateRequests = server.Requests.Where(r => !IsChoice(r)).ToList();
        Assert.That(candidateRequests.Select(TemperatureOf).Order(), Is.EqualTo(new double?[] { 0, 0.5, 1 }));
        Assert.That(candidateRequests.Select(User).Distinct().Count(), Is.EqualTo(1), "every candidate answers the same problem");
        var choice = server.Requests.Single(IsChoice);
        Assert.That(User(choice), Does.Contain(Rollout.Feedback), "the selection sees the problem, not only the candidates");
        Assert.That(User(choice), Does.Contain("Candidate 1:").And.Contain("ShopAgent.MaxWords=10").And.Contain("Candidate 3:").And.Contain("ShopAgent.MaxWords=14"));
        Assert.That(JsonNode.Parse(choice.Body)!["response_format"], Is.Null, "a choice is not a suggestion: no suggestion schema");

        var proposal = step.Proposal;
        Assert.That(proposal.Candidates.Select(c => c.Changes.Single().NewValue), Is.EqualTo(new object[] { 10, 12, 14 }));
        Assert.That(proposal.ChosenCandidate, Is.EqualTo(1));
        Assert.That(proposal.Selection, Does.StartWith("The model chose candidate 2: Twelve words"));
        Assert.That(proposal.Requests, Is.EqualTo(4));
        Assert.That(proposal.Exchanges.Select(e => e.Purpose), Is.EqualTo(new[]
        {
            "candidate 1 (temperature 0)", "candidate 2 (temperature 0.5)", "candidate 3 (temperature 1)", "choosing a candidate",
        }));
        Assert.That(step.Usage.InputTokenCount, Is.EqualTo(400), "the tokens of every request, the candidates not chosen included");
        Assert.That(optimizer.TotalUsage.InputTokenCount, Is.EqualTo(400));

        var saved = JsonSerializer.Deserialize<List<StepRecord>>(JsonSerializer.Serialize(optimizer.Log))!.Single().Proposal;
        Assert.That(saved.Candidates.Select(c => c.Changes.Single().NewValue.GetInt32()), Is.EqualTo(new[] { 10, 12, 14 }));
        Assert.That((saved.ChosenCandidate, saved.Selection, saved.Exchanges!.Count), Is.EqualTo((1, proposal.Selection, 4)));
    }

    [TestCase("""{"reasoning": "the last", "choice": 7}""", "is not one of the candidates shown")]
    [TestCase("""{"reasoning": "the second", "choice": "two"}""", "is not one of the candidates shown")]
    [TestCase("""{"reasoning": "the second", "choice": 1.5}""", "is not one of the candidates shown")]
    [TestCase("I like the second one best.", "no complete, readable JSON object")]
    [TestCase("""{"choice": 2} or maybe {"choice": 3}""", "2 JSON objects")]
    [TestCase("""{"reasoning": "\ud800", "choice": 3}""", "not valid text")]
    [TestCase("", "empty")]
    public async Task An_unusable_choice_takes_the_first_candidate_and_says_why(string answer, string why)
    {
        await using var server = Server(answer);
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(10), "the first (coolest) candidate, checked like any answer");
        Assert.That(step.Proposal.ChosenCandidate, Is.EqualTo(0));
        Assert.That(step.Proposal.Selection, Does.Contain("could not be used").And.Contain(why));
        Assert.That(step.Rejected, Is.Empty);
    }

    [Test]
    public async Task A_string_choice_that_is_a_number_is_read()
    {
        await using var server = Server("""```json\n{'reasoning': 'the last', 'choice': '3',}\n```""");
        var (agent, optimizer) = Create(server);

        await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(14));
    }

    [Test]
    public async Task Rejected_candidates_do_not_compete_and_one_left_is_taken_without_asking()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => IsChoice(request) ? Reply("""{"choice": 1}""") : TemperatureOf(request) switch
            {
                0 => Reply("""{"reasoning": "x", "suggestion": {"ShopAgent.Nope": 3}}"""),
                0.5 => Reply("""{"reasoning": "x", "suggestion": {"ShopAgent.MaxWords": "many"}}"""),
                _ => Reply(Words(14)),
            },
        };
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(14));
        Assert.That(server.Requests.Any(IsChoice), Is.False);
        Assert.That(step.Proposal.Requests, Is.EqualTo(3));
        Assert.That(step.Proposal.Candidates.Select(c => c.IsApplicable), Is.EqualTo(new[] { false, false, true }));
        Assert.That(step.Proposal.Selection, Does.Contain("only applicable one"));
    }

    [Test]
    public async Task When_every_candidate_is_rejected_nothing_changes_and_the_next_prompt_shows_why()
    {
        await using var server = new FakeOpenAIServer { Fallback = _ => Reply("""{"reasoning": "x", "suggestion": {"ShopAgent.MaxWords": -1.5}}""") };
        var (agent, optimizer) = Create(server);
        var before = Rollout.Values(agent);

        var step = await optimizer.StepAsync();

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(step.Applied, Is.Empty);
        Assert.That(step.Rejected.Single().Name, Is.EqualTo("ShopAgent.MaxWords"));
        Assert.That(step.Proposal.ChosenCandidate, Is.Null);
        Assert.That(optimizer.BuildPrompt().User, Does.Contain("Your previous answer was not applied").And.Contain("ShopAgent.MaxWords"));
    }

    [Test]
    public async Task Majority_takes_the_candidate_most_others_resemble_without_a_request()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => Reply(TemperatureOf(request) switch
            {
                0 => """{"reasoning": "a", "suggestion": {"ShopAgent.SystemPrompt": "You are a sales agent for laptops and phones. Answer briefly and kindly."}}""",
                0.5 => """{"reasoning": "b", "suggestion": {"ShopAgent.SystemPrompt": "You are a sales agent. Recommend one product per reply."}}""",
                _ => """{"reasoning": "c", "suggestion": {"ShopAgent.SystemPrompt": "You are a sales agent. Recommend one product per reply, briefly."}}""",
            }),
        };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Selection = CandidateSelection.Majority });

        var step = await optimizer.StepAsync();

        Assert.That(agent.SystemPrompt, Is.EqualTo("You are a sales agent. Recommend one product per reply."));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
        Assert.That(step.Proposal.Selection, Does.Contain("votes: 1: 1, 2: 2, 3: 2"));
    }

    [Test]
    public async Task By_score_runs_the_score_with_each_candidates_values_in_place_and_restores_them()
    {
        await using var server = Server("unused");
        var seen = new List<int>();
        ShopAgent? agent = null;
        var options = new OptoPrimeMultiOptions
        {
            Selection = CandidateSelection.ByScore,
            Score = (candidate, _) =>
            {
                seen.Add(agent!.MaxWords);
                return Task.FromResult(agent.MaxWords == 12 ? 1.0 : 0.0);
            },
        };
        (agent, var optimizer) = Create(server, options);

        var step = await optimizer.StepAsync();

        Assert.That(seen, Is.EqualTo(new[] { 10, 12, 14 }));
        Assert.That(agent.MaxWords, Is.EqualTo(12));
        Assert.That(step.Proposal.Selection, Does.Contain("scores: 1: 0, 2: 1, 3: 0"));
        Assert.That(server.Requests.Any(IsChoice), Is.False);
    }

    [Test]
    public async Task By_score_without_a_score_function_fails_before_any_request()
    {
        await using var server = Server("unused");
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Selection = CandidateSelection.ByScore });

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.StepAsync());

        Assert.That(error!.Message, Does.Contain("Score is not set"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task A_synthesis_is_checked_like_any_answer_and_a_rejected_one_falls_back_to_the_first_candidate()
    {
        var synthesis = Words(11);
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => System(request).Contains("combine candidate answers", StringComparison.Ordinal) ? Reply(synthesis)
                : Reply(Words(TemperatureOf(request) switch { 0 => 10, 0.5 => 12, _ => 14 })),
        };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Selection = CandidateSelection.Synthesis });

        var step = await optimizer.StepAsync();
        Assert.That(agent.MaxWords, Is.EqualTo(11));
        Assert.That((step.Proposal.ChosenCandidate, step.Proposal.Requests), Is.EqualTo(((int?)null, 4)));
        Assert.That(step.Proposal.Selection, Does.StartWith("Synthesized from candidates 1, 2, 3"));

        synthesis = """{"reasoning": "x", "suggestion": {"ShopAgent.MaxWords": "eleven"}}""";
        Rollout.Run(agent, optimizer);
        step = await optimizer.StepAsync();
        Assert.That(agent.MaxWords, Is.EqualTo(10));
        Assert.That(step.Rejected, Is.Empty);
        Assert.That(step.Proposal.Selection, Does.Contain("The synthesis was rejected").And.Contain("ShopAgent.MaxWords"));
    }

    [Test]
    public async Task Self_refinement_shows_each_request_the_answer_before_it()
    {
        var answers = new Queue<string>([Words(10), Words(12), Words(14)]);
        await using var server = new FakeOpenAIServer { Fallback = request => Reply(IsChoice(request) ? """{"choice": 3}""" : answers.Dequeue()) };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Generation = CandidateGeneration.SelfRefinement });

        await optimizer.StepAsync();

        var users = server.Requests.Where(r => !IsChoice(r)).Select(User).ToList();
        Assert.That(users[0], Does.Not.Contain("Previous answer"));
        Assert.That(users[1], Does.Contain("Previous answer:\nreasoning: Keep 10 words.\nShopAgent.MaxWords=10").And.EndWith("Your response:\n"));
        Assert.That(users[2], Does.Contain("Keep 12 words").And.Not.Contain("Keep 10 words"));
        Assert.That(server.Requests.Select(System).Distinct().Count(), Is.EqualTo(2), "earlier answers go in the user message, never in the system prompt");
        Assert.That(agent.MaxWords, Is.EqualTo(14));
    }

    [Test]
    public async Task Iterative_alternatives_show_every_earlier_answer()
    {
        var answers = new Queue<string>([Words(10), Words(12), Words(14)]);
        await using var server = new FakeOpenAIServer { Fallback = request => Reply(IsChoice(request) ? """{"choice": 1}""" : answers.Dequeue()) };
        var (_, optimizer) = Create(server, new OptoPrimeMultiOptions { Generation = CandidateGeneration.IterativeAlternatives });

        await optimizer.StepAsync();

        var last = server.Requests.Where(r => !IsChoice(r)).Select(User).Last();
        Assert.That(last, Does.Contain("Earlier answer 1").And.Contain("Keep 10 words").And.Contain("Earlier answer 2").And.Contain("Keep 12 words"));
    }

    [TestCase("""{"experts": ["Copywriter", "Sales coach", "Linguist"]}""", new[] { "Copywriter", "Sales coach", "Linguist" })]
    [TestCase("""{"experts": ["Copywriter", 42, "bad\nname"]}""", new[] { "Copywriter", "Prompt engineer", "Domain expert of the task" })]
    [TestCase("Copywriter, Sales coach", new[] { "Prompt engineer", "Domain expert of the task", "Software engineer" })]
    public async Task Multi_experts_answer_as_the_experts_the_model_names_or_as_fixed_ones(string expertsAnswer, string[] expected)
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => Reply(System(request).StartsWith("Name complementary experts", StringComparison.Ordinal) ? expertsAnswer
                : IsChoice(request) ? """{"choice": 1}""" : Words(10 + User(request).Length % 3)),
        };
        var (_, optimizer) = Create(server, new OptoPrimeMultiOptions { Generation = CandidateGeneration.MultiExperts });

        var step = await optimizer.StepAsync();

        var purposes = step.Proposal.Exchanges.Select(e => e.Purpose).ToList();
        Assert.That(purposes[0], Is.EqualTo("naming the experts"));
        Assert.That(purposes.Skip(1).Take(3), Is.EquivalentTo(expected.Select((e, i) => $"candidate {i + 1} (expert: {e})")));
        foreach (var expert in expected) Assert.That(server.Requests.Count(r => User(r).StartsWith($"Answer as an expert: {expert}.", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(step.Usage.InputTokenCount, Is.EqualTo(100 * server.Requests.Count));
    }

    [Test]
    public async Task Given_experts_are_used_in_turn_without_asking_for_them()
    {
        await using var server = Server("""{"choice": 1}""");
        var (_, optimizer) = Create(server, new OptoPrimeMultiOptions { Generation = CandidateGeneration.MultiExperts, Experts = ["Copywriter"], Candidates = 2 });

        await optimizer.StepAsync();

        Assert.That(server.Requests.Count(r => User(r).StartsWith("Answer as an expert: Copywriter.", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(server.Requests.Any(r => System(r).StartsWith("Name complementary", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task A_failed_candidate_request_leaves_the_others_to_make_the_step()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => IsChoice(request) ? Reply("""{"choice": 2}""")
                : TemperatureOf(request) == 0.5 ? new LoopbackResponse(400, ChatCompletionsProtocol.Error("Bad request for this one.", "invalid_request_error"))
                : Reply(Words(TemperatureOf(request) == 0 ? 10 : 14)),
        };
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(14));
        Assert.That(step.Proposal.Candidates, Has.Count.EqualTo(2));
        Assert.That(step.Proposal.Selection, Does.Contain("The request for a candidate (temperature 0.5) failed and it was left out").And.Contain("Bad request for this one."));
        Assert.That(step.Proposal.Exchanges.Select(e => e.Purpose), Is.EqualTo(new[]
        {
            "candidate (temperature 0.5)", "candidate 1 (temperature 0)", "candidate 2 (temperature 1)", "choosing a candidate",
        }), "the failed request stays in the log, before the candidates that were kept");
        Assert.That(step.Attempts.Count(a => a.Failure is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task When_every_candidate_request_fails_the_step_throws_and_changes_nothing()
    {
        await using var server = new FakeOpenAIServer { Fallback = _ => new LoopbackResponse(400, ChatCompletionsProtocol.Error("No.", "invalid_request_error")) };
        var (agent, optimizer) = Create(server);
        var before = Rollout.Values(agent);

        Assert.ThrowsAsync<OptimizerRequestException>(() => optimizer.StepAsync());

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
    }

    [Test]
    public async Task Cancelling_stops_the_step_and_changes_nothing()
    {
        await using var server = new FakeOpenAIServer { Fallback = _ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion(Words(10), "m", 1, 1), Delay: TimeSpan.FromSeconds(30)) };
        var (agent, optimizer) = Create(server);
        var before = Rollout.Values(agent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.CatchAsync<OperationCanceledException>(() => optimizer.StepAsync(cancel.Token));

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
    }

    [Test]
    public async Task For_a_search_the_candidates_come_unchosen_from_one_generation()
    {
        await using var server = Server("""{"choice": 1}""");
        var (agent, optimizer) = Create(server);

        var candidates = await optimizer.ProposeCandidatesAsync(3);

        Assert.That(candidates.Select(c => c.Changes.Single().NewValue), Is.EqualTo(new object[] { 10, 12, 14 }));
        Assert.That(server.Requests.Any(IsChoice), Is.False);
        Assert.That(agent.MaxWords, Is.EqualTo(5), "nothing applied");
        Assert.That(optimizer.TotalUsage.InputTokenCount, Is.EqualTo(300));
        optimizer.Apply(candidates[2]);
        Assert.That(agent.MaxWords, Is.EqualTo(14));
    }

    [Test]
    public async Task By_score_does_not_score_a_candidate_whose_value_is_refused_and_puts_every_value_back()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => Reply($$$"""{"reasoning": "r", "suggestion": {"PickyAgent.Limit": {{{TemperatureOf(request) switch { 0 => 7, 0.5 => 500, _ => 9 }}}}}}"""),
        };
        var agent = new PickyAgent();
        var seen = new List<int>();
        var optimizer = new OptoPrimeMulti(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeMultiOptions
        {
            Selection = CandidateSelection.ByScore,
            Score = (_, _) =>
            {
                seen.Add(agent.Limit);
                return Task.FromResult((double)agent.Limit);
            },
        });
        using (TraceScope.Begin()) optimizer.Backward(agent.List("a,b,c,d,e,f,g,h,i,j"), "List more.");

        var step = await optimizer.StepAsync();

        Assert.That(seen, Is.EqualTo(new[] { 7, 9 }), "the refused value never ran");
        Assert.That(agent.Limit, Is.EqualTo(9));
        Assert.That(step.Proposal.Selection, Does.Contain("Not scored, a value was refused: candidate 2: PickyAgent.Limit refused the value (ArgumentOutOfRangeException"));
    }

    [Test]
    public async Task A_score_function_that_throws_fails_the_step_with_every_value_put_back()
    {
        await using var server = Server("unused");
        ShopAgent? agent = null;
        var options = new OptoPrimeMultiOptions
        {
            Selection = CandidateSelection.ByScore,
            Score = (_, _) => agent!.MaxWords == 12 ? throw new ArgumentNullException("judge") : Task.FromResult(0.0),
        };
        (agent, var optimizer) = Create(server, options);

        Assert.ThrowsAsync<ArgumentNullException>(() => optimizer.StepAsync());

        Assert.That(agent.MaxWords, Is.EqualTo(5));
    }

    [Test]
    public async Task A_candidate_from_an_applied_steps_log_is_refused_as_stale()
    {
        await using var server = Server("""{"choice": 1}""");
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();
        var late = optimizer.Apply(step.Proposal.Candidates[2]);

        Assert.That(agent.MaxWords, Is.EqualTo(10));
        Assert.That(late.Applied, Is.Empty);
        Assert.That(late.Rejected.Single().Reason, Does.Contain("changed after this proposal was made"));
    }

    [Test]
    public async Task A_failed_choice_request_takes_the_first_candidate_and_keeps_its_attempts()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => IsChoice(request) ? new LoopbackResponse(400, ChatCompletionsProtocol.Error("Context too long.", "invalid_request_error"))
                : Reply(Words(TemperatureOf(request) switch { 0 => 10, 0.5 => 12, _ => 14 })),
        };
        var (agent, optimizer) = Create(server);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(10));
        Assert.That(step.Proposal.Selection, Does.Contain("could not be used (the request failed").And.Contain("Context too long."));
        Assert.That(step.Attempts.Count(a => a.Failure is not null), Is.EqualTo(1));
        Assert.That(step.Proposal.Exchanges[^1].Purpose, Is.EqualTo("choosing a candidate"));
    }

    [Test]
    public async Task A_failed_experts_request_uses_fixed_experts_and_says_so()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => System(request).StartsWith("Name complementary experts", StringComparison.Ordinal)
                ? new LoopbackResponse(400, ChatCompletionsProtocol.Error("No.", "invalid_request_error"))
                : Reply(IsChoice(request) ? """{"choice": 1}""" : Words(10)),
        };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Generation = CandidateGeneration.MultiExperts });

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(10));
        Assert.That(step.Proposal.Selection, Does.Contain("The model named 0 usable experts of 3 (the request failed"));
        Assert.That(server.Requests.Count(r => User(r).StartsWith("Answer as an expert: Prompt engineer.", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_synthesis_that_changes_nothing_does_not_beat_candidates_that_do()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => System(request).Contains("combine candidate answers", StringComparison.Ordinal) ? Reply("TERMINATE")
                : Reply(Words(TemperatureOf(request) switch { 0 => 10, 0.5 => 12, _ => 14 })),
        };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Selection = CandidateSelection.Synthesis });

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(10));
        Assert.That(step.Proposal.Selection, Does.StartWith("The synthesis suggested no change; candidate 1 was taken instead."));
    }

    [Test]
    public async Task Without_temperatures_no_temperature_is_sent()
    {
        var answers = new Queue<string>([Words(10), Words(12), Words(14)]);
        await using var server = new FakeOpenAIServer { Fallback = request => Reply(IsChoice(request) ? """{"choice": 2}""" : answers.Dequeue()) };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { MinTemperature = null, MaxParallelism = 1 });

        var step = await optimizer.StepAsync();

        Assert.That(server.Requests.Select(TemperatureOf), Has.All.Null);
        Assert.That(step.Proposal.Exchanges[0].Purpose, Is.EqualTo("candidate 1 (the model's temperature)"));
        Assert.That(agent.MaxWords, Is.EqualTo(12));
    }

    [Test]
    public async Task In_a_search_a_failed_candidate_request_is_a_candidate_that_cannot_be_applied()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => TemperatureOf(request) == 0.5 ? new LoopbackResponse(400, ChatCompletionsProtocol.Error("Refused.", "invalid_request_error"))
                : Reply(Words(TemperatureOf(request) == 0 ? 10 : 14)),
        };
        var (_, optimizer) = Create(server);

        var candidates = await optimizer.ProposeCandidatesAsync(3);

        Assert.That(candidates.Select(c => c.IsApplicable), Is.EqualTo(new[] { true, true, false }));
        Assert.That(candidates[2].Rejections.Single().Reason, Does.Contain("Refused."));
        Assert.That(candidates[2].Attempts, Is.Not.Empty);
    }

    [Test]
    public async Task Refinement_and_synthesis_see_long_values_whole_and_the_choice_sees_them_cut()
    {
        var longPrompt = "Answer briefly. " + new string('x', 300);
        await using var server = new FakeOpenAIServer
        {
            Fallback = request => System(request).Contains("combine candidate answers", StringComparison.Ordinal) ? Reply(Words(11))
                : Reply(TemperatureOf(request) == 0
                    ? $$$"""{"reasoning": "r", "suggestion": {"ShopAgent.SystemPrompt": "{{{longPrompt}}}"}}"""
                    : Words(TemperatureOf(request) == 0.5 ? 12 : 14)),
        };
        var (agent, optimizer) = Create(server, new OptoPrimeMultiOptions { Selection = CandidateSelection.Synthesis, MaxValueLength = 50 });

        await optimizer.StepAsync();

        var synthesis = server.Requests.Single(r => System(r).Contains("combine candidate answers", StringComparison.Ordinal));
        Assert.That(User(synthesis), Does.Contain(longPrompt), "a value the model may write from is shown whole");
        Assert.That(agent.MaxWords, Is.EqualTo(11));
    }

    [Test]
    public async Task A_score_function_that_throws_still_counts_the_candidates_tokens()
    {
        await using var server = Server("unused");
        var (_, optimizer) = Create(server, new OptoPrimeMultiOptions
        {
            Selection = CandidateSelection.ByScore,
            Score = (_, _) => throw new InvalidOperationException("The judge is down."),
        });

        Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.StepAsync());

        Assert.That(optimizer.TotalUsage.InputTokenCount, Is.EqualTo(300), "three candidates were answered");
    }

    [Test]
    public void Max_value_length_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new OptoPrimeMultiOptions { MaxValueLength = 0 });
        Assert.That(new OptoPrimeMultiOptions { MaxValueLength = int.MaxValue }.MaxValueLength, Is.EqualTo(int.MaxValue));
    }
}
