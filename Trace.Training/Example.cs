namespace Opto.Training;

/// <summary>One example of a dataset: an input for the agent and, when known, the output it should give.</summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is (a label, a reference answer).</typeparam>
/// <param name="Input">The agent's input.</param>
/// <param name="Expected">The expected output, for guides that compare against it.</param>
/// <param name="Id">A name for the example in results and errors; by default its position in the dataset.</param>
public sealed record Example<TInput, TExpected>(TInput Input, TExpected Expected, string? Id = null);
