using System.Runtime.CompilerServices;

namespace Trace.Benchmarks;

/// <summary>
/// What recording a chain of N calls costs at the least with one object per node, none of the library's code involved:
/// per call, the call's own new two-character result (as <see cref="ChainAgent.Step"/> makes), a 64-byte node linked to
/// the previous one and holding that value, stored in chunks of 1,024, and an 8-byte slot in an open-addressing map from
/// value to node. Printed as <see cref="RecordingGc"/> prints the real recording, to compare the two.
/// </summary>
public static class RecordingFloor
{
    private const int ChunkSize = 1_024;

    // The last recording stays alive through the next, as the library keeps the last ended scope's graph for backward:
    // the collector then works on the same heap in both.
    private static object? s_last;

    public static int Run(string[] sizes)
    {
        foreach (var n in sizes.Length == 0 ? [1_000_000] : sizes.Select(int.Parse))
        {
            RecordingRounds.Print($"floor N={n}", n, () =>
            {
                s_last = Record(n);
                return "";
            });
        }

        return 0;
    }

    private static object Record(int calls)
    {
        var chunks = new List<MinimalNode[]>();
        var slots = new long[16];
        MinimalNode? previous = null;
        for (var i = 0; i < calls; i++)
        {
            if (i % ChunkSize == 0) chunks.Add(new MinimalNode[ChunkSize]);
            var value = string.Concat("s".AsSpan(), ".");
            var node = new MinimalNode(previous, value, i);
            chunks[^1][i % ChunkSize] = node;
            if ((i + 1) * 2 > slots.Length) slots = Grown(slots);
            Insert(slots, RuntimeHelpers.GetHashCode(value), i);
            previous = node;
        }

        return (chunks, slots);
    }

    private static void Insert(long[] slots, int hash, int position)
    {
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = ((long)(position + 1) << 32) | (uint)hash;
    }

    private static long[] Grown(long[] old)
    {
        var slots = new long[old.Length * 2];
        foreach (var slot in old)
        {
            if (slot != 0) Insert(slots, (int)slot, (int)(slot >> 32) - 1);
        }

        return slots;
    }

    // The size of a call's node in the library (64 bytes): a parent, a value, an operator, dependencies, two numbers.
    private sealed class MinimalNode(MinimalNode? parent, object value, int ordinal)
    {
        public MinimalNode? Parent { get; } = parent;

        public object Value { get; } = value;

        public object? Operator { get; }

        public object? Dependencies { get; }

        public object? Spare { get; }

        public int Ordinal { get; } = ordinal;

        public int Index { get; } = ordinal;
    }
}
