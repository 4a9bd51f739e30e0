using Opto.Training;

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
}
