using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Glue that passes its own input on unchanged when it needs no work (`ok ? input : input.Normalize()`).</summary>
public sealed class Normalizer
{
    /// <summary>Whether the text is eligible once normalized.</summary>
    [Traced]
    public bool Inflect(string input)
    {
        var normalized = IsNormalized(input) ? input : input.Normalize();
        return IsEligible(normalized);
    }

    /// <summary>Whether the text is in normal form C.</summary>
    [Traced]
    public static bool IsNormalized(string value) => value.IsNormalized();

    /// <summary>Whether the text is eligible.</summary>
    [Traced]
    public static bool IsEligible(string value) => value.Length > 0;
}
