using System.Text;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>An agent that keeps what its traced methods make in its own members: a history, a last answer, a transcript.</summary>
public class Assistant
{
    private readonly List<string> _history = [];

    [Trainable("How an answer is written.")]
    public string AnswerInstruction { get; set; } = "Answer";

    /// <summary>The last answer.</summary>
    public string LastAnswer { get; private set; } = "";

    /// <summary>What was said, in order.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>The conversation so far, as text.</summary>
    public StringBuilder Transcript { get; } = new();

    /// <summary>Answers a question and remembers the answer.</summary>
    [Traced]
    public void Ask(string question)
    {
        var answer = $"{AnswerInstruction}: {question}";
        _history.Add(answer);
        LastAnswer = answer;
        Transcript.AppendLine(answer);
    }

    /// <summary>Answers later, and remembers the answer when it is ready.</summary>
    [Traced]
    public async Task AskAsync(string question, int delay)
    {
        await Task.Delay(delay);
        LastAnswer = $"{AnswerInstruction} (late): {question}";
        _history.Add(LastAnswer);
    }

    /// <summary>Answers a question and puts the answer first in the history.</summary>
    [Traced]
    public void AskFirst(string question) => _history.Insert(0, $"{AnswerInstruction} (first): {question}");

    /// <summary>Keeps a text it is given as the last answer, unchanged.</summary>
    [Traced]
    public void Keep(string text) => LastAnswer = text;

    /// <summary>Answers through another traced call and keeps its result.</summary>
    [Traced]
    public void AskThroughDraft(string question) => LastAnswer = Draft(question);

    /// <summary>Drafts an answer.</summary>
    [Traced]
    public string Draft(string question) => $"{AnswerInstruction} (draft): {question}";

    /// <summary>Classifies a text.</summary>
    [Traced]
    public string Classify(string text) => text.Length > 3 ? "long" : "short";

    /// <summary>Classifies every text.</summary>
    [Traced]
    public string ClassifyAll(IReadOnlyList<string> texts) => texts.Count > 1 ? "many" : "one";
}
