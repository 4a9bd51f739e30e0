namespace Opto.Training;

/// <summary>An LLM judge answered twice with something that could not be used as a judgement.</summary>
public sealed class JudgeAnswerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the example.</param>
    /// <param name="exampleId">The example's <see cref="Example{TInput, TExpected}.Id"/>, when it has one.</param>
    /// <param name="answer">The judge's last answer, when its text could be read.</param>
    public JudgeAnswerException(string message, string? exampleId, string? answer) : base(message)
    {
        ExampleId = exampleId;
        Answer = answer;
    }

    /// <summary>The judged example's id, when it has one.</summary>
    public string? ExampleId { get; }

    /// <summary>The judge's last answer, when its text could be read.</summary>
    public string? Answer { get; }
}
