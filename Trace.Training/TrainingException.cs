namespace Opto.Training;

/// <summary>A training run stopped: a guide failed on an example or judged it with no usable score. The parameters are as of the last applied step.</summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the example.</param>
    /// <param name="innerException">The guide's exception, when it threw.</param>
    public TrainingException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
