using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A class users mock in their own tests: its traced methods are virtual.</summary>
public class Drafter
{
    [Trainable("The tone of drafts.")]
    public virtual string Tone { get; set; } = "friendly";

    /// <summary>Drafts a reply about a topic.</summary>
    [Traced]
    public virtual string Draft(string topic) => $"{Tone}: {topic}";

    /// <summary>Scores a number.</summary>
    [Traced]
    public static int Twice(int value) => value * 2;
}
