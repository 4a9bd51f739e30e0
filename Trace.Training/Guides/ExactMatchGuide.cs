namespace Opto.Training;

/// <summary>
/// Judges an output correct when it equals the example's expected output: score 1 and feedback saying it is correct,
/// otherwise score 0 and the feedback template filled in.
/// </summary>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The expected output's type, which is also the agent's output type.</typeparam>
public sealed class ExactMatchGuide<TInput, TExpected> : IGuide<TInput, TExpected, TExpected>
{
    /// <summary>The feedback for an incorrect output unless another template is given.</summary>
    public const string DefaultIncorrectFeedback = "The output is incorrect: expected {expected}, got {output}.";

    /// <summary>The feedback for a correct output.</summary>
    public const string CorrectFeedback = "The output is correct.";

    private readonly IEqualityComparer<TExpected> _comparer;
    private readonly string _incorrectFeedback;

    /// <summary>Creates the guide.</summary>
    /// <param name="comparer">How outputs are compared; by default <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <param name="incorrectFeedback">
    /// The feedback for an incorrect output, where <c>{input}</c>, <c>{expected}</c>, <c>{output}</c> and <c>{id}</c>
    /// are replaced by the example's values; by default <see cref="DefaultIncorrectFeedback"/>.
    /// </param>
    public ExactMatchGuide(IEqualityComparer<TExpected>? comparer = null, string? incorrectFeedback = null)
    {
        _comparer = comparer ?? EqualityComparer<TExpected>.Default;
        _incorrectFeedback = incorrectFeedback ?? DefaultIncorrectFeedback;
    }

    /// <inheritdoc />
    public ValueTask<Judgement> JudgeAsync(Example<TInput, TExpected> example, TExpected output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        return ValueTask.FromResult(_comparer.Equals(example.Expected, output)
            ? new Judgement(1, CorrectFeedback, Correct: true)
            : new Judgement(0, FeedbackTemplate.Fill(_incorrectFeedback, example, output), Correct: false));
    }
}
