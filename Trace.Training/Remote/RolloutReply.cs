using Microsoft.Extensions.AI;
using Opto.Transport;

namespace Opto.Training.Remote;

/// <summary>What a host sends back for a <see cref="RolloutRequest"/>: everything the trainer's optimizer needs.</summary>
/// <param name="ExampleId">The example's id.</param>
/// <param name="Output">The output as text (cut to 500 characters), or <see langword="null"/> when the agent threw.</param>
/// <param name="Error">What the agent threw, as "Type: message", or <see langword="null"/>.</param>
/// <param name="Judgement">The guide's judgement.</param>
/// <param name="Graph">The output's graph, packed, or <see langword="null"/> when the rollout recorded none.</param>
/// <param name="AgentUsage">The tokens of the agent's model calls.</param>
/// <param name="GuideUsage">The tokens the guide spent.</param>
/// <param name="UsageByModel">Both by model.</param>
/// <param name="RanOn">The host's name for where it ran.</param>
/// <param name="Failure">When the rollout could not be judged (the guide failed or gave no usable score, the agent is not registered, the example or the values could not be read): what happened; the trainer stops the run with it.</param>
/// <param name="NeedsParameters">The request carried no values and the host does not hold its version: send it again with them.</param>
public sealed record RolloutReply(
    string ExampleId,
    string? Output,
    string? Error,
    Judgement Judgement,
    PackedGraph? Graph,
    UsageDetails AgentUsage,
    UsageDetails GuideUsage,
    IReadOnlyDictionary<string, UsageDetails> UsageByModel,
    string RanOn,
    string? Failure = null,
    bool NeedsParameters = false);
