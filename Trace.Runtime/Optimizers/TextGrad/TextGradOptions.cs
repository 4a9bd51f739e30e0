namespace Opto.Optimizers;

/// <summary>Settings of <see cref="TextGrad"/>.</summary>
public sealed class TextGradOptions : OptimizerOptions
{
    /// <summary>
    /// How many requests run at once: gradient requests of calls whose consumers are all done, and the updates of the
    /// parameters. Default 4.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxParallelism
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 4;
}
