using Microsoft.Extensions.AI;

namespace Opto.Training;

// The counter of the asynchronous flow a rollout's agent or guide runs in; responses outside any are not counted.
// A flow set inside an async method is the caller's again when that method returns.
internal static class UsageFlow
{
    private static readonly AsyncLocal<UsageCounter?> s_current = new();

    public static void Add(UsageDetails usage) => s_current.Value?.Add(usage);

    // Counts this flow's model calls from now on, on a counter of its own.
    public static UsageCounter Begin() => s_current.Value = new UsageCounter();

    public static void End() => s_current.Value = null;
}

internal sealed class UsageCounter
{
    private readonly Lock _lock = new();
    private readonly UsageDetails _total = new();

    public UsageDetails Total
    {
        get
        {
            lock (_lock) return Opto.Optimizers.Tokens.Sum([_total]);
        }
    }

    public void Add(UsageDetails usage)
    {
        lock (_lock) _total.Add(usage);
    }
}
