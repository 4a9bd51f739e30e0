using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Traced steps, and traced workflows that build their notes up in a loop before answering from them.</summary>
public class Digest
{
    [Trainable("How to summarize.")]
    public string SummaryInstruction { get; set; } = "Summary";

    [Trainable("How to introduce.")]
    public string IntroInstruction { get; set; } = "Intro";

    [Trainable("How to answer.")]
    public string AnswerInstruction { get; set; } = "Answer";

    /// <summary>Summarizes a document.</summary>
    [Traced]
    public string Summarize(string doc) => $"{SummaryInstruction}: {doc} ";

    /// <summary>Summarizes a document, later.</summary>
    [Traced]
    public async Task<string> SummarizeAsync(string doc)
    {
        await Task.Yield();
        return $"{SummaryInstruction}: {doc}";
    }

    /// <summary>Introduces the question.</summary>
    [Traced]
    public string Introduce(string question) => $"{IntroInstruction}: {question}";

    /// <summary>Scores a document.</summary>
    [Traced]
    public int Score(string doc) => SummaryInstruction.Length + doc.Length;

    /// <summary>Answers from notes.</summary>
    [Traced]
    public string Answer(string notes) => $"{AnswerInstruction}({notes})";

    /// <summary>Answers from a number.</summary>
    [Traced]
    public string AnswerNumber(int total) => $"{AnswerInstruction}({total})";

    /// <summary>An introduction, then each document's summary, added to the notes.</summary>
    [Traced]
    public string Digested(string question, string[] docs)
    {
        var notes = Introduce(question) + "\n";
        foreach (var doc in docs) notes += "- " + Summarize(doc).Trim() + "\n";
        return Answer(notes);
    }

    /// <summary>Each summary awaited into a local, then added.</summary>
    [Traced]
    public async Task<string> DigestedAsync(IReadOnlyList<string> docs)
    {
        var notes = "";
        foreach (var doc in docs)
        {
            var summary = await SummarizeAsync(doc);
            notes = notes + summary + "\n";
        }

        return Answer(notes);
    }

    /// <summary>Scores added up.</summary>
    [Traced]
    public string Totalled(string[] docs)
    {
        var total = 0;
        foreach (var doc in docs) total += Score(doc);
        return AnswerNumber(total);
    }

    /// <summary>Each part summarized, and looked into again while depth remains: the same method runs inside its own loop.</summary>
    [Traced]
    public string Explored(string question, int depth)
    {
        var notes = "";
        foreach (var part in new[] { "a", "b" })
        {
            notes += Summarize(question + part) + ";";
            if (depth > 0) notes += Explored(question + part, depth - 1);
        }

        return Answer(notes);
    }
}
