using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>The state an untraced pipeline keeps its steps' results in between traced calls.</summary>
public class WorkflowState
{
    /// <summary>The question asked.</summary>
    public string Question { get; set; } = "";

    /// <summary>What the search step found, made readable.</summary>
    public string Context { get; set; } = "";

    /// <summary>How many words the question has.</summary>
    public int Words;
}

/// <summary>Traced steps, and untraced pipelines that keep what the steps made in a state object they made.</summary>
public class Workflow
{
    [Trainable("How to search.")]
    public string SearchInstruction { get; set; } = "Search";

    [Trainable("How to count.")]
    public string CountInstruction { get; set; } = "Count";

    [Trainable("How to answer.")]
    public string AnswerInstruction { get; set; } = "Answer";

    /// <summary>Searches for the question.</summary>
    [Traced]
    public string Search(string question) => $"{SearchInstruction}: {question}";

    /// <summary>Counts the words of the question.</summary>
    [Traced]
    public int Count(string question) => CountInstruction.Length + question.Split(' ').Length;

    /// <summary>Answers from a context.</summary>
    [Traced]
    public string Answer(string context) => $"{AnswerInstruction}: {context}";

    /// <summary>Answers from a number.</summary>
    [Traced]
    public string AnswerNumber(int number) => $"{AnswerInstruction}: {number}";

    /// <summary>The search step's result, made readable, kept in the state, then answered from.</summary>
    public string Run(string question)
    {
        var state = new WorkflowState { Question = question };
        state.Context = "Found: " + Search(state.Question).Trim();
        return Answer($"{state.Context}\nQuestion: {state.Question}");
    }

    /// <summary>A count kept in the state, then answered from.</summary>
    public string RunCount(string question)
    {
        var state = new WorkflowState { Words = Count(question) };
        return AnswerNumber(state.Words * 2);
    }
}
