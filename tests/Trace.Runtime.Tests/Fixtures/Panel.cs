using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Traced opinions asked at the same time, and untraced workflows that read each result by its place.</summary>
public class Panel
{
    [Trainable("How to argue for.")]
    public string ForInstruction { get; set; } = "For";

    [Trainable("How to argue against.")]
    public string AgainstInstruction { get; set; } = "Against";

    [Trainable("How to judge.")]
    public string JudgeInstruction { get; set; } = "Judge";

    /// <summary>Argues for the question.</summary>
    [Traced]
    public async Task<string> ArgueForAsync(string question)
    {
        await Task.Yield();
        return $"{ForInstruction}: {question}";
    }

    /// <summary>Argues against the question.</summary>
    [Traced]
    public async Task<string> ArgueAgainstAsync(string question)
    {
        await Task.Delay(1);
        return $"{AgainstInstruction}: {question}";
    }

    /// <summary>Scores the question.</summary>
    [Traced]
    public async Task<int> ScoreAsync(string question)
    {
        await Task.Yield();
        return ForInstruction.Length + question.Length;
    }

    /// <summary>Weighs what it is given.</summary>
    [Traced]
    public string Judge(string case_) => $"{JudgeInstruction}({case_})";

    /// <summary>Weighs a number.</summary>
    [Traced]
    public string JudgeScore(int score) => $"{JudgeInstruction}({score})";

    /// <summary>Both sides, asked at once, then weighed together.</summary>
    public async Task<string> DebatedAsync(string question)
    {
        var sides = await Task.WhenAll(ArgueForAsync(question), ArgueAgainstAsync(question));
        return Judge($"For: {sides[0]}\nAgainst: {sides[1].Trim()}");
    }

    /// <summary>Both sides asked at once, the second alone weighed.</summary>
    public async Task<string> ObjectionOnlyAsync(string question)
    {
        var sides = await Task.WhenAll([ArgueForAsync(question), ArgueAgainstAsync(question)]);
        return Judge("Objection: " + sides[1]);
    }

    /// <summary>Two scores asked at once, the first weighed.</summary>
    public async Task<string> FirstScoreAsync(string question)
    {
        var forTask = ScoreAsync(question);
        var againstTask = ScoreAsync(question + "?");
        var scores = await Task.WhenAll(forTask, againstTask);
        return JudgeScore(scores[0] * 10);
    }
}
