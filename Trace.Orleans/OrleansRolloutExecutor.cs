using Opto.Training;
using Opto.Training.Remote;

namespace Opto.Orleans;

/// <summary>
/// Runs a trainer's rollouts on an Orleans cluster: each rollout is a call of an <see cref="IRolloutGrain"/> placed on a
/// random silo, and its reply's graph is rebuilt on the trainer's parameters. A call that fails (its silo died, the
/// connection broke) is sent again to another grain, up to <see cref="RemoteRolloutExecutor.MaxAttempts"/> times.
/// </summary>
/// <remarks>
/// Every silo registers the same agent under the same name (<see cref="OptoOrleansServiceCollectionExtensions.AddOptoRolloutHost"/>).
/// The trainer may run in a silo or in a cluster client: pass its <see cref="IGrainFactory"/> (an <c>IClusterClient</c> is one).
/// </remarks>
public sealed class OrleansRolloutExecutor : RemoteRolloutExecutor
{
    private readonly IGrainFactory _grains;

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
    protected override async Task<RolloutReply> SendAsync(RolloutRequest request, int attempt, CancellationToken cancellationToken)
    {
        // A new grain for every call, placed afresh: a retry lands on a silo chosen again.
        var grain = _grains.GetGrain<IRolloutGrain>(Guid.NewGuid());
        return RolloutJson.ReadReply(await grain.RunAsync(RolloutJson.Write(request), cancellationToken).ConfigureAwait(false));
    }
}
