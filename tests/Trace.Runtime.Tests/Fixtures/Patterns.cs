using Opto;

namespace Trace.Runtime.Tests.Fixtures.Patterns;

/// <summary>A note whose text is trainable.</summary>
public class Note
{
    [Trainable("What the note says.")]
    public string Text { get; set; } = "remember";

    /// <summary>Another note's text, matched by a property pattern on the argument.</summary>
    [Traced]
    public string Echo(Note other) => other is { Text: var text } ? text : "";
}

/// <summary>A shelf holding a note.</summary>
public class Shelf
{
    public Note Note { get; } = new();
}

/// <summary>Reads a held note's text through property patterns.</summary>
public class Reader
{
    private readonly Note _note = new();
    private readonly Shelf _shelf = new();
    private readonly object _any = new Note();

    /// <summary>The held note.</summary>
    public Note Note => _note;

    /// <summary>The shelf's note.</summary>
    public Shelf Shelf => _shelf;

    /// <summary>An <c>is</c> pattern capturing the text.</summary>
    [Traced]
    public string Matched(string question) => _note is { Text: var text } ? text + " " + question : question;

    /// <summary>A switch on the text's length, through an extended property pattern.</summary>
    [Traced]
    public string Switched(string question) => _note switch { { Text.Length: > 3 } => "long " + question, _ => "short " + question };

    private readonly Shelf? _maybe = new();

    /// <summary>A pattern on a member read through <c>?.</c>.</summary>
    [Traced]
    public string Conditional(string question) => _maybe?.Note is { Text: var text } ? text + question : question;

    /// <summary>The optional shelf.</summary>
    public Shelf? Maybe => _maybe;

    /// <summary>Nested property patterns.</summary>
    [Traced]
    public string Nested(string question) => _shelf is { Note: { Text: var text } } ? text + question : question;

#pragma warning disable OPTO016 // A pattern that tests the type: not followed, and the tests check no link is claimed.

    /// <summary>A pattern that tests the object's type.</summary>
    [Traced]
    public string Typed(string question) => _any is Note { Text: var text } ? text + question : question;

#pragma warning restore OPTO016
}
