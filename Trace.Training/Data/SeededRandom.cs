namespace Opto.Training;

/// <summary>
/// SplitMix64: a small generator whose sequence is fixed by its seed alone, so a shuffle is the same
/// on every machine and every .NET version (System.Random does not promise that).
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private ulong _state = unchecked((ulong)seed);

    public void Shuffle<T>(T[] items)
    {
        for (var last = items.Length - 1; last > 0; last--)
        {
            var chosen = NextBelow(last + 1);
            (items[last], items[chosen]) = (items[chosen], items[last]);
        }
    }

    private int NextBelow(int bound)
    {
        var range = (ulong)bound;
        // Values at or above the last whole multiple of the range are redrawn, so every result is equally likely.
        var limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong value;
        do value = NextUInt64();
        while (value >= limit);
        return (int)(value % range);
    }

    private ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
