using Opto.Training.Remote;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Opto.Orleans;

/// <summary>
/// The silo's side of a rollout: the <see cref="RolloutHost"/> the application registered runs it. Placed where the
/// executor's placement hint says (each silo in turn), else at random; reentrant, so one activation serves several
/// rollouts at once.
/// </summary>
/// <param name="host">The silo's rollout host (<see cref="OptoOrleansServiceCollectionExtensions.AddOptoRolloutHost"/>).</param>
[RandomPlacement]
[Reentrant]
public sealed class RolloutGrain(RolloutHost host) : Grain, IRolloutGrain
{
    /// <inheritdoc />
    public async Task<string> RunAsync(string request, CancellationToken cancellationToken)
    {
        var reply = await host.RunAsync(RolloutJson.ReadRequest(request), cancellationToken);
        // The silo's identity says where it ran: several silos may share a machine and a process.
        return RolloutJson.Write(reply with { RanOn = RuntimeIdentity });
    }
}
