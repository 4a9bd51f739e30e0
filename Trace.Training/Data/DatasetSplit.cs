namespace Opto.Training;

/// <summary>A dataset split into disjoint parts: each example is in exactly one of them.</summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is.</typeparam>
/// <param name="Train">The examples to train on; never empty.</param>
/// <param name="Validation">The examples to choose the best parameters with.</param>
/// <param name="Test">The examples held back for a final measure.</param>
public sealed record DatasetSplit<TInput, TExpected>(
    Dataset<TInput, TExpected> Train,
    Dataset<TInput, TExpected> Validation,
    Dataset<TInput, TExpected> Test);
