namespace Opto.Training;

/// <summary>A training run stopped: a guide failed on an example. The parameters are as of the last applied step.</summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the example.</param>
    /// <param name="innerException">The guide's exception.</param>
    public TrainingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
