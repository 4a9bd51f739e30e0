namespace Opto.Optimizers;

/// <summary>The variables and the feedback they got in the last few steps, oldest first, for the next prompts.</summary>
internal sealed class StepMemory
{
    private readonly Queue<(string Variables, string Feedback)> _entries = new();
    private readonly Lock _lock = new();

    /// <summary>Adds an entry, then drops the oldest ones beyond <paramref name="capacity"/>.</summary>
    public void Remember((string Variables, string Feedback) entry, int capacity)
    {
        lock (_lock)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > capacity) _entries.Dequeue();
        }
    }

    /// <summary>Replaces every entry (a resumed run's memory).</summary>
    public void Replace(IEnumerable<(string Variables, string Feedback)> entries)
    {
        lock (_lock)
        {
            _entries.Clear();
            foreach (var entry in entries) _entries.Enqueue(entry);
        }
    }

    /// <summary>The newest <paramref name="capacity"/> entries, oldest first (the capacity may have been lowered since they were added).</summary>
    public (string Variables, string Feedback)[] Snapshot(int capacity)
    {
        lock (_lock) return [.. _entries.Skip(Math.Max(0, _entries.Count - Math.Max(0, capacity)))];
    }
}
