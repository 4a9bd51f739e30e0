namespace Opto.Training;

/// <summary>Judges an agent's output for an example: the score and the feedback training uses (Python Trace's Guide).</summary>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The example's expected-output type.</typeparam>
/// <typeparam name="TOutput">The agent's output type.</typeparam>
public interface IGuide<TInput, TExpected, in TOutput>
{
    /// <summary>Judges <paramref name="output"/>, the agent's answer to <paramref name="example"/>.</summary>
    /// <param name="example">The example the agent ran on.</param>
    /// <param name="output">What the agent returned.</param>
    /// <param name="cancellationToken">Cancels the judgement (an LLM judge's request).</param>
    ValueTask<Judgement> JudgeAsync(Example<TInput, TExpected> example, TOutput output, CancellationToken cancellationToken);
}
