namespace Opto.Backward;

/// <summary>That a backward pass reached a parameter, at a position of its ancestry.</summary>
internal readonly record struct FeedbackMark(BackwardPass Pass, int Position);

/// <summary>
/// The marks a parameter holds, read without copying: the first, then the others from an array whose first
/// <c>count - 1</c> items never change.
/// </summary>
internal readonly struct FeedbackMarks(FeedbackMark first, FeedbackMark[] more, int count)
{
    public int Count => count;

    public FeedbackMark this[int index] => (uint)index >= (uint)count ? throw new ArgumentOutOfRangeException(nameof(index)) : index == 0 ? first : more[index - 1];
}
