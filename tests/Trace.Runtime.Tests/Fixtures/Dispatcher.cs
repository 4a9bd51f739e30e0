using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Traced steps, and untraced workflows that choose between them in branches, as agents route a question.</summary>
public class Dispatcher
{
    [Trainable("How to search.")]
    public string SearchInstruction { get; set; } = "Search";

    [Trainable("How to recall.")]
    public string RecallInstruction { get; set; } = "Recall";

    [Trainable("How to draft.")]
    public string DraftInstruction { get; set; } = "Draft";

    [Trainable("How to shorten.")]
    public string ShortenInstruction { get; set; } = "Shorten";

    [Trainable("How to answer.")]
    public string AnswerInstruction { get; set; } = "Answer";

    /// <summary>Searches for the question.</summary>
    [Traced]
    public string Search(string question) => $"{SearchInstruction}: {question}";

    /// <summary>Searches for the question, later.</summary>
    [Traced]
    public async Task<string> SearchAsync(string question)
    {
        await Task.Yield();
        return $"{SearchInstruction}: {question}";
    }

    /// <summary>Recalls what is known of the question.</summary>
    [Traced]
    public string Recall(string question) => $"{RecallInstruction}: {question}";

    /// <summary>Drafts an answer.</summary>
    [Traced]
    public string Draft(string question) => $"{DraftInstruction}: {question}";

    /// <summary>Shortens a text.</summary>
    [Traced]
    public string Shorten(string text) => $"{ShortenInstruction}: {text[..4]}";

    /// <summary>Fails for a question that starts with '!'.</summary>
    [Traced]
    public string Unreliable(string question) => question.StartsWith('!') ? throw new InvalidOperationException("unavailable") : $"{SearchInstruction}? {question}";

    /// <summary>Nothing for an empty question.</summary>
    [Traced]
    public string? Sometimes(string question) => question.Length == 0 ? null : $"{RecallInstruction}? {question}";

    /// <summary>A number made from the question.</summary>
    [Traced]
    public int Count(string question) => SearchInstruction.Length + question.Length;

    /// <summary>Another number made from the question.</summary>
    [Traced]
    public int CountWords(string question) => RecallInstruction.Length + question.Split(' ').Length;

    /// <summary>Answers from a context.</summary>
    [Traced]
    public string Answer(string context) => $"{AnswerInstruction}: {context}";

    /// <summary>Answers from a number.</summary>
    [Traced]
    public string AnswerNumber(int number) => $"{AnswerInstruction}: {number}";

    /// <summary>if/else, each branch a different step.</summary>
    public string Routed(string question, bool search)
    {
        string context;
        if (search) context = Search(question);
        else context = Recall(question);
        return Answer($"Context: {context}");
    }

    /// <summary>A draft shortened when it is too long.</summary>
    public string Refined(string question, int limit)
    {
        var draft = Draft(question);
        if (draft.Length > limit) draft = Shorten(draft);
        return Answer($"Final: {draft}");
    }

    /// <summary>A fallback step when the first one fails.</summary>
    public string WithFallback(string question)
    {
        string reply;
        try
        {
            reply = Unreliable(question);
        }
        catch (InvalidOperationException)
        {
            reply = Recall(question);
        }

        return Answer(reply + "!");
    }

    /// <summary>A canned reply when the step fails.</summary>
    public string WithCannedReply(string question)
    {
        string reply;
        try
        {
            reply = Unreliable(question);
        }
        catch (InvalidOperationException)
        {
            reply = "sorry";
        }

        return Answer(reply + "!");
    }

    /// <summary>A switch, each section a different step.</summary>
    public string ByKind(string question, int kind)
    {
        string found;
        switch (kind)
        {
            case 0:
                found = Search(question);
                break;
            case 1:
                found = Recall(question);
                break;
            default:
                found = Draft(question);
                break;
        }

        return Answer($"[{found}]");
    }

    /// <summary>A number from one of two steps.</summary>
    public string Counted(string question, bool words)
    {
        int count;
        if (words) count = CountWords(question);
        else count = Count(question);
        return AnswerNumber(count);
    }

    /// <summary>A step's result changed on one path only.</summary>
    public string Marked(string question, bool loud)
    {
        var text = Search(question);
        if (loud) text += "!";
        return Answer(text);
    }

#pragma warning disable OPTO017 // Which value reaches the answer is decided at run time, and one of them no step made: the tests check no link is claimed.

    /// <summary>A step on one path only, and text no step made on the other.</summary>
    public string MaybeSearched(string question, bool search)
    {
        var context = "none";
        if (search) context = Search(question);
        return Answer($"Context: {context}");
    }

    /// <summary>A step whose result fails to be used after it ran, and the value from before kept.</summary>
    public string KeptOnFailure(string question)
    {
        var text = Search(question);
        try
        {
            text = Sometimes(question)!.Trim();
        }
        catch (NullReferenceException)
        {
        }

        return Answer(text + "!");
    }

    /// <summary>Two steps each added on one path: which ran before the last one is not told by the last one.</summary>
    public string AppendedTwice(string question, bool recall, bool draft)
    {
        var text = Search(question);
        if (recall) text += Recall(question);
        if (draft) text += Draft(question);
        return Answer(text + "!");
    }

#pragma warning restore OPTO017

    /// <summary>Branches in an async method that calls itself between its step and its answer.</summary>
    public async Task<string> Nested(string question, int depth)
    {
        string part;
        if (depth % 2 == 0) part = await SearchAsync(question);
        else part = Recall(question);
        if (depth > 0) await Nested(question, depth - 1);
        return Answer($"({part})");
    }
}
