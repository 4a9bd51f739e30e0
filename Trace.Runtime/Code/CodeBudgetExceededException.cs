namespace Opto.Code;

/// <summary>Replacement code ran longer than its time budget, or recursed deeper than allowed; it was stopped at a checkpoint.</summary>
public sealed class CodeBudgetExceededException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was exceeded.</param>
    public CodeBudgetExceededException(string message) : base(message)
    {
    }
}
