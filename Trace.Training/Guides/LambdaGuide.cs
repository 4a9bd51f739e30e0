namespace Opto.Training;

/// <summary>A guide whose judgement is a function: the quickest way to write a custom guide.</summary>
/// <typeparam name="TInput">The example's input type.</typeparam>
/// <typeparam name="TExpected">The example's expected-output type.</typeparam>
/// <typeparam name="TOutput">The agent's output type.</typeparam>
public sealed class LambdaGuide<TInput, TExpected, TOutput> : IGuide<TInput, TExpected, TOutput>
{
    private readonly Func<Example<TInput, TExpected>, TOutput, CancellationToken, ValueTask<Judgement>> _judge;

    /// <summary>Creates the guide from an asynchronous judgement.</summary>
    /// <param name="judge">Judges an output for an example.</param>
    public LambdaGuide(Func<Example<TInput, TExpected>, TOutput, CancellationToken, ValueTask<Judgement>> judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _judge = judge;
    }

    /// <summary>Creates the guide from a synchronous judgement.</summary>
    /// <param name="judge">Judges an output for an example.</param>
    public LambdaGuide(Func<Example<TInput, TExpected>, TOutput, Judgement> judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _judge = (example, output, _) => ValueTask.FromResult(judge(example, output));
    }

    /// <inheritdoc />
    public ValueTask<Judgement> JudgeAsync(Example<TInput, TExpected> example, TOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        return _judge(example, output, cancellationToken);
    }
}
