using Opto.Training;
using Opto.Training.Remote;
using Orleans.Runtime.Placement;

namespace Opto.Orleans;

/// <summary>
/// Runs a trainer's rollouts on an Orleans cluster: each rollout is a call of a new <see cref="IRolloutGrain"/>, placed
/// on the active silos in turn (a placement hint), and its reply's graph is rebuilt on the trainer's parameters. A call
/// that fails (its silo died, the connection broke) is sent again, to the next silo of a list read afresh, up to
/// <see cref="RemoteRolloutExecutor.MaxAttempts"/> times.
/// </summary>
/// <remarks>
/// Every silo registers the same agent under the same name (<see cref="OptoOrleansServiceCollectionExtensions.AddOptoRolloutHost"/>).
/// The trainer may run in a silo or in a cluster client: pass its <see cref="IGrainFactory"/> (an <c>IClusterClient</c> is one).
/// </remarks>
public sealed class OrleansRolloutExecutor : RemoteRolloutExecutor
{
    private static readonly TimeSpan s_silosLifetime = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private SiloAddress[] _silos = [];
    private DateTime _silosReadAt = DateTime.MinValue;
    private long _next;

    /// <summary>Creates the executor.</summary>
    /// <param name="grains">The cluster's grain factory (an <c>IClusterClient</c>, or a silo's <see cref="IGrainFactory"/>).</param>
    /// <param name="agent">The name the agent is registered under on the silos.</param>
    /// <param name="maxParallelism">How many rollouts are out at the same time; at least 1.</param>
    public OrleansRolloutExecutor(IGrainFactory grains, string agent, int maxParallelism)
        : base(agent, maxParallelism)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
    }

    /// <inheritdoc />
    protected override async Task<RolloutReply> SendAsync(RolloutRequest request, RolloutSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        // The values a silo asked for go to the same grain, on that silo.
        if (send is { ToSameTarget: true, Target: Guid same })
        {
            return RolloutJson.ReadReply(await _grains.GetGrain<IRolloutGrain>(same).RunAsync(RolloutJson.Write(request), cancellationToken).ConfigureAwait(false));
        }

        var silos = await SilosAsync(fresh: send.Attempt > 1).ConfigureAwait(false);
        // Each silo in turn: an even share for each, where placing at random leaves some with more than others.
        if (silos.Length > 0) RequestContext.Set(IPlacementDirector.PlacementHintKey, silos[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)silos.Length)]);
        try
        {
            var key = Guid.NewGuid();
            send.Target = key;
            var grain = _grains.GetGrain<IRolloutGrain>(key);
            return RolloutJson.ReadReply(await grain.RunAsync(RolloutJson.Write(request), cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    // The active silos, read again every few seconds and after a failure (a silo the cluster has declared dead drops out).
    private async Task<SiloAddress[]> SilosAsync(bool fresh)
    {
        if (!fresh && DateTime.UtcNow - _silosReadAt < s_silosLifetime) return _silos;
        await _refresh.WaitAsync().ConfigureAwait(false);
        try
        {
            if (fresh || DateTime.UtcNow - _silosReadAt >= s_silosLifetime)
            {
                var hosts = await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
                _silos = [.. hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal)];
                _silosReadAt = DateTime.UtcNow;
            }

            return _silos;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
