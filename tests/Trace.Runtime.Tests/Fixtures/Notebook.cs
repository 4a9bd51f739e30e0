using System.Text;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>An agent whose traced methods write into what they are given: a list of notes, a dictionary, a builder, an array.</summary>
public class Notebook
{
    [Trainable("How a note is written.")]
    public string NoteInstruction { get; set; } = "Note";

    /// <summary>Adds a note about a ticket.</summary>
    [Traced]
    public void AddNote(List<string> into, string ticket) => into.Add($"{NoteInstruction}: {ticket}");

    /// <summary>Adds a note about a ticket, later.</summary>
    [Traced]
    public async Task AddNoteAsync(List<string> into, string ticket)
    {
        await Task.Yield();
        into.Add($"{NoteInstruction} (async): {ticket}");
    }

    /// <summary>Adds a note about a ticket once <paramref name="ready"/> completes.</summary>
    [Traced]
    public async Task AddNoteWhenAsync(List<string> into, string ticket, Task ready)
    {
        await ready;
        into.Add($"{NoteInstruction} (async): {ticket}");
    }

    /// <summary>Labels a ticket: the ticket is the key, the label a text of its own making.</summary>
    [Traced]
    public void Label(Dictionary<string, string> labels, string ticket) => labels[ticket] = $"{NoteInstruction} label of {ticket}";

    /// <summary>Writes a note into a builder.</summary>
    [Traced]
    public void Write(StringBuilder into, string ticket) => into.AppendLine($"{NoteInstruction}: {ticket}");

    /// <summary>Writes a note into the first slot of an array.</summary>
    [Traced]
    public void Fill(string[] slots, string ticket) => slots[0] = $"{NoteInstruction}: {ticket}";

    /// <summary>Puts the ticket itself into the list, unchanged.</summary>
    [Traced]
    public void Keep(List<string> into, string ticket) => into.Add(ticket);

    /// <summary>Copies the first note of one list into another.</summary>
    [Traced]
    public void CopyFirst(List<string> from, List<string> into) => into.Add(from[0]);

    /// <summary>Reverses the notes: adds none.</summary>
    [Traced]
    public void Reorder(List<string> notes) => notes.Reverse();

    /// <summary>Adds a note and returns how many there are.</summary>
    [Traced]
    public int AddAndCount(List<string> into, string ticket)
    {
        into.Add($"{NoteInstruction} #{into.Count}: {ticket}");
        return into.Count;
    }

    /// <summary>Classifies a list of notes.</summary>
    [Traced]
    public string Classify(List<string> notes) => notes.Count > 1 ? "many" : "one";

    /// <summary>Classifies labels.</summary>
    [Traced]
    public string ClassifyLabels(Dictionary<string, string> labels) => labels.Count > 1 ? "many" : "one";

    /// <summary>Classifies a text.</summary>
    [Traced]
    public string ClassifyText(string text) => text.Length > 10 ? "long" : "short";

    /// <summary>Two notes added, then classified.</summary>
    public string NotesThenClassify(string first, string second)
    {
        var notes = new List<string>();
        AddNote(notes, first);
        AddNote(notes, second);
        return Classify(notes);
    }

    /// <summary>A note added later, then classified.</summary>
    public async Task<string> AsyncNoteThenClassify(string ticket)
    {
        var notes = new List<string>();
        await AddNoteAsync(notes, ticket);
        return Classify(notes);
    }

    /// <summary>A label set, then the labels classified.</summary>
    public string LabelThenClassify(string ticket)
    {
        var labels = new Dictionary<string, string>();
        Label(labels, ticket);
        return ClassifyLabels(labels);
    }

    /// <summary>A note written into a builder that has a heading already, then the text classified.</summary>
    public string WrittenThenClassified(string ticket)
    {
        var text = new StringBuilder("Notes:\n");
        Write(text, ticket);
        return ClassifyText(text.ToString());
    }

    /// <summary>A slot filled, then its text classified.</summary>
    public string FilledThenClassified(string ticket)
    {
        var slots = new string[1];
        Fill(slots, ticket);
        return ClassifyText(slots[0]);
    }

    /// <summary>Notes that were there before, reordered, then classified.</summary>
    public string ReorderedThenClassified(string first, string second)
    {
        var notes = new List<string> { first, second };
        Reorder(notes);
        return Classify(notes);
    }

    /// <summary>The ticket kept in a list, then classified on its own.</summary>
    public string KeptThenClassified(string ticket)
    {
        var notes = new List<string>();
        Keep(notes, ticket);
        return ClassifyText(ticket);
    }

    /// <summary>A note added, copied into another list by another call, then that list classified.</summary>
    public string NoteCopiedThenClassified(string ticket)
    {
        var notes = new List<string>();
        AddNote(notes, ticket);
        var copied = new List<string>();
        CopyFirst(notes, copied);
        return Classify(copied);
    }

    /// <summary>
    /// Two notes added to one list by calls that run at the same time, then classified: the second call starts first and adds
    /// its note once the first call has added its own and completed.
    /// </summary>
    public async Task<string> NotesAddedTogether(string first, string second)
    {
        var notes = new List<string>();
        var firstDone = new TaskCompletionSource();
        var later = AddNoteWhenAsync(notes, second, firstDone.Task);
        await AddNoteAsync(notes, first);
        firstDone.SetResult();
        await later;
        return Classify(notes);
    }

    /// <summary>A note added by a call whose result is a count, then classified.</summary>
    public string CountedThenClassified(string ticket)
    {
        var notes = new List<string>();
        _ = AddAndCount(notes, ticket);
        return Classify(notes);
    }
}
