using Opto.Training.Remote;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Opto.Orleans;

/// <summary>
/// The silo's side of a rollout: the <see cref="RolloutHost"/> the application registered runs it. Placed at random,
/// so rollouts spread over the silos; reentrant, so one activation serves several rollouts at once.
/// </summary>
/// <param name="host">The silo's rollout host (<see cref="OptoOrleansServiceCollectionExtensions.AddOptoRolloutHost"/>).</param>
[ActivationCountBasedPlacement]
[Reentrant]
public sealed class RolloutGrain(RolloutHost host) : Grain, IRolloutGrain
{
    /// <inheritdoc />
    public async Task<string> RunAsync(string request, CancellationToken cancellationToken)
    {
        var reply = await host.RunAsync(RolloutJson.ReadRequest(request), cancellationToken);
        // Each call is a grain of its own: gone once it has answered, not kept until idle collection.
        DeactivateOnIdle();
        // The silo's identity says where it ran: several silos may share a machine and a process.
        return RolloutJson.Write(reply with { RanOn = RuntimeIdentity });
    }
}
