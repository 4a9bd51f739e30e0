using Microsoft.Extensions.AI;

namespace Opto.Training;

/// <summary>The messages that ask an LLM judge to grade one output against a rubric.</summary>
internal static class JudgePrompt
{
    public const string AnswerFormat =
        """{"score": <a number from 0 to 1>, "critique": "<what is right or wrong about the output, concrete enough to improve it>", "correct": <true or false>}""";

    private const string System =
        "You are a strict, fair judge of an AI agent's output. Grade the output against the rubric, comparing it with the expected output. " +
        "Answer with exactly one JSON object and nothing else.";

    public static List<ChatMessage> Build<TInput, TExpected, TOutput>(string rubric, Example<TInput, TExpected> example, TOutput output) =>
    [
        new(ChatRole.System, System),
        new(ChatRole.User,
            $"""
            # Rubric
            {rubric}

            # Input
            {JudgeValueText.Format(example.Input)}

            # Expected output
            {JudgeValueText.Format(example.Expected)}

            # Agent's output
            {JudgeValueText.Format(output)}

            # Answer format
            Answer with one JSON object:
            {AnswerFormat}
            """),
    ];

    /// <summary>The follow-up after an answer that could not be used: it states the problem and asks again.</summary>
    public static ChatMessage Correction(string problem) =>
        new(ChatRole.User, $"Your answer could not be used: {problem} Answer again with only one JSON object:\n{AnswerFormat}");
}
