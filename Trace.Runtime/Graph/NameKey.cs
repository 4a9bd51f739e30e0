using System.Collections.Concurrent;

namespace Opto;

/// <summary>A base name for nodes (<c>reply</c>, <c>customer</c>) with a process-wide id that indexes a graph's counters.</summary>
internal readonly record struct NameKey(string Text, int Id)
{
    private static readonly ConcurrentDictionary<string, NameKey> s_keys = new(StringComparer.Ordinal);
    private static int s_next = -1;

    public static NameKey For(string text) =>
        s_keys.GetOrAdd(text, static t => new NameKey(t, Interlocked.Increment(ref s_next)));
}
