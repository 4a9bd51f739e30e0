namespace Opto.Training;

/// <summary>A run store holds another run than the one being started: the message lists every difference.</summary>
public sealed class RunMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What differs, every difference.</param>
    /// <param name="differences">Each difference on its own.</param>
    public RunMismatchException(string message, IReadOnlyList<string> differences)
        : base(message) => Differences = differences;

    /// <summary>Each difference on its own.</summary>
    public IReadOnlyList<string> Differences { get; }
}
