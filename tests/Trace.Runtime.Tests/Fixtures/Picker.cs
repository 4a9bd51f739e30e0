using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Calls whose result is one of their arguments, and which read a trainable member.</summary>
public class Picker
{
    [Trainable("The text that wins a tie.")]
    public string Tie { get; set; } = "tie";

    /// <summary>Picks the longer of two texts (the tie text when they are as long).</summary>
    [Traced]
    public string Longer(string first, string second) =>
        first.Length > second.Length ? first : second.Length > first.Length ? second : Tie;
}
