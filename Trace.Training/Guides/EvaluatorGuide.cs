using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Opto.Training;

/// <summary>
/// Makes a Microsoft.Extensions.AI.Evaluation <see cref="IEvaluator"/> a guide: the example becomes the conversation,
/// the output the response, and the evaluator's metrics the judgement.
/// </summary>
/// <remarks>
/// <para>
/// The score is the mean of the metrics' scores (<see cref="EvaluatorGuideOptions{TInput, TExpected, TOutput}.MetricScore"/>).
/// The output is correct when no metric's <see cref="EvaluationMetric.Interpretation"/> is failed or rated
/// <see cref="EvaluationRating.Unacceptable"/> or <see cref="EvaluationRating.Poor"/>; when no metric has an
/// interpretation that says anything (all missing, unknown or inconclusive), when the score is at least
/// <see cref="EvaluatorGuideOptions{TInput, TExpected, TOutput}.CorrectScore"/>. Without any metric to score, the
/// score is 1 when correct and 0 otherwise.
/// </para>
/// <para>
/// The feedback has a line per metric (name, value, rating, reason) and the metric's error and warning diagnostics;
/// a metric left out of the score says so. A result where every metric has an error and no value, or where nothing
/// can be scored or interpreted, throws <see cref="InvalidOperationException"/> naming the example and the errors.
/// </para>
/// </remarks>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The example's expected-output type.</typeparam>
/// <typeparam name="TOutput">The agent's output type.</typeparam>
public sealed class EvaluatorGuide<TInput, TExpected, TOutput> : IGuide<TInput, TExpected, TOutput>
{
    private readonly ChatConfiguration? _chatConfiguration;
    private readonly EvaluatorGuideOptions<TInput, TExpected, TOutput> _options;

    /// <summary>Creates the guide.</summary>
    /// <param name="evaluator">The evaluator that judges each output.</param>
    /// <param name="chatConfiguration">
    /// The model for evaluators that call one; its client is wrapped so a trainer counts its tokens as the guide's.
    /// None by default.
    /// </param>
    /// <param name="options">How examples are shown and results read; default <see cref="EvaluatorGuideOptions{TInput, TExpected, TOutput}"/>.</param>
    public EvaluatorGuide(IEvaluator evaluator, ChatConfiguration? chatConfiguration = null, EvaluatorGuideOptions<TInput, TExpected, TOutput>? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        _options = options ?? new EvaluatorGuideOptions<TInput, TExpected, TOutput>();
        if (!double.IsFinite(_options.ScaleMin) || !double.IsFinite(_options.ScaleMax) || _options.ScaleMax <= _options.ScaleMin)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The scale must go up: {_options.ScaleMin} to {_options.ScaleMax}.");
        }

        if (!double.IsFinite(_options.CorrectScore)) throw new ArgumentOutOfRangeException(nameof(options), "The correct score must be a number.");

        Evaluator = evaluator;
        _chatConfiguration = chatConfiguration is null ? null : new ChatConfiguration(UsageCountingChatClient.Wrap(chatConfiguration.ChatClient));
    }

    /// <summary>The evaluator that judges each output.</summary>
    public IEvaluator Evaluator { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Every metric failed with an error, or the result has nothing to score.</exception>
    public async ValueTask<Judgement> JudgeAsync(Example<TInput, TExpected> example, TOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        var messages = _options.Conversation?.Invoke(example) ?? [new ChatMessage(ChatRole.User, JudgeValueText.Format(example.Input))];
        var response = _options.Response?.Invoke(example, output) ?? new ChatResponse(new ChatMessage(ChatRole.Assistant, JudgeValueText.Format(output)));
        var context = _options.Context?.Invoke(example);

        var result = await Evaluator.EvaluateAsync(messages, response, _chatConfiguration, context, cancellationToken).ConfigureAwait(false);
        var (judgement, problem) = EvaluationReader.Read(result, _options.MetricScore ?? DefaultScore, _options.CorrectScore);
        return judgement ?? throw new InvalidOperationException($"The evaluator could not judge example {Name(example)}: {problem}");
    }

    private double? DefaultScore(EvaluationMetric metric) => metric switch
    {
        NumericMetric { Value: { } value } => Math.Clamp((value - _options.ScaleMin) / (_options.ScaleMax - _options.ScaleMin), 0, 1),
        BooleanMetric { Value: { } value } => value ? 1 : 0,
        _ => null,
    };

    private static string Name(Example<TInput, TExpected> example) =>
        example.Id is { } id ? $"'{id}'" : $"with input '{ValueText.Format(example.Input, 80)}'";
}
