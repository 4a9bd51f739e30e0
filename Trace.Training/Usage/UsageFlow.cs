using Microsoft.Extensions.AI;

namespace Opto.Training;

// The counter of the asynchronous flow a rollout's agent or guide runs in; responses outside any are not counted.
// A flow set inside an async method is the caller's again when that method returns.
internal static class UsageFlow
{
    private static readonly AsyncLocal<UsageCounter?> s_current = new();

    public static void Add(UsageDetails usage, string? model) => s_current.Value?.Add(usage, model);

    // Counts this flow's model calls from now on, on a counter of its own.
    public static UsageCounter Begin() => s_current.Value = new UsageCounter();

    public static void End() => s_current.Value = null;
}

internal sealed class UsageCounter
{
    private readonly Lock _lock = new();
    private readonly UsageDetails _total = new();
    private readonly Dictionary<string, UsageDetails> _byModel = new(StringComparer.Ordinal);

    public UsageDetails Total
    {
        get
        {
            lock (_lock) return Opto.Optimizers.Tokens.Sum([_total]);
        }
    }

    public IReadOnlyDictionary<string, UsageDetails> ByModel
    {
        get
        {
            lock (_lock) return _byModel.ToDictionary(m => m.Key, m => Opto.Optimizers.Tokens.Sum([m.Value]), StringComparer.Ordinal);
        }
    }

    public void Add(UsageDetails usage, string? model)
    {
        lock (_lock)
        {
            _total.Add(usage);
            var key = TrainingUsage.ModelKey(model);
            if (!_byModel.TryGetValue(key, out var counted)) _byModel[key] = counted = new UsageDetails();
            counted.Add(usage);
        }
    }
}
