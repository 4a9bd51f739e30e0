using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A notebook a scribe holds.</summary>
public sealed class ScribeNotes
{
    [Trainable("What the notebook asks for.")]
    public string Prompt { get; set; } = "p";
}

/// <summary>Traced methods that name or set a trainable member without reading its value.</summary>
public class Scribe
{
    [Trainable("How the scribe writes.")]
    public string Style { get; set; } = "plain";

    private readonly ScribeNotes _notebook = new();

    /// <summary>Names members, reads none.</summary>
    [Traced] public string Label(string question) => nameof(_notebook.Prompt) + ":" + nameof(Style) + question;

    /// <summary>Sets a member, reads none.</summary>
    [Traced] public string Note(string question)
    {
        _notebook.Prompt = "seen " + question.Length;
        return "noted " + question;
    }

    /// <summary>Sets a member, then reads it.</summary>
    [Traced] public string Reread(string question)
    {
        _notebook.Prompt = question;
        return _notebook.Prompt + "!";
    }
}
