using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Opto.Optimizers;
using Opto.Training;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests.Training;

public class EvaluatorGuideTests
{
    private static readonly Example<string, string> s_capital = new("Capital of France?", "Paris", "capital-1");

    [Test]
    public async Task A_numeric_metric_on_the_one_to_five_scale_is_scored_from_zero_to_one_and_its_interpretation_decides_correctness()
    {
        var guide = new EvaluatorGuide<string, string, string>(new LengthEvaluator());

        var terse = await guide.JudgeAsync(s_capital, "Paris", CancellationToken.None);
        var full = await guide.JudgeAsync(s_capital, "The capital of France is Paris.", CancellationToken.None);

        Assert.That((terse.Score, terse.Correct), Is.EqualTo((0.0, false)));
        Assert.That(terse.Feedback, Is.EqualTo("Words: 1 (Unacceptable, failed) — 1 word(s). Fewer than 3 words."));
        Assert.That((full.Score, full.Correct), Is.EqualTo((1.0, true)));
        Assert.That(full.Feedback, Is.EqualTo("Words: 5 (Exceptional) — 6 word(s)."));
    }

    [Test]
    public async Task The_example_becomes_a_user_message_and_the_output_an_assistant_response_by_default()
    {
        var evaluator = new LengthEvaluator();

        await new EvaluatorGuide<Order, string, Order>(evaluator).JudgeAsync(new Example<Order, string>(new Order("apple", 2), "ok"), new Order("pear", 3), CancellationToken.None);

        var message = evaluator.Messages.Single();
        Assert.That(message.Role, Is.EqualTo(ChatRole.User));
        Assert.That(message.Text, Does.Contain("\"Item\": \"apple\"").And.Contain("\"Count\": 2"));
        Assert.That(evaluator.Response!.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(evaluator.Response.Text, Does.Contain("\"Item\": \"pear\"").And.Contain("\"Count\": 3"));
    }

    [Test]
    public async Task A_boolean_metric_without_interpretation_scores_one_or_zero_and_the_context_reaches_the_evaluator()
    {
        var guide = new EvaluatorGuide<string, string, string>(new MentionsEvaluator(), options: new()
        {
            Context = example => [new ReferenceContext(example.Expected)],
        });

        var right = await guide.JudgeAsync(s_capital, "It is Paris.", CancellationToken.None);
        var wrong = await guide.JudgeAsync(s_capital, "It is Lyon.", CancellationToken.None);

        Assert.That(right, Is.EqualTo(new Judgement(1, "Mentions: true — Mentions 'Paris'.", Correct: true)));
        Assert.That(wrong, Is.EqualTo(new Judgement(0, "Mentions: false — Does not mention 'Paris'.", Correct: false)));
    }

    [Test]
    public async Task Without_interpretations_the_score_is_the_mean_of_the_scored_metrics_and_correct_from_three_quarters()
    {
        var evaluator = new FixedEvaluator(new NumericMetric("Fluency", 4), new BooleanMetric("Safe", false), new StringMetric("Tone", "formal"));

        var judgement = await new EvaluatorGuide<string, string, string>(evaluator).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement.Score, Is.EqualTo(0.375));
        Assert.That(judgement.Correct, Is.False);
        Assert.That(judgement.Feedback, Is.EqualTo("Fluency: 4\nSafe: false\nTone: \"formal\" (not scored)"));
    }

    [Test]
    public async Task The_numeric_scale_and_the_correct_score_can_be_set()
    {
        var evaluator = new FixedEvaluator(new NumericMetric("Points", 7));
        var strict = new EvaluatorGuide<string, string, string>(evaluator, options: new() { ScaleMin = 0, ScaleMax = 10, CorrectScore = 0.8 });
        var lenient = new EvaluatorGuide<string, string, string>(evaluator, options: new() { ScaleMin = 0, ScaleMax = 10, CorrectScore = 0.5 });

        var judgement = await strict.JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That(judgement.Score, Is.EqualTo(0.7).Within(1e-12));
        Assert.That(judgement.Correct, Is.False);
        Assert.That((await lenient.JudgeAsync(s_capital, "Paris", CancellationToken.None)).Correct, Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EvaluatorGuide<string, string, string>(evaluator, options: new() { ScaleMin = 5, ScaleMax = 5 }));
    }

    [Test]
    public async Task A_custom_metric_score_replaces_the_default()
    {
        var evaluator = new FixedEvaluator(new StringMetric("Verdict", "pass"), new NumericMetric("Fluency", 1));
        var guide = new EvaluatorGuide<string, string, string>(evaluator, options: new()
        {
            MetricScore = metric => metric is StringMetric { Value: "pass" } ? 1 : null,
        });

        var judgement = await guide.JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That((judgement.Score, judgement.Correct), Is.EqualTo((1.0, true)));
        Assert.That(judgement.Feedback, Does.Contain("Fluency: 1 (not scored)"));
    }

    [Test]
    public async Task A_metric_that_failed_with_an_error_is_left_out_of_the_score_and_named_in_the_feedback()
    {
        var broken = new NumericMetric("Coherence", null);
        broken.AddDiagnostics(EvaluationDiagnostic.Error("The model's rating could not be parsed."));
        var evaluator = new FixedEvaluator(broken, new BooleanMetric("Safe", true));

        var judgement = await new EvaluatorGuide<string, string, string>(evaluator).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That((judgement.Score, judgement.Correct), Is.EqualTo((1.0, true)));
        Assert.That(judgement.Feedback, Does.Contain("Coherence: no value (not scored)").And.Contain("error: The model's rating could not be parsed."));
    }

    [Test]
    public void A_result_where_every_metric_failed_with_an_error_throws_naming_the_example_and_the_errors()
    {
        var guide = new EvaluatorGuide<string, string, string>(new ErrorEvaluator());

        var error = Assert.ThrowsAsync<InvalidOperationException>(async () => await guide.JudgeAsync(s_capital, "Paris", CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("'capital-1'").And.Contain("Relevance: No chat configuration was given."));
    }

    [Test]
    public async Task A_failing_interpretation_makes_the_output_incorrect_even_with_a_high_score()
    {
        var strict = new NumericMetric("Groundedness", 5) { Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Good, failed: true, reason: "Cites no source.") };

        var judgement = await new EvaluatorGuide<string, string, string>(new FixedEvaluator(strict)).JudgeAsync(s_capital, "Paris", CancellationToken.None);

        Assert.That((judgement.Score, judgement.Correct), Is.EqualTo((1.0, false)));
        Assert.That(judgement.Feedback, Is.EqualTo("Groundedness: 5 (Good, failed) — Cites no source."));
    }

    [Test]
    public async Task A_model_evaluator_inside_a_trainer_counts_its_tokens_as_the_guide_s()
    {
        await using var server = RatingModel();

        var evaluation = await EvaluateWithModelAsync(server, server.OpenAIClient());

        Assert.That(evaluation.Rollouts.Select(r => r.Judgement.Score), Is.EqualTo(new[] { 1.0, 0.25 }));
        Assert.That(evaluation.Usage.Guide.InputTokenCount, Is.EqualTo(100));
        Assert.That(evaluation.Usage.Guide.OutputTokenCount, Is.EqualTo(3));
        Assert.That(evaluation.Usage.Agent.TotalTokenCount ?? 0, Is.Zero);
        Assert.That(server.LastMessages()[^1].Text, Does.Contain("Lyon"), "the evaluator sent the agent's output to the model");
    }

    [Test]
    public async Task A_model_client_that_already_counts_usage_is_counted_once()
    {
        await using var server = RatingModel();

        var evaluation = await EvaluateWithModelAsync(server, server.OpenAIClient().AsBuilder().UseTrainingUsage().Build());

        Assert.That(evaluation.Usage.Guide.InputTokenCount, Is.EqualTo(100));
        Assert.That(evaluation.Usage.Guide.OutputTokenCount, Is.EqualTo(3));
    }

    private static FakeOpenAIServer RatingModel() => new FakeOpenAIServer()
        .Answer("5", promptTokens: 40, completionTokens: 1)
        .Answer("2", promptTokens: 60, completionTokens: 2);

    // Two rollouts, one at a time so the model's answers go in order: "good" is answered Paris, "bad" Lyon.
    private static Task<Evaluation> EvaluateWithModelAsync(FakeOpenAIServer server, IChatClient judge)
    {
        var chat = server.OpenAIClient();
        var guide = new EvaluatorGuide<string, string, string>(new ModelRatingEvaluator(), new ChatConfiguration(judge));
        var optimizer = new OptoPrime(new TicketClassifier(chat).TrainableParameters(), chat);
        var trainer = new Trainer<string, string, string>(
            (input, _) => Task.FromResult(input == "good" ? "Paris" : "Lyon"), guide, optimizer, new TrainerOptions { MaxParallelism = 1 });
        return trainer.EvaluateAsync([new("good", "Paris", "a"), new("bad", "Paris", "b")]);
    }

    public sealed record Order(string Item, int Count);

    /// <summary>Rates the response's word count: 1 word is 1, 5 or more words are 5; fewer than 3 words fail.</summary>
    private sealed class LengthEvaluator : IEvaluator
    {
        public IReadOnlyList<ChatMessage> Messages { get; private set; } = [];

        public ChatResponse? Response { get; private set; }

        public IReadOnlyCollection<string> EvaluationMetricNames => ["Words"];

        public ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            Messages = [.. messages];
            Response = modelResponse;
            var words = modelResponse.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var value = Math.Clamp(words, 1, 5);
            var rating = value switch { 1 => EvaluationRating.Unacceptable, 2 => EvaluationRating.Poor, 3 => EvaluationRating.Average, 4 => EvaluationRating.Good, _ => EvaluationRating.Exceptional };
            var metric = new NumericMetric("Words", value, $"{words} word(s).")
            {
                Interpretation = new EvaluationMetricInterpretation(rating, failed: value < 3, reason: value < 3 ? "Fewer than 3 words." : null),
            };
            return ValueTask.FromResult(new EvaluationResult(metric));
        }
    }

    private sealed class ReferenceContext(string reference) : EvaluationContext(MentionsEvaluator.ContextName, reference);

    /// <summary>Whether the response mentions the reference given as context.</summary>
    private sealed class MentionsEvaluator : IEvaluator
    {
        public const string ContextName = "Reference";

        public IReadOnlyCollection<string> EvaluationMetricNames => ["Mentions"];

        public ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            var reference = additionalContext!.Single(c => c.Name == ContextName).Contents.OfType<TextContent>().Single().Text;
            var mentions = modelResponse.Text.Contains(reference, StringComparison.Ordinal);
            return ValueTask.FromResult(new EvaluationResult(new BooleanMetric("Mentions", mentions, mentions ? $"Mentions '{reference}'." : $"Does not mention '{reference}'.")));
        }
    }

    private sealed class FixedEvaluator(params EvaluationMetric[] metrics) : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => [.. metrics.Select(m => m.Name)];

        public ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EvaluationResult(metrics));
    }

    /// <summary>Fails like the model-based evaluators do without a model: the metric has only an error.</summary>
    private sealed class ErrorEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["Relevance"];

        public ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            var metric = new NumericMetric("Relevance");
            if (chatConfiguration is null) metric.AddDiagnostics(EvaluationDiagnostic.Error("No chat configuration was given."));
            return ValueTask.FromResult(new EvaluationResult(metric));
        }
    }

    /// <summary>Asks the configured model to rate the response from 1 to 5.</summary>
    private sealed class ModelRatingEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["Rating"];

        public async ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
        {
            var prompt = $"Rate the answer from 1 to 5.\nQuestion: {messages.RenderText()}\nAnswer: {modelResponse.RenderText()}";
            var answer = await chatConfiguration!.ChatClient.GetResponseAsync(prompt, cancellationToken: cancellationToken);
            return new EvaluationResult(new NumericMetric("Rating", double.Parse(answer.Text, CultureInfo.InvariantCulture)));
        }
    }
}
