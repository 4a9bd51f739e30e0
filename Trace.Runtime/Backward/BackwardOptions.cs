namespace Opto.Backward;

/// <summary>How a backward pass treats feedback that reaches no trainable parameter.</summary>
/// <remarks>
/// Such feedback is always reported: <see cref="BackwardResult.ReachedNothing"/> is <see langword="true"/>,
/// <see cref="BackwardResult.Explanation"/> says why it may have happened, and a warning is logged through
/// <see cref="TraceLogging.LoggerFactory"/>. With <see cref="ThrowWhenNothingReached"/> it is an error instead.
/// </remarks>
public sealed record BackwardOptions
{
    /// <summary>The options used when none are given: report, do not throw.</summary>
    public static BackwardOptions Default { get; } = new();

    /// <summary>
    /// Throw <see cref="FeedbackReachedNothingException"/> when the feedback reaches no trainable parameter, rather than
    /// only reporting it. Useful in tests and training loops, where such feedback is always a wiring mistake.
    /// </summary>
    public bool ThrowWhenNothingReached { get; init; }
}
