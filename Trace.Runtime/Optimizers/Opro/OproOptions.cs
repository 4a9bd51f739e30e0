namespace Opto.Optimizers;

/// <summary>Settings of <see cref="Opro"/>.</summary>
public sealed class OproOptions : OptimizerOptions
{
    /// <summary>The default objective of OPRO.</summary>
    public new const string DefaultObjective =
        "Propose new values for #Variables that differ from every solution in #Solutions and score higher than all of them.";

    /// <summary>Creates the settings, with OPRO's objective.</summary>
    public OproOptions() => Objective = DefaultObjective;

    /// <summary>
    /// How many solutions (values and their score) the prompt shows: the best ones, from the lowest score to the highest, as
    /// the OPRO method prescribes. Default 20.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int HistorySize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 20;
}
