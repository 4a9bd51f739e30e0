using System.Text.Json.Nodes;
using Opto;
using Opto.Optimizers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

public class OproTests
{
    private static string Words(int words) =>
        $$$"""{"reasoning": "Try {{{words}}} words.", "answer": null, "suggestion": {"ShopAgent.MaxWords": {{{words}}}}}""";

    // One rollout of the shop agent judged with a score (as the trainer gives it) or with feedback alone.
    private static void Judge(ShopAgent agent, Opro optimizer, string feedback, double? score = null)
    {
        using var scope = TraceScope.Begin("rollout");
        var answer = agent.Shorten(agent.Reply("Ana"));
        optimizer.ZeroFeedback();
        if (score is { } s) optimizer.Backward(answer, feedback, s);
        else optimizer.Backward(answer, feedback);
    }

    private static string User(FakeOpenAIServer server) => server.LastMessages()[^1].Text;

    [Test]
    public async Task The_prompt_shows_every_solution_with_its_score_from_the_lowest_to_the_highest()
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8)).Answer(Words(12)).Answer(Words(9));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());

        Judge(agent, optimizer, "Cut off too early.", 0.2);
        await optimizer.StepAsync();
        Assert.That(User(server), Does.Contain("[1] score 0.2 (the current values)\n(int) ShopAgent.MaxWords=5").And.Contain("feedback: Cut off too early."));
        Assert.That(agent.MaxWords, Is.EqualTo(8));

        Judge(agent, optimizer, "Much better.", 0.9);
        await optimizer.StepAsync();
        Judge(agent, optimizer, "Too long now.", 0.5);
        await optimizer.StepAsync();

        var prompt = User(server)[User(server).IndexOf("\n#Solutions\n", StringComparison.Ordinal)..];
        var order = new[] { "ShopAgent.MaxWords=5", "ShopAgent.MaxWords=12", "ShopAgent.MaxWords=8" }.Select(v => prompt.IndexOf(v, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.Ordered.And.All.GreaterThan(0), "scores 0.2, 0.5, 0.9: lowest first");
        Assert.That(prompt, Does.Contain("[2] score 0.5 (the current values)"));
        Assert.That(prompt, Does.Contain("#Feedback\n(score 0.5) Too long now."));
        Assert.That(prompt, Does.Not.Contain("#Code"), "OPRO learns from scores, not from the traced code");
        Assert.That(server.LastMessages()[0].Text, Does.Contain("from the lowest score to the highest"));
        Assert.That(agent.MaxWords, Is.EqualTo(9));
    }

    [TestCase("0.7", 0.7)]
    [TestCase("Score: 7/10 - too long", 0.7)]
    [TestCase("score 3 / 4: fine", 0.75)]
    [TestCase("80% of the answer is right", 0.8)]
    [TestCase("-1.5 (penalty)", -1.5)]
    public async Task Without_a_given_score_a_number_the_feedback_starts_with_is_the_score(string feedback, double score)
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, feedback);

        await optimizer.StepAsync();

        Assert.That(User(server), Does.Contain($"[1] score {score.ToString(System.Globalization.CultureInfo.InvariantCulture)} (the current values)"));
    }

    [TestCase("The 3 products are wrong.")]
    [TestCase("3rd place is not enough.")]
    [TestCase("Too long.")]
    [TestCase("1. The reply is too long.")]
    [TestCase("3 of the 5 answers are wrong.")]
    [TestCase("2 sentences too many.")]
    [TestCase("Score 0.5x")]
    public async Task Feedback_that_does_not_start_with_a_score_gives_none_and_says_so(string feedback)
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, feedback);

        await optimizer.StepAsync();

        Assert.That(User(server), Does.Contain("[1] no score (the current values)"));
    }

    [Test]
    public async Task Only_the_best_solutions_are_kept_and_a_tight_budget_drops_the_lowest_first()
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8)).Answer(Words(12)).Answer(Words(9)).Answer(Words(10));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient(), new OproOptions { HistorySize = 2 });
        foreach (var score in new[] { 0.9, 0.1, 0.5 })
        {
            Judge(agent, optimizer, "Again.", score);
            await optimizer.StepAsync();
        }

        var prompt = User(server);
        Assert.That(prompt, Does.Contain("ShopAgent.MaxWords=5").And.Contain("ShopAgent.MaxWords=12"));
        Assert.That(prompt, Does.Not.Contain("ShopAgent.MaxWords=8\n"), "the lowest score (0.1) is left out");

        var (system, user) = optimizer.BuildPrompt();
        var tight = new Opro(agent.TrainableParameters(), server.OpenAIClient(), new OproOptions { HistorySize = 20 });
        tight.ImportState(optimizer.ExportState());
        var full = tight.BuildPrompt().User;
        tight.Options.MaxPromptTokens = TokenEstimate.Count(system) + TokenEstimate.Count(full) + 400;
        Judge(agent, tight, "Again.", 0.3);
        var fitted = tight.BuildPrompt().User;
        Assert.That(fitted.Length, Is.LessThan(full.Length + 200));
        Assert.That(fitted, Does.Contain("(the current values)"), "the current values are always shown");
    }

    [TestCase("""{"reasoning": "x", "suggestion": {"ShopAgent.MaxWords": "many"}}""", "ShopAgent.MaxWords")]
    [TestCase("""{"reasoning": "x", "suggestion": {"MaxWords": 9}}""", "MaxWords")]
    [TestCase("""{"reasoning": "x", "suggestion": {"ShopAgent.MaxWords": 9, "ShopAgent.Tone": "Loud"}}""", "ShopAgent.Tone")]
    [TestCase("""{"reasoning": "x", "suggestion": {"ShopAgent.SystemPrompt": "a\u0000b"}}""", "ShopAgent.SystemPrompt")]
    [TestCase("I would use nine words.", null)]
    [TestCase("""{"reasoning": "\udc00", "suggestion": {"ShopAgent.MaxWords": 9}}""", null)]
    public async Task A_hostile_answer_changes_nothing_and_the_next_prompt_shows_why(string answer, string? rejectedName)
    {
        await using var server = new FakeOpenAIServer().Answer(answer).Answer(Words(9));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, "Short.", 0.1);
        var before = Rollout.Values(agent);

        var step = await optimizer.StepAsync();

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(step.Applied, Is.Empty);
        Assert.That(step.Rejected.Select(r => r.Name), rejectedName is null ? Has.Member(null) : Has.Member(rejectedName));
        await optimizer.StepAsync();
        Assert.That(User(server), Does.Contain("Your previous answer was not applied"));
        Assert.That(agent.MaxWords, Is.EqualTo(9));
    }

    [Test]
    public async Task An_answer_cut_off_at_the_output_limit_is_not_trusted()
    {
        await using var server = new FakeOpenAIServer
        {
            Fallback = _ => new(200, """
                {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
                 "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": "{\"suggestion\": {\"ShopAgent.MaxWords\": 9}}"}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                """),
        };
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, "Short.", 0.1);

        var step = await optimizer.StepAsync();

        Assert.That(agent.MaxWords, Is.EqualTo(5));
        Assert.That(step.Rejected.Select(r => r.Reason), Has.Some.Contains("cut off"));
    }

    [Test]
    public async Task The_solutions_survive_a_resume()
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8)).Answer(Words(12));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, "First.", 0.2);
        await optimizer.StepAsync();
        Judge(agent, optimizer, "Second.", 0.6);
        await optimizer.StepAsync();

        var state = JsonNode.Parse(optimizer.ExportState().ToJsonString())!.AsObject();
        var resumed = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        resumed.ImportState(state);
        Judge(agent, optimizer, "Third.", 0.4);
        Judge(agent, resumed, "Third.", 0.4);

        Assert.That(resumed.BuildPrompt(), Is.EqualTo(optimizer.BuildPrompt()));
        Assert.That(resumed.BuildPrompt().User, Does.Contain("score 0.2").And.Contain("score 0.6"));
        Assert.Throws<ArgumentException>(() => resumed.ImportState(new OptoPrime(agent.TrainableParameters(), server.OpenAIClient()).ExportState()));
    }

    [Test]
    public void A_score_that_is_not_a_number_is_refused()
    {
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), new NoChat());
        using var scope = TraceScope.Begin();
        var answer = agent.Shorten(agent.Reply("Ana"));

        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Backward(answer, "x", double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Backward(answer, "x", double.PositiveInfinity));
    }

    [Test]
    public async Task Current_values_that_score_lowest_are_shown_first_and_a_score_is_kept_when_the_values_come_back_without_one()
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8)).Answer(Words(5)).Answer(Words(9));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, "Good.", 0.6);
        await optimizer.StepAsync();
        Judge(agent, optimizer, "Worse.", 0.1);
        await optimizer.StepAsync();

        var solutions = User(server)[User(server).IndexOf("\n#Solutions\n", StringComparison.Ordinal)..];
        Assert.That(solutions, Does.Contain("[1] score 0.1 (the current values)\n(int) ShopAgent.MaxWords=8").And.Contain("[2] score 0.6\n(int) ShopAgent.MaxWords=5"));

        Judge(agent, optimizer, "Back to five words.");
        await optimizer.StepAsync();
        Assert.That(User(server), Does.Contain("score 0.6 (the current values)\n(int) ShopAgent.MaxWords=5"), "seen again without a score, the values keep theirs");
    }

    [Test]
    public async Task A_score_whose_feedback_reached_none_of_the_parameters_does_not_count()
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8));
        var agent = new ShopAgent();
        var other = new PickyAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        optimizer.ZeroFeedback();
        using (TraceScope.Begin())
        {
            optimizer.Backward(agent.Shorten(agent.Reply("Ana")), "Short.", 0.2);
            optimizer.Backward(other.List("a,b"), "Fine.", 1.0);
        }

        await optimizer.StepAsync();

        Assert.That(User(server), Does.Contain("[1] score 0.2 (the current values)"));
    }

    [Test]
    public async Task A_saved_step_keeps_its_prompts_once()
    {
        await using var server = new FakeOpenAIServer().Answer(Words(8));
        var agent = new ShopAgent();
        var optimizer = new Opro(agent.TrainableParameters(), server.OpenAIClient());
        Judge(agent, optimizer, "Short.", 0.2);
        await optimizer.StepAsync();

        var json = System.Text.Json.JsonSerializer.Serialize(optimizer.Log);
        var record = System.Text.Json.JsonSerializer.Deserialize<List<StepRecord>>(json)!.Single();

        Assert.That(json, Does.Not.Contain("\"Exchanges\""));
        Assert.That(record.Proposal.Exchanges, Is.Null);
        Assert.That(optimizer.Log.Single().Proposal.Exchanges.Single().UserPrompt, Is.EqualTo(record.UserPrompt));
    }
}
