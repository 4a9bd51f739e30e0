namespace Opto.Training;

/// <summary>Creates datasets from examples in memory, from an asynchronous source, or from a file.</summary>
public static partial class Dataset
{
    /// <summary>A dataset of <paramref name="examples"/>, in their order.</summary>
    /// <typeparam name="TInput">What the agent is given.</typeparam>
    /// <typeparam name="TExpected">What a correct answer is.</typeparam>
    /// <param name="examples">The examples; one without an id is named by its position ("#0", "#1", ...).</param>
    /// <returns>The dataset.</returns>
    public static Dataset<TInput, TExpected> From<TInput, TExpected>(IEnumerable<Example<TInput, TExpected>> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return new Dataset<TInput, TExpected>(examples);
    }

    /// <summary>A dataset of the examples <paramref name="examples"/> yields, in their order.</summary>
    /// <typeparam name="TInput">What the agent is given.</typeparam>
    /// <typeparam name="TExpected">What a correct answer is.</typeparam>
    /// <param name="examples">The source, read to its end; an example without an id is named by its position.</param>
    /// <param name="cancellationToken">Stops reading the source.</param>
    /// <returns>The dataset.</returns>
    public static async Task<Dataset<TInput, TExpected>> FromAsync<TInput, TExpected>(
        IAsyncEnumerable<Example<TInput, TExpected>> examples,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var read = new List<Example<TInput, TExpected>>();
        await foreach (var example in examples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            read.Add(example);
        }
        return new Dataset<TInput, TExpected>(read);
    }
}
