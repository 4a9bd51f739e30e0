namespace Opto.Training;

/// <summary>What a guide says of one output: a score, feedback for the optimizer, and whether it is correct.</summary>
/// <param name="Score">The score, higher is better (for built-in guides 0 to 1).</param>
/// <param name="Feedback">What is wrong or right, in words the optimizer can act on; it goes backward from the output.</param>
/// <param name="Correct">Whether the output counts as correct (accuracy is the share of correct outputs).</param>
public sealed record Judgement(double Score, string Feedback, bool Correct);
