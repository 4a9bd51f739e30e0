using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Opto.Training;

/// <summary>How an <see cref="EvaluatorGuide{TInput, TExpected, TOutput}"/> shows an example to its evaluator and reads the result.</summary>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The example's expected-output type.</typeparam>
/// <typeparam name="TOutput">The agent's output type.</typeparam>
public sealed record EvaluatorGuideOptions<TInput, TExpected, TOutput>
{
    /// <summary>The conversation the output answers. Default: one user message with the input's text (JSON for objects).</summary>
    public Func<Example<TInput, TExpected>, IEnumerable<ChatMessage>>? Conversation { get; init; }

    /// <summary>The response the evaluator judges. Default: one assistant message with the output's text (JSON for objects).</summary>
    public Func<Example<TInput, TExpected>, TOutput, ChatResponse>? Response { get; init; }

    /// <summary>The additional contexts the evaluator needs for an example (a reference answer, the retrieved documents). Default: none.</summary>
    public Func<Example<TInput, TExpected>, IEnumerable<EvaluationContext>>? Context { get; init; }

    /// <summary>
    /// A metric's score from 0 to 1, or <see langword="null"/> to leave the metric out of the score. Default: a
    /// <see cref="NumericMetric"/>'s value mapped from <see cref="ScaleMin"/>..<see cref="ScaleMax"/> to 0..1 (clamped),
    /// a <see cref="BooleanMetric"/> 1 when true and 0 when false; other metrics and metrics without a value are left out.
    /// </summary>
    public Func<EvaluationMetric, double?>? MetricScore { get; init; }

    /// <summary>The lowest value of a <see cref="NumericMetric"/>, scored 0. Default 1 (the built-in quality evaluators rate 1 to 5).</summary>
    public double ScaleMin { get; init; } = 1;

    /// <summary>The highest value of a <see cref="NumericMetric"/>, scored 1. Default 5.</summary>
    public double ScaleMax { get; init; } = 5;

    /// <summary>
    /// The lowest score counted correct when no metric has an interpretation that says pass or fail. Default 0.75: a
    /// 4 of 5, the passing value of the built-in quality evaluators.
    /// </summary>
    public double CorrectScore { get; init; } = 0.75;
}
