namespace Opto.Training.Remote;

// The parameter values a host was sent, by version: the last few, so a trainer sends each version once per host.
internal sealed class ParameterCache
{
    private const int Capacity = 16;
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Version, string Values)> _entries = new();

    public void Keep(string version, string values)
    {
        lock (_lock)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Version != version) continue;
                _entries.Remove(node);
                break;
            }

            _entries.AddFirst((version, values));
            if (_entries.Count > Capacity) _entries.RemoveLast();
        }
    }

    public string? Find(string version)
    {
        lock (_lock)
        {
            foreach (var (kept, values) in _entries)
            {
                if (kept == version) return values;
            }

            return null;
        }
    }
}
