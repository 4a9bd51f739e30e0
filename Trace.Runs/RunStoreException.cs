namespace Opto.Runs;

/// <summary>A run store cannot be opened, read or written: the message says what is wrong and what is still intact.</summary>
public sealed class RunStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The database's error, when there is one.</param>
    public RunStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
