namespace Opto.Orleans;

/// <summary>Runs one training rollout on the silo it is placed on: the request and the reply travel as JSON text.</summary>
public interface IRolloutGrain : IGrainWithGuidKey
{
    /// <summary>Runs the rollout a serialized <see cref="Training.Remote.RolloutRequest"/> asks for.</summary>
    /// <param name="request">The request, as JSON.</param>
    /// <param name="cancellationToken">Cancels the rollout.</param>
    /// <returns>The <see cref="Training.Remote.RolloutReply"/>, as JSON.</returns>
    Task<string> RunAsync(string request, CancellationToken cancellationToken);
}
