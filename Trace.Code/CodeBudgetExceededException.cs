namespace Opto.Code;

/// <summary>Replacement code ran longer than its time budget, or recursed deeper than allowed; it was stopped at a checkpoint.</summary>
public sealed class CodeBudgetExceededException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was exceeded.</param>
    public CodeBudgetExceededException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception for a call that was stopped while another exception replaced the budget's.</summary>
    /// <param name="message">What was exceeded.</param>
    /// <param name="innerException">The exception that escaped the stopped call (thrown by a finally block as it unwound).</param>
    public CodeBudgetExceededException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
