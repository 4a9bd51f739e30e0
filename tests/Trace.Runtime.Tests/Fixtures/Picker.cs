using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Calls whose result is one of their arguments, which read a trainable member, or which take a dynamic value.</summary>
public class Picker
{
    [Trainable("The text that wins a tie.")]
    public string Tie { get; set; } = "tie";

    /// <summary>Picks the longer of two texts (the tie text when they are as long).</summary>
    [Traced]
    public string Longer(string first, string second) =>
        first.Length > second.Length ? first : second.Length > first.Length ? second : Tie;

    /// <summary>Labels a value of any type (each call records the value with its own type).</summary>
    [Traced]
    public string Label(dynamic value, string label) => label;

    /// <summary>Tags a value of any type.</summary>
    [Traced]
    public string Tag(dynamic value, string tag) => tag;
}
