using System.Text;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Prompts built with a <see cref="StringBuilder"/> from trainable values, in glue code.</summary>
public class PromptBuilder
{
    /// <summary>Shared by every agent.</summary>
    [Trainable("The system prompt.")]
    public static string System = "Be brief.";

    [Trainable("How the agent sounds.")]
    public string Persona { get; set; } = "calm";

    [Traced] public string Ask(string prompt) => prompt.ToUpperInvariant();

    /// <summary>The builder made and read in one expression: the glue's own flow.</summary>
    public string Chained(string question) => Ask(new StringBuilder().Append(Persona).Append(": ").Append(question).ToString());

    /// <summary>The starting text, through a local set once.</summary>
    public string Started(string question) { var sb = new StringBuilder(System); sb.Append(question); return Ask(sb.ToString()); }

#pragma warning disable OPTO016 // Put in by calls of their own: not linked, and the tests check it says so.

    /// <summary>Appended by statements of their own.</summary>
    public string Filled(string question) { var sb = new StringBuilder(); sb.Append(Persona); sb.Append(System); sb.Append(question); return Ask(sb.ToString()); }

#pragma warning restore OPTO016
}
