namespace Opto.Training;

/// <summary>
/// Judges an output correct when a predicate holds: score 1 and feedback saying it is correct, otherwise score 0 and
/// the feedback for the incorrect output.
/// </summary>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The example's expected-output type.</typeparam>
/// <typeparam name="TOutput">The agent's output type.</typeparam>
public sealed class PredicateGuide<TInput, TExpected, TOutput> : IGuide<TInput, TExpected, TOutput>
{
    private readonly Func<Example<TInput, TExpected>, TOutput, bool> _isCorrect;
    private readonly Func<Example<TInput, TExpected>, TOutput, string> _incorrectFeedback;

    /// <summary>Creates the guide with a feedback template.</summary>
    /// <param name="isCorrect">Whether the output is correct for the example.</param>
    /// <param name="incorrectFeedback">
    /// The feedback for an incorrect output, where <c>{input}</c>, <c>{expected}</c>, <c>{output}</c> and <c>{id}</c>
    /// are replaced by the example's values.
    /// </param>
    public PredicateGuide(Func<Example<TInput, TExpected>, TOutput, bool> isCorrect, string incorrectFeedback)
    {
        ArgumentNullException.ThrowIfNull(isCorrect);
        ArgumentNullException.ThrowIfNull(incorrectFeedback);
        _isCorrect = isCorrect;
        _incorrectFeedback = (example, output) => FeedbackTemplate.Fill(incorrectFeedback, example, output);
    }

    /// <summary>Creates the guide with a function that writes the feedback.</summary>
    /// <param name="isCorrect">Whether the output is correct for the example.</param>
    /// <param name="incorrectFeedback">Writes the feedback for an incorrect output.</param>
    public PredicateGuide(Func<Example<TInput, TExpected>, TOutput, bool> isCorrect, Func<Example<TInput, TExpected>, TOutput, string> incorrectFeedback)
    {
        ArgumentNullException.ThrowIfNull(isCorrect);
        ArgumentNullException.ThrowIfNull(incorrectFeedback);
        _isCorrect = isCorrect;
        _incorrectFeedback = incorrectFeedback;
    }

    /// <inheritdoc />
    public ValueTask<Judgement> JudgeAsync(Example<TInput, TExpected> example, TOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        return ValueTask.FromResult(_isCorrect(example, output)
            ? new Judgement(1, ExactMatchGuide<TInput, TExpected>.CorrectFeedback, Correct: true)
            : new Judgement(0, _incorrectFeedback(example, output), Correct: false));
    }
}
