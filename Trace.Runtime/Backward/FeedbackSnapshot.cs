using System.Collections;

namespace Opto.Backward;

/// <summary>
/// The first <c>count</c> feedback entries of a parameter's array, which never change once written: a snapshot without a copy.
/// </summary>
internal sealed class FeedbackSnapshot(FeedbackEntry[] entries, int count) : IReadOnlyList<FeedbackEntry>
{
    public int Count => count;

    public FeedbackEntry this[int index] => (uint)index < (uint)count ? entries[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<FeedbackEntry> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return entries[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
