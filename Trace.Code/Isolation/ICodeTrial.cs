namespace Opto.Code.Isolation;

/// <summary>
/// What an <see cref="IsolatedCodeRunner"/> runs in its worker process once the candidate code is in place: typically one
/// rollout of the agent on an example, scored. The class needs a public parameterless constructor; a new instance runs
/// each trial. Its input and output cross the process boundary as JSON (System.Text.Json, public fields included).
/// </summary>
/// <typeparam name="TInput">What the trial is given, such as an example.</typeparam>
/// <typeparam name="TOutput">What it returns, such as a score.</typeparam>
public interface ICodeTrial<TInput, TOutput>
{
    /// <summary>Runs the trial with the candidate code installed.</summary>
    /// <param name="input">The input sent by the host.</param>
    /// <param name="cancellationToken">Signalled when the host gives up on the trial.</param>
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
