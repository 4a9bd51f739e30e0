using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Collections and tuples a traced call is given or returns whose elements cannot, or must not, be read.</summary>
public class Unreadables
{
    [Traced]
    public int CountOrZero(ImmutableArray<string> items) => items.IsDefault ? 0 : items.Length;

    [Traced]
    public IEnumerable<string> Shouted(IEnumerable<string> items) => items.Select(item => item + "!");

    [Traced]
    public ImmutableArray<string> NoneYet() => default;

    [Traced]
    public IEnumerable<string> SegmentOf(string[]? items) => items is null ? default(ArraySegment<string>) : new ArraySegment<string>(items);

    [Traced]
    public CountingPair MakePair() => new();

    [Traced]
    public List<string> Same(List<string> items) => items;
}

/// <summary>A tuple of the program's own, whose items are computed when read.</summary>
public sealed class CountingPair : ITuple
{
    public int Reads { get; private set; }

    public int Length => 2;

    public object? this[int index]
    {
        get
        {
            Reads++;
            return index == 0 ? "first" : throw new InvalidOperationException("the second item is not ready");
        }
    }
}
