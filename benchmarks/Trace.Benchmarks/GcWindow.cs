using System.Diagnostics;

namespace Trace.Benchmarks;

/// <summary>What a stretch of code cost, from <see cref="Start"/> to <see cref="Stop"/>: time, bytes allocated, GC pause and collections per generation.</summary>
internal sealed class GcWindow
{
    private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    private readonly TimeSpan _pauseBefore = GC.GetTotalPauseDuration();
    private readonly int[] _collectionsBefore = Counts();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int[] _collectionsAfter = [];

    private GcWindow()
    {
    }

    public TimeSpan Elapsed => _watch.Elapsed;

    public long Allocated { get; private set; }

    public TimeSpan Pause { get; private set; }

    /// <summary>Collections per generation, as "gen0 N, gen1 N, gen2 N".</summary>
    public string Collections => string.Join(", ", _collectionsAfter.Select((after, generation) => $"gen{generation} {after - _collectionsBefore[generation]}"));

    public static GcWindow Start() => new();

    /// <summary>Stops the clock and reads the other figures at once, before anything prints them.</summary>
    public void Stop()
    {
        _watch.Stop();
        Allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
        Pause = GC.GetTotalPauseDuration() - _pauseBefore;
        _collectionsAfter = Counts();
    }

    private static int[] Counts() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
}
