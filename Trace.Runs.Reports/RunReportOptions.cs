namespace Opto.Runs.Reports;

/// <summary>How <see cref="RunReport"/> writes a page.</summary>
public sealed record RunReportOptions
{
    /// <summary>Lay the graph out with Graphviz's <c>dot</c> when it is installed; otherwise, or when false, with the built-in layout. Default true.</summary>
    public bool UseGraphviz { get; init; } = true;

    /// <summary>The page's title; default "Training run" and the run's directory name.</summary>
    public string? Title { get; init; }
}
