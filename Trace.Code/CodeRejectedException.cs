namespace Opto.Code;

/// <summary>Replacement code was refused: it does not parse or compile, changes the signature, or uses APIs outside the policy.</summary>
public sealed class CodeRejectedException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="feedback">What is wrong, with the code annotated at the failing lines.</param>
    public CodeRejectedException(string feedback) : base(feedback)
    {
    }
}
