using Microsoft.Extensions.AI;

namespace Opto.Training;

/// <summary>One rollout: the example, what the agent returned or threw, and the guide's judgement.</summary>
/// <param name="ExampleId">The example's id.</param>
/// <param name="Output">The output as text, or <see langword="null"/> when the agent threw.</param>
/// <param name="Error">What the agent threw, as "Type: message", or <see langword="null"/>.</param>
/// <param name="Judgement">The guide's judgement (for a rollout that threw: score 0 and the exception as feedback).</param>
/// <param name="FeedbackReached">How many trainable parameters the feedback reached (0 when nothing could be traced back).</param>
/// <param name="AgentUsage">The tokens of the agent's model calls (counted through <see cref="UsageCountingChatClient"/>).</param>
/// <param name="GuideUsage">The tokens the guide spent judging this output.</param>
/// <param name="UsageByModel">The agent's and the guide's tokens by model, as the responses named it.</param>
public sealed record RolloutResult(string ExampleId, string? Output, string? Error, Judgement Judgement, int FeedbackReached, UsageDetails AgentUsage, UsageDetails GuideUsage,
    IReadOnlyDictionary<string, UsageDetails>? UsageByModel = null)
{
    /// <summary>Where the rollout ran: "this process", or what a remote executor names the machine.</summary>
    public string RanOn { get; init; } = RolloutOutcome.ThisProcess;
}
