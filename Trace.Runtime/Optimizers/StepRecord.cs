using Microsoft.Extensions.AI;
using System.Text.Json.Serialization;

namespace Opto.Optimizers;

/// <summary>
/// A <see cref="StepLog"/> as it is saved: plain data (names, C# type names, JSON values) that
/// <c>JsonSerializer.Serialize(optimizer.Log)</c> writes and <c>JsonSerializer.Deserialize&lt;List&lt;StepRecord&gt;&gt;(json)</c>
/// reads back. It holds the prompts and answers of the step, never an API key.
/// </summary>
/// <param name="Step">The step's number, from 1.</param>
/// <param name="Proposal">The proposal the step applied (or refused to apply).</param>
/// <param name="Applied">The changes written to the parameters.</param>
/// <param name="Rejected">Everything that was not applied, and why.</param>
public sealed record StepRecord(int Step, ProposalRecord Proposal, IReadOnlyList<ChangeRecord> Applied, IReadOnlyList<Rejection> Rejected)
{
    /// <summary>The system prompt sent to the model.</summary>
    [JsonIgnore]
    public string SystemPrompt => Proposal.SystemPrompt;

    /// <summary>The user prompt sent to the model (the problem instance).</summary>
    [JsonIgnore]
    public string UserPrompt => Proposal.UserPrompt;

    /// <summary>The model's answer, exactly as received.</summary>
    [JsonIgnore]
    public string RawAnswer => Proposal.RawAnswer;

    /// <summary>The model's reasoning, when its answer had one.</summary>
    [JsonIgnore]
    public string? Reasoning => Proposal.Reasoning;

    /// <summary>The requests made to the model, with failures and waits.</summary>
    [JsonIgnore]
    public IReadOnlyList<RequestAttempt> Attempts => Proposal.Attempts;

    /// <summary>Tokens used by this step.</summary>
    [JsonIgnore]
    public UsageDetails Usage => Proposal.Usage;

    /// <summary>Whether the model answered that nothing should change.</summary>
    [JsonIgnore]
    public bool NoChangeSuggested => Proposal.NoChangeSuggested;

    /// <summary>Why nothing was sent to the model in this step, or <see langword="null"/> when it was asked.</summary>
    [JsonIgnore]
    public string? NotSentReason => Proposal.NotSentReason;
}
