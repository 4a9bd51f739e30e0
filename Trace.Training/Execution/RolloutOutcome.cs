using Microsoft.Extensions.AI;

namespace Opto.Training;

/// <summary>
/// One rollout as the trainer needs it, wherever it ran: the output as text, the guide's judgement, the tokens, and the
/// output's node in this process (for a rollout run elsewhere, its graph rebuilt here on the trainer's parameters), from
/// which the feedback goes backward.
/// </summary>
/// <param name="ExampleId">The example's id.</param>
/// <param name="Output">The output as text (cut to 500 characters), or <see langword="null"/> when the agent threw.</param>
/// <param name="Error">What the agent threw, as "Type: message", or <see langword="null"/>.</param>
/// <param name="Judgement">The guide's judgement (for a rollout that threw: score 0 and the exception as feedback).</param>
/// <param name="OutputNode">The node the feedback goes backward from, or <see langword="null"/> when the rollout recorded none.</param>
/// <param name="AgentUsage">The tokens of the agent's model calls.</param>
/// <param name="GuideUsage">The tokens the guide spent.</param>
/// <param name="UsageByModel">Both by model.</param>
/// <param name="RanOn">Where the rollout ran: "this process", or a remote executor's name for the machine.</param>
public sealed record RolloutOutcome(
    string ExampleId,
    string? Output,
    string? Error,
    Judgement Judgement,
    Node? OutputNode,
    UsageDetails AgentUsage,
    UsageDetails GuideUsage,
    IReadOnlyDictionary<string, UsageDetails> UsageByModel,
    string RanOn)
{
    /// <summary>What <see cref="RanOn"/> says of a rollout run in the trainer's process.</summary>
    public const string ThisProcess = "this process";

    internal RolloutResult ToResult(int feedbackReached) =>
        new(ExampleId, Output, Error, Judgement, feedbackReached, AgentUsage, GuideUsage, UsageByModel) { RanOn = RanOn };
}
