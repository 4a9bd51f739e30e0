using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Opto;
using Opto.Optimizers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// A prompt never exceeds OptoPrimeOptions.MaxPromptTokens: a graph too large is compacted (what is nearest the
/// variables and the outputs is kept, the rest is replaced by markers), never cut mid-value.
/// </summary>
public class PromptBudgetTests
{
    private static readonly TiktokenTokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Test]
    public void The_prompt_of_a_100000_node_graph_fits_16000_tokens_and_names_every_variable_the_output_and_the_feedback()
    {
        var (optimizer, first, last, output) = LongChain(100_000, new OptoPrimeOptions { MaxPromptTokens = 16_000, CountTokens = Count });

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(s_o200k.CountTokens(system) + s_o200k.CountTokens(user), Is.LessThanOrEqualTo(16_000));
        Assert.That(user, Does.Contain($"(string) {first.Name}=\"first value\"").And.Contain($"(string) {last.Name}=\"last value\""));
        Assert.That(user, Does.Contain($"{output.Name}=").And.Contain("#Outputs\n(string) " + output.Name));
        Assert.That(user, Does.Contain("#Feedback\nThe chain drifted."));
        var marker = Regex.Match(user, @"\.\.\. ([\d,]+) calls left out to fit the prompt's token budget: Step ×([\d,]+)");
        Assert.That(marker.Success, user[..2000]);
        var shownCalls = Regex.Matches(user, @"^step\d+ = Step\(", RegexOptions.Multiline).Count;
        Assert.That(int.Parse(marker.Groups[1].Value.Replace(",", "")) + shownCalls, Is.EqualTo(99_998), "every call is shown or counted in the marker");
        Assert.That(shownCalls, Is.GreaterThan(100), "the budget is used, not left empty");
    }

    [Test]
    public void The_default_estimate_errs_high_so_a_prompt_within_the_budget_by_estimate_is_within_it_in_real_tokens()
    {
        var (optimizer, _, _, _) = LongChain(20_000, new OptoPrimeOptions { MaxPromptTokens = 16_000 });

        var (system, user) = optimizer.BuildPrompt();

        var real = s_o200k.CountTokens(system) + s_o200k.CountTokens(user);
        Assert.That(real, Is.LessThanOrEqualTo(16_000).And.GreaterThan(8_000), "within the budget, and not far below it");
    }

    [Test]
    public void What_is_kept_is_nearest_the_variables_and_the_output_and_the_middle_is_left_out()
    {
        var (optimizer, _, _, _) = LongChain(5_000, new OptoPrimeOptions { MaxPromptTokens = 4_000, CountTokens = Count });

        var code = optimizer.BuildProblem().Code;

        var lines = code.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("mixIn0 = MixIn("), "the call reading the first variable");
        Assert.That(lines[1], Does.StartWith("step0 = Step(text=mixIn0)"));
        Assert.That(lines[^1], Does.StartWith("mixIn1 = MixIn(a=step4997"), "the output's call");
        Assert.That(lines[^2], Does.StartWith("step4997 = Step(text=step4996)"));
        var markers = lines.Where(l => l.StartsWith("... ", StringComparison.Ordinal)).ToList();
        Assert.That(markers, Has.Count.EqualTo(1), "one run left out, in the middle");
        var markerAt = Array.IndexOf(lines, markers[0]);
        var before = lines[..markerAt].Length;
        var after = lines[(markerAt + 1)..].Length;
        Assert.That(Math.Abs(before - after), Is.LessThanOrEqualTo(2), "as many calls kept near the variables as near the output");
    }

    [Test]
    public void No_value_is_cut_to_fit_each_one_shown_is_whole()
    {
        var (optimizer, _, _, _) = LongChain(3_000, new OptoPrimeOptions { MaxPromptTokens = 3_000 });

        var problem = optimizer.BuildProblem();

        foreach (var line in problem.Others.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("...", StringComparison.Ordinal)))
        {
            Assert.That(line, Does.Match("^\\(string\\) (step|mixIn)\\d+=\"s[a-z]\"$"));
        }

        Assert.That(problem.Others, Does.Contain("intermediate values left out"));
        Assert.That(problem.Render(), Does.Not.Contain("truncated"));
    }

    [Test]
    public void With_documentation_hidden_each_call_says_what_it_reads()
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new NoChat(), new OptoPrimeOptions { HiddenSections = ProblemSections.Documentation });
        foreach (var customer in new[] { "Ana", "Bo" })
        {
            using var scope = TraceScope.Begin();
            scope.Graph.Backward(agent.Reply(new string(customer.AsSpan())), "Too long.");
        }

        var user = optimizer.BuildPrompt().User;

        Assert.That(user, Does.Not.Contain("#Documentation"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(user, "// reads ShopAgent"), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_graph_that_fits_gives_the_same_prompt_as_with_no_limit()
    {
        var (limited, _, _, _) = LongChain(60, new OptoPrimeOptions { MaxPromptTokens = 100_000 });
        var (unlimited, _, _, _) = LongChain(60, new OptoPrimeOptions { MaxPromptTokens = int.MaxValue });

        Assert.That(limited.BuildPrompt().User, Is.EqualTo(unlimited.BuildPrompt().User));
        Assert.That(limited.BuildPrompt().User, Does.Not.Contain("left out"));
    }

    [Test]
    public void Compaction_is_deterministic()
    {
        var (a, _, _, _) = LongChain(4_000, new OptoPrimeOptions { MaxPromptTokens = 5_000 });
        var (b, _, _, _) = LongChain(4_000, new OptoPrimeOptions { MaxPromptTokens = 5_000 });

        Assert.That(a.BuildPrompt().User, Is.EqualTo(b.BuildPrompt().User));
        Assert.That(a.BuildPrompt().User, Is.EqualTo(a.BuildPrompt().User));
    }

    [Test]
    public void A_budget_the_variables_alone_exceed_is_an_error_that_says_what_to_change_and_the_step_changes_nothing()
    {
        var (optimizer, first, _, _) = LongChain(100, new OptoPrimeOptions { MaxPromptTokens = 1_200 });
        first.Value = string.Concat(Enumerable.Repeat("A long first value that the model has to see whole. ", 80));

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.StepAsync())!;

        Assert.That(error.Message, Does.Contain("MaxPromptTokens").And.Contain("always shown whole").And.Contain("every intermediate call left out"));
        Assert.That(first.Value, Does.StartWith("A long first value"));
    }

    [Test]
    public void Without_a_limit_the_budget_comes_from_the_models_window()
    {
        // gpt-4's window is 8,192 tokens, less 4,096 for the answer.
        var (optimizer, _, _, _) = LongChain(5_000, new OptoPrimeOptions { CountTokens = Count }, new NamedModel("gpt-4-0613"));
        var (wide, _, _, _) = LongChain(5_000, new OptoPrimeOptions { CountTokens = Count }, new NamedModel("gpt-4o-mini"));

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(s_o200k.CountTokens(system) + s_o200k.CountTokens(user), Is.LessThanOrEqualTo(8_192 - 4_096).And.GreaterThan(3_000));
        Assert.That(wide.BuildPrompt().User, Does.Not.Contain("left out"), "a 5,000-call chain fits gpt-4o's 128,000 tokens");
    }

    [TestCase("gpt-4o-2024-08-06", 128_000)]
    [TestCase("openai/gpt-4.1-mini", 1_047_576)]
    [TestCase("gpt-4", 8_192)]
    [TestCase("gpt-4-1106-preview", 128_000)]
    [TestCase("o1-mini", 128_000)]
    [TestCase("o1-preview", 128_000)]
    [TestCase("o1", 200_000)]
    [TestCase("gpt-5-mini", 272_000)]
    [TestCase("claude-2.1", 100_000)]
    [TestCase("claude-sonnet-4-5", 200_000)]
    [TestCase("my-local-model", 128_000)]
    [TestCase(null, 128_000)]
    public void Known_models_have_their_window(string? model, int tokens) => Assert.That(ModelContextWindows.Of(model), Is.EqualTo(tokens));

    [Test]
    public void Values_that_tokenize_finely_still_fit_by_the_default_estimate()
    {
        // Hashes take about twice the tokens of English text of the same length.
        var first = new Parameter<string>("first value", "Chain.First");
        using var scope = TraceScope.Begin();
        var text = Mixer.MixIn(new string('s', 1), first);
        for (var i = 0; i < 2_000; i++) text = Mixer.Hash(text, i);
        scope.Graph.NodeOf(text)!.Backward("The chain drifted.");
        var optimizer = new OptoPrime([first], new NoChat(), new OptoPrimeOptions { MaxPromptTokens = 16_000 });

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(s_o200k.CountTokens(system) + s_o200k.CountTokens(user), Is.LessThanOrEqualTo(16_000));
        Assert.That(user, Does.Contain("calls left out"));
    }

    [Test]
    public void Without_an_output_limit_room_is_still_kept_for_the_answer()
    {
        var (optimizer, _, _, _) = LongChain(20_000, new OptoPrimeOptions { MaxOutputTokens = null, CountTokens = Count });

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(s_o200k.CountTokens(system) + s_o200k.CountTokens(user), Is.LessThanOrEqualTo(128_000 - 4_096));
    }

    [Test]
    public void The_answers_schema_is_counted_in_the_budget()
    {
        var parameters = Enumerable.Range(0, 200).Select(i => new Parameter<List<string>>(["x"], "Agent.Rules" + i, "A rule list.")).ToList();
        var options = new OptoPrimeOptions { MaxPromptTokens = 8_000, CountTokens = Count };
        var optimizer = new OptoPrime(parameters, new NoChat(), options);
        var schema = new AnswerChatOptions(options, parameters, optimizer.NameOf).SchemaText;

        Assert.That(Count(schema), Is.GreaterThan(1_000), "a schema this large matters");
        var (system, user) = BuildWithFeedbackOnEveryParameter(optimizer, parameters);
        Assert.That(Count(system) + Count(user) + Count(schema), Is.LessThanOrEqualTo(8_000));
        Assert.That(user, Does.Contain("calls left out"), "the schema's room came out of the problem's");
    }

    [Test]
    public void Past_steps_give_way_to_the_problem_oldest_first()
    {
        var (optimizer, _, _, _) = LongChain(50, new OptoPrimeOptions { MaxPromptTokens = 6_000, MemorySize = 10, CountTokens = Count });
        var memory = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 10; i++)
        {
            memory.Add(new System.Text.Json.Nodes.JsonObject { ["variables"] = $"(string) Chain.First=\"step {i} " + new string('v', 1_500) + "\"", ["feedback"] = "feedback " + i });
        }

        var state = optimizer.ExportState();
        state["memory"] = memory;
        optimizer.ImportState(state);

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(Count(system) + Count(user), Is.LessThanOrEqualTo(6_000));
        Assert.That(user, Does.Contain("feedback 9").And.Not.Contain("feedback 0"), "the newest past steps are kept");
        Assert.That(user, Does.Not.Contain("left out"), "the problem itself is whole");
    }

    [Test]
    public void Settings_that_leave_no_room_are_refused_with_what_to_change()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OptoPrimeOptions { MaxPromptTokens = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OptoPrimeOptions { MaxPromptTokens = -5 });
        var (optimizer, _, _, _) = LongChain(10, new OptoPrimeOptions { MaxPromptTokens = 500, IncludeExample = true });

        var error = Assert.Throws<InvalidOperationException>(() => optimizer.BuildPrompt())!;

        Assert.That(error.Message, Does.Contain("500 tokens to use").And.Contain("IncludeExample"));
    }

    [TestCase(CandidateGeneration.IterativeAlternatives, CandidateSelection.Synthesis)]
    [TestCase(CandidateGeneration.SelfRefinement, CandidateSelection.ByModel)]
    [TestCase(CandidateGeneration.MultiExperts, CandidateSelection.Synthesis)]
    public async Task OptoPrimeMulti_requests_that_show_candidates_fit_the_budget_and_show_them_whole(CandidateGeneration generation, CandidateSelection selection)
    {
        const int Budget = 8_000;
        var (_, first, last, _) = LongChain(5_000, new OptoPrimeOptions());
        // Each candidate suggests a long value of its own (about 1,500 tokens): three of them alone take half the budget.
        var answered = 0;
        string Value(int k) => $"candidate {k}: " + string.Join(" ", Enumerable.Range(0, 700).Select(i => $"word{i}"));
        await using var server = new FakeOpenAIServer
        {
            Fallback = request =>
            {
                var system = ChatCompletionsProtocol.ReadMessages(request.Body)[0].Text;
                var text = system.Contains("choose the most promising", StringComparison.Ordinal) ? """{"reasoning": "The second.", "choice": 2}"""
                    : system.StartsWith("Name complementary experts", StringComparison.Ordinal) ? """{"experts": ["An editor", "A critic", "A tester"]}"""
                    : $$$"""{"reasoning": "Change it.", "answer": null, "suggestion": {"Chain.First": "{{{Value(Interlocked.Increment(ref answered))}}}"}}""";
                return new LoopbackResponse(200, ChatCompletionsProtocol.Completion(text, "gpt-test", 100, 10));
            },
        };
        var options = new OptoPrimeMultiOptions { Candidates = 3, Generation = generation, Selection = selection, MaxParallelism = 1, MaxPromptTokens = Budget, CountTokens = Count };
        var optimizer = new OptoPrimeMulti([first, last], server.OpenAIClient(), options);

        var proposal = await optimizer.ProposeAsync();

        var requests = server.Requests.Select(r => ChatCompletionsProtocol.ReadMessages(r.Body)).ToList();
        foreach (var messages in requests)
        {
            Assert.That(Count(messages[0].Text) + Count(messages[^1].Text), Is.LessThanOrEqualTo(Budget), messages[^1].Text[..200]);
        }

        var shownCandidates = requests.Select(m => m[^1].Text).Where(t => t.Contains("candidate 1: ", StringComparison.Ordinal)).ToList();
        Assert.That(shownCandidates, Is.Not.Empty, "later requests show the candidates");
        foreach (var user in shownCandidates)
        {
            Assert.That(user, Does.Contain(Value(1)[^40..]), "a candidate is shown whole");
            Assert.That(user, Does.Contain("#Feedback\nThe chain drifted.").And.Contain("(string) Chain.First="), "the problem is still there");
        }

        Assert.That(proposal.Candidates, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task OptoPrimeMulti_stops_asking_for_alternatives_once_the_earlier_ones_leave_no_room_and_keeps_those_it_has()
    {
        var (_, first, last, _) = LongChain(100, new OptoPrimeOptions());
        await using var server = ServerOfLongCandidates();
        var options = new OptoPrimeMultiOptions
        {
            Candidates = 5, Generation = CandidateGeneration.IterativeAlternatives, Selection = CandidateSelection.Majority, MaxPromptTokens = 6_000, CountTokens = Count,
        };
        var optimizer = new OptoPrimeMulti([first, last], server.OpenAIClient(), options);

        var proposal = await optimizer.ProposeAsync();

        Assert.That(proposal.Candidates.Count, Is.InRange(2, 4), "the candidates answered before the budget ran out");
        Assert.That(server.Requests, Has.Count.EqualTo(proposal.Candidates.Count));
        Assert.That(proposal.Selection, Does.Contain("were not asked for").And.Contain("Lower Candidates or raise MaxPromptTokens"));
    }

    [Test]
    public async Task OptoPrimeMulti_candidates_that_cannot_fit_together_are_not_sent_and_the_selection_says_so()
    {
        var (_, first, last, _) = LongChain(100, new OptoPrimeOptions());
        await using var server = ServerOfLongCandidates();
        var options = new OptoPrimeMultiOptions { Candidates = 3, Selection = CandidateSelection.Synthesis, MaxPromptTokens = 4_000, CountTokens = Count };
        var optimizer = new OptoPrimeMulti([first, last], server.OpenAIClient(), options);

        var proposal = await optimizer.ProposeAsync();

        Assert.That(server.Requests, Has.Count.EqualTo(3), "the three candidates, and no synthesis request over the budget");
        Assert.That(proposal.Selection, Does.Contain("do not fit the prompt's token budget").And.Contain("candidate 1 was taken"));
        Assert.That(proposal.ChosenCandidate, Is.EqualTo(0));
    }

    private static (string System, string User) BuildWithFeedbackOnEveryParameter(OptoPrime optimizer, List<Parameter<List<string>>> parameters)
    {
        using var scope = TraceScope.Begin();
        var text = new string('s', 1);
        foreach (var parameter in parameters) text = Mixer.MixList(text, parameter);
        scope.Graph.NodeOf(text)!.Backward("Too many rules.");
        return optimizer.BuildPrompt();
    }

    // Every answer suggests a value of its own of about 1,500 tokens.
    private static FakeOpenAIServer ServerOfLongCandidates()
    {
        var answered = 0;
        return new FakeOpenAIServer
        {
            Fallback = _ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion(
                $$$"""{"reasoning": "Change it.", "answer": null, "suggestion": {"Chain.First": "{{{Interlocked.Increment(ref answered)}}} {{{string.Join(" ", Enumerable.Range(0, 700).Select(i => $"word{i}"))}}}"}}""", "gpt-test", 100, 10)),
        };
    }

    private static int Count(string text) => s_o200k.CountTokens(text);

    private static (OptoPrime Optimizer, Parameter<string> First, Parameter<string> Last, Node Output) LongChain(int calls, OptoPrimeOptions options, IChatClient? chat = null)
    {
        var first = new Parameter<string>("first value", "Chain.First", "Where the chain starts.");
        var last = new Parameter<string>("last value", "Chain.Last", "What the chain ends with.");
        using var scope = TraceScope.Begin();
        var output = scope.Graph.NodeOf(Mixer.Chain(first, last, calls))!;
        output.Backward("The chain drifted.");
        return (new OptoPrime([first, last], chat ?? new NoChat(), options), first, last, output);
    }

    private sealed class NamedModel(string model) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, model) : null;

        public void Dispose()
        {
        }
    }
}
