using Opto.Optimizers;
using Opto.Testing;
using Opto.Training;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests.Training;

public class GuideTests
{
    private static readonly Example<string, string> s_capital = new("Capital of France?", "Paris", "capital-1");

    [Test]
    public async Task Exact_match_scores_an_equal_output_one_and_says_it_is_correct()
    {
        var judgement = await new ExactMatchGuide<string, string>().JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement, Is.EqualTo(new Judgement(1, "The output is correct.", Correct: true)));
    }

    [Test]
    public async Task Exact_match_scores_a_different_output_zero_with_the_expected_and_the_output_in_the_feedback()
    {
        var judgement = await new ExactMatchGuide<string, string>().JudgeAsync(s_capital, "Lyon", CancellationToken.None);

        Assert.That(judgement, Is.EqualTo(new Judgement(0, "The output is incorrect: expected Paris, got Lyon.", Correct: false)));
    }

    [Test]
    public async Task Exact_match_uses_the_given_comparer_and_feedback_template()
    {
        var guide = new ExactMatchGuide<string, string>(StringComparer.OrdinalIgnoreCase, "{id}: '{output}' is not '{expected}' for {input}");

        var same = await guide.JudgeAsync(s_capital, "PARIS", CancellationToken.None);
        var different = await guide.JudgeAsync(s_capital, "Nice", CancellationToken.None);

        Assert.That(same.Correct, Is.True);
        Assert.That(different.Feedback, Is.EqualTo("capital-1: 'Nice' is not 'Paris' for Capital of France?"));
    }

    [Test]
    public async Task Predicate_guide_fills_its_template_when_the_predicate_fails()
    {
        var guide = new PredicateGuide<string, string, int>((example, output) => output == example.Expected.Length, "Expected {expected}'s length, got {output}.");

        var right = await guide.JudgeAsync(s_capital, 5, CancellationToken.None);
        var wrong = await guide.JudgeAsync(s_capital, 7, CancellationToken.None);

        Assert.That(right, Is.EqualTo(new Judgement(1, "The output is correct.", Correct: true)));
        Assert.That(wrong, Is.EqualTo(new Judgement(0, "Expected Paris's length, got 7.", Correct: false)));
    }

    [Test]
    public async Task Predicate_guide_can_write_its_feedback_with_a_function()
    {
        var guide = new PredicateGuide<string, string, string>(
            (example, output) => output.Contains(example.Expected, StringComparison.Ordinal),
            (example, output) => $"'{output}' does not mention {example.Expected}.");

        var judgement = await guide.JudgeAsync(s_capital, "It is Lyon.", CancellationToken.None);

        Assert.That(judgement.Feedback, Is.EqualTo("'It is Lyon.' does not mention Paris."));
        Assert.That(judgement.Score, Is.Zero);
    }

    [Test]
    public async Task Lambda_guide_returns_the_function_judgement_sync_or_async()
    {
        var sync = new LambdaGuide<string, string, string>((example, output) => new Judgement(output.Length / 10.0, "sync", output == example.Expected));
        var async = new LambdaGuide<string, string, string>(async (example, output, ct) =>
        {
            await Task.Yield();
            return new Judgement(0.5, $"async {example.Id} {output}", Correct: false);
        });

        Assert.That(await sync.JudgeAsync(s_capital, "Paris", CancellationToken.None), Is.EqualTo(new Judgement(0.5, "sync", Correct: true)));
        Assert.That(await async.JudgeAsync(s_capital, "Lyon", CancellationToken.None), Is.EqualTo(new Judgement(0.5, "async capital-1 Lyon", Correct: false)));
    }

    private const string Rubric = "The answer names the capital city, nothing else.";
    private const string GoodAnswer = """{"score": 0.75, "critique": "Names the city but adds a sentence.", "correct": true}""";

    private static LlmJudgeGuide<string, string, string> Judge(FakeOpenAIServer server) =>
        new(server.OpenAIClient(), Rubric, retry: new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(1) });

    [Test]
    public async Task Llm_judge_reads_the_score_critique_and_correctness_of_a_good_answer()
    {
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer);

        var judgement = await Judge(server).JudgeAsync(s_capital, "Paris, of course.", CancellationToken.None);

        Assert.That(judgement, Is.EqualTo(new Judgement(0.75, "Names the city but adds a sentence.", Correct: true)));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Llm_judge_prompt_shows_the_rubric_input_expected_output_and_the_agent_output()
    {
        await using var server = new FakeOpenAIServer().Answer(GoodAnswer);
        var example = new Example<string, Order>("Order two apples", new Order("apple", 2));

        await new LlmJudgeGuide<string, Order, Order>(server.OpenAIClient(), Rubric).JudgeAsync(example, new Order("pear", 3), CancellationToken.None);

        var prompt = string.Join("\n", server.LastMessages().Select(m => m.Text));
        Assert.That(prompt, Does.Contain(Rubric));
        Assert.That(prompt, Does.Contain("Order two apples"));
        Assert.That(prompt, Does.Contain("\"Item\": \"apple\"").And.Contain("\"Count\": 2"), "the expected output as JSON");
        Assert.That(prompt, Does.Contain("\"Item\": \"pear\"").And.Contain("\"Count\": 3"), "the agent's output as JSON");
        Assert.That(prompt, Does.Contain("\"score\"").And.Contain("\"critique\"").And.Contain("\"correct\""));
    }

    [Test]
    public async Task Llm_judge_reads_an_answer_in_a_code_fence_with_text_around_it()
    {
        await using var server = new FakeOpenAIServer().Answer($"Here is my verdict:\n```json\n{GoodAnswer}\n```\nHope it helps.");

        var judgement = await Judge(server).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement.Score, Is.EqualTo(0.75));
        Assert.That(judgement.Correct, Is.True);
    }

    [Test]
    public async Task Llm_judge_asks_again_once_after_a_malformed_answer_stating_the_problem()
    {
        await using var server = new FakeOpenAIServer().Answer("The output looks fine to me.").Answer(GoodAnswer);

        var judgement = await Judge(server).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement.Score, Is.EqualTo(0.75));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        var retry = server.LastMessages();
        Assert.That(retry[^2], Is.EqualTo(new OfflineMessage("assistant", "The output looks fine to me.")));
        Assert.That(retry[^1].Text, Does.Contain("could not be used").And.Contain("no readable JSON object"));
    }

    [Test]
    public async Task Llm_judge_throws_a_clear_error_naming_the_example_after_two_malformed_answers()
    {
        await using var server = new FakeOpenAIServer().Answer("I cannot decide.").Answer("""{"score": "high"}""");

        var error = Assert.ThrowsAsync<JudgeAnswerException>(async () => await Judge(server).JudgeAsync(s_capital, "Paris", CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("'capital-1'").And.Contain("2 answers").And.Contain("\"score\" must be a number from 0 to 1; it was \"high\""));
        Assert.That(error.ExampleId, Is.EqualTo("capital-1"));
        Assert.That(error.Answer, Is.EqualTo("""{"score": "high"}"""));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Llm_judge_sends_back_a_score_out_of_range()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"score": 8, "critique": "Good.", "correct": true}""")
            .Answer("""{"score": 0.8, "critique": "Good.", "correct": true}""");

        var judgement = await Judge(server).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement, Is.EqualTo(new Judgement(0.8, "Good.", Correct: true)));
        Assert.That(server.LastMessages()[^1].Text, Does.Contain("\"score\" must be from 0 to 1; it was 8."));
    }

    [Test]
    public async Task Llm_judge_counts_the_tokens_of_every_request()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("not json", promptTokens: 100, completionTokens: 10)
            .Answer(GoodAnswer, promptTokens: 150, completionTokens: 20)
            .Answer(GoodAnswer, promptTokens: 90, completionTokens: 5);
        var guide = Judge(server);

        await guide.JudgeAsync(s_capital, "Paris", CancellationToken.None);
        await guide.JudgeAsync(s_capital, "Lyon", CancellationToken.None);

        Assert.That(guide.Usage.InputTokenCount, Is.EqualTo(340));
        Assert.That(guide.Usage.OutputTokenCount, Is.EqualTo(35));
    }

    [Test]
    public async Task Llm_judge_retries_a_failed_request_like_the_optimizers()
    {
        await using var server = new FakeOpenAIServer().Fail(503, "busy").Answer(GoodAnswer);

        var judgement = await Judge(server).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement.Score, Is.EqualTo(0.75));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    public sealed record Order(string Item, int Count);
}
