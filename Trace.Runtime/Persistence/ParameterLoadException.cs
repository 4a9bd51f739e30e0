namespace Opto;

/// <summary>A parameter file could not be loaded; no parameter was changed.</summary>
public sealed class ParameterLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParameterLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ParameterLoadException(string message, Exception inner) : base(message, inner)
    {
    }
}
