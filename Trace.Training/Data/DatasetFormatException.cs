namespace Opto.Training;

/// <summary>A dataset file could not be read: the message names the file, the line and what is wrong there.</summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="lineNumber"/> of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file being read.</param>
    /// <param name="lineNumber">The line (counted from 1) where the problem is.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The error that revealed the problem, if any.</param>
    public DatasetFormatException(string filePath, int lineNumber, string problem, Exception? innerException = null)
        : base($"{filePath}, line {lineNumber}: {problem}", innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>The line (counted from 1) where the problem is.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }
}
