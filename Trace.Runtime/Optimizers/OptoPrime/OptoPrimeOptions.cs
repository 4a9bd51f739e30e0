namespace Opto.Optimizers;

/// <summary>Settings of <see cref="OptoPrime"/>.</summary>
public class OptoPrimeOptions : OptimizerOptions
{
    /// <summary>How many past steps (variables and the feedback they got) to show the model. Default 0: none.</summary>
    public int MemorySize { get; set; }

    /// <summary>Whether to show a worked example before the problem. Default false.</summary>
    public bool IncludeExample { get; set; }

    /// <summary>The worked example; <see langword="null"/> uses the built-in one.</summary>
    public OptoPrimeExample? Example { get; set; }

    /// <summary>Sections to leave out of the problem (Python Trace's mask).</summary>
    public ProblemSections HiddenSections { get; set; }
}
