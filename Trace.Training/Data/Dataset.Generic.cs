using System.Collections;

namespace Opto.Training;

/// <summary>
/// An ordered, read-only collection of examples to train or validate on.
/// Every example has an <see cref="Example{TInput, TExpected}.Id"/>: one given without an id is named by its position ("#0", "#1", ...).
/// </summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is.</typeparam>
public sealed class Dataset<TInput, TExpected> : IReadOnlyList<Example<TInput, TExpected>>
{
    private readonly Example<TInput, TExpected>[] _examples;

    internal Dataset(IEnumerable<Example<TInput, TExpected>> examples)
    {
        _examples = examples.Select(NamedByPosition).ToArray();
    }

    private Dataset(Example<TInput, TExpected>[] examplesWithIds) => _examples = examplesWithIds;

    /// <summary>The number of examples.</summary>
    public int Count => _examples.Length;

    /// <summary>The example at <paramref name="index"/>.</summary>
    /// <param name="index">A position from 0 to <see cref="Count"/> - 1.</param>
    public Example<TInput, TExpected> this[int index] => _examples[index];

    /// <summary>The same examples in an order decided by <paramref name="seed"/>: the same seed gives the same order on every machine.</summary>
    /// <param name="seed">Any number; different seeds give (almost always) different orders.</param>
    /// <returns>A new dataset; the examples keep their ids.</returns>
    public Dataset<TInput, TExpected> Shuffle(int seed)
    {
        var shuffled = (Example<TInput, TExpected>[])_examples.Clone();
        new SeededRandom(seed).Shuffle(shuffled);
        return new Dataset<TInput, TExpected>(shuffled);
    }

    /// <summary>The examples in order, cut into batches of <paramref name="size"/>; the last batch may be smaller.</summary>
    /// <param name="size">The number of examples in each batch, at least 1.</param>
    /// <returns>The batches; none for an empty dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is 0 or negative.</exception>
    public IReadOnlyList<Dataset<TInput, TExpected>> Batches(int size)
    {
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A batch holds at least one example; the batch size was {size}.");
        return _examples.Chunk(size).Select(batch => new Dataset<TInput, TExpected>(batch)).ToArray();
    }

    /// <summary>
    /// Splits the examples, shuffled by <paramref name="seed"/>, into a training, a validation and a test part.
    /// Each example is in exactly one part; the same seed gives the same parts.
    /// </summary>
    /// <param name="validation">The fraction of examples to validate on, in [0, 1).</param>
    /// <param name="test">The fraction of examples to test on, in [0, 1).</param>
    /// <param name="seed">Decides which examples go where.</param>
    /// <returns>The three parts; the training part has at least one example.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside [0, 1), or the two add up to 1 or more.</exception>
    /// <exception cref="InvalidOperationException">The dataset is empty, or too small to leave an example for training.</exception>
    public DatasetSplit<TInput, TExpected> Split(double validation, double test = 0, int seed = 0)
    {
        RequireFraction(validation, nameof(validation));
        RequireFraction(test, nameof(test));
        if (validation + test >= 1)
            throw new ArgumentOutOfRangeException(nameof(test), test, $"The validation ({validation}) and test ({test}) fractions add up to {validation + test}; they must leave a fraction for training.");
        if (Count == 0)
            throw new InvalidOperationException("Cannot split an empty dataset: it has no examples to train on.");

        var validationCount = PartSize(validation);
        var testCount = PartSize(test);
        var trainCount = Count - validationCount - testCount;
        if (trainCount < 1)
            throw new InvalidOperationException($"Splitting {Count} examples into {validationCount} for validation and {testCount} for testing leaves none for training; use smaller fractions or more examples.");

        var shuffled = Shuffle(seed)._examples;
        return new DatasetSplit<TInput, TExpected>(
            Train: new Dataset<TInput, TExpected>(shuffled[(validationCount + testCount)..]),
            Validation: new Dataset<TInput, TExpected>(shuffled[..validationCount]),
            Test: new Dataset<TInput, TExpected>(shuffled[validationCount..(validationCount + testCount)]));
    }

    /// <summary>The examples in order.</summary>
    public IEnumerator<Example<TInput, TExpected>> GetEnumerator() => ((IEnumerable<Example<TInput, TExpected>>)_examples).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static Example<TInput, TExpected> NamedByPosition(Example<TInput, TExpected> example, int position)
    {
        ArgumentNullException.ThrowIfNull(example);
        return example.Id is null ? example with { Id = $"#{position}" } : example;
    }

    private static void RequireFraction(double fraction, string name)
    {
        if (!(fraction >= 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(name, fraction, $"The {name} fraction must be at least 0 and less than 1; it was {fraction}.");
    }

    // Rounded rather than truncated: 0.29 * 100 is 28.999999999999996 in floating point.
    private int PartSize(double fraction) => (int)Math.Round(Count * fraction, MidpointRounding.AwayFromZero);
}
