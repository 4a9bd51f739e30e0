namespace Opto.Backward;

/// <summary>
/// Feedback reached no trainable parameter and <see cref="BackwardOptions.ThrowWhenNothingReached"/> was set.
/// The message says what the output depends on and the likely causes.
/// </summary>
public sealed class FeedbackReachedNothingException : InvalidOperationException
{
    /// <summary>Creates the exception for a backward pass that reached nothing.</summary>
    /// <param name="result">The backward pass.</param>
    public FeedbackReachedNothingException(BackwardResult result)
        : base((result ?? throw new ArgumentNullException(nameof(result))).Explanation)
    {
        Result = result;
    }

    /// <summary>The backward pass that reached nothing.</summary>
    public BackwardResult Result { get; }
}
