using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
namespace Opto.Optimizers;

/// <summary>A <see cref="Proposal"/> as it is saved: plain data that serializes to JSON and reads back.</summary>
/// <param name="SystemPrompt">The system prompt sent to the model.</param>
/// <param name="UserPrompt">The user prompt sent to the model.</param>
/// <param name="RawAnswer">The model's answer, exactly as received.</param>
/// <param name="Reasoning">The model's reasoning, when its answer had one.</param>
/// <param name="Answer">The model's <c>answer</c> field, when the instruction asked a question.</param>
/// <param name="Changes">The suggestions that passed every check.</param>
/// <param name="Rejections">The suggestions (or the whole answer) that failed a check.</param>
/// <param name="NoChangeSuggested">Whether the model answered that nothing should change.</param>
/// <param name="Attempts">The requests made to the model.</param>
/// <param name="Usage">Tokens used.</param>
/// <param name="NotSentReason">Why nothing was sent to the model, or <see langword="null"/> when it was asked (absent in logs that predate it).</param>
/// <param name="ModelId">The model that answered, as its response named it (absent in logs that predate it).</param>
public sealed record ProposalRecord(
    string SystemPrompt,
    string UserPrompt,
    string RawAnswer,
    string? Reasoning,
    string? Answer,
    IReadOnlyList<ChangeRecord> Changes,
    IReadOnlyList<Rejection> Rejections,
    bool NoChangeSuggested,
    IReadOnlyList<RequestAttempt> Attempts,
    UsageDetails Usage,
    string? NotSentReason = null,
    string? ModelId = null)
{
    /// <summary>
    /// Every request made to the model for the proposal when there were several or they had a purpose to name (candidates,
    /// a choice, gradients, updates); <see langword="null"/> when the one request is the prompts and answer above.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ModelExchange>? Exchanges { get; init; }

    /// <summary>How many requests the model answered for the proposal (<see cref="Exchanges"/>, or the one request above).</summary>
    [JsonIgnore]
    public int Requests => Exchanges?.Count ?? (NotSentReason is null ? 1 : 0);

    /// <summary>The candidates the proposal was chosen among; empty when the optimizer proposes once.</summary>
    public IReadOnlyList<ProposalRecord> Candidates { get; init; } = [];

    /// <summary>The position in <see cref="Candidates"/> of the chosen candidate, or <see langword="null"/>.</summary>
    public int? ChosenCandidate { get; init; }

    /// <summary>How the candidate was chosen, or <see langword="null"/>.</summary>
    public string? Selection { get; init; }
}
