using Microsoft.Extensions.AI;
using System.Text.Json.Serialization;

namespace Opto.Optimizers;

/// <summary>
/// What a model suggested in one step, checked and converted but not applied: search algorithms can compare
/// proposals and apply the best one with <see cref="Optimizer.Apply(Proposal)"/>. It serializes to JSON as its
/// <see cref="ProposalRecord"/>.
/// </summary>
[JsonConverter(typeof(ProposalJsonConverter))]
public sealed class Proposal
{
    internal Proposal(string systemPrompt, string userPrompt, string rawAnswer, string? reasoning, string? answer,
        IReadOnlyList<ParameterChange> changes, IReadOnlyList<Rejection> rejections, bool noChangeSuggested,
        IReadOnlyList<RequestAttempt> attempts, UsageDetails usage, string? notSentReason = null)
    {
        NotSentReason = notSentReason;
        SystemPrompt = systemPrompt;
        UserPrompt = userPrompt;
        RawAnswer = rawAnswer;
        Reasoning = reasoning;
        Answer = answer;
        Changes = changes;
        Rejections = rejections;
        NoChangeSuggested = noChangeSuggested;
        Attempts = attempts;
        Usage = usage;
    }

    /// <summary>The system prompt sent to the model.</summary>
    public string SystemPrompt { get; }

    /// <summary>The user prompt sent to the model.</summary>
    public string UserPrompt { get; }

    /// <summary>The model's answer, exactly as received.</summary>
    public string RawAnswer { get; }

    /// <summary>The model's reasoning, when its answer had one.</summary>
    public string? Reasoning { get; }

    /// <summary>The model's <c>answer</c> field, when the instruction asked a question.</summary>
    public string? Answer { get; }

    /// <summary>The suggestions that passed every check, converted to the parameters' types.</summary>
    public IReadOnlyList<ParameterChange> Changes { get; }

    /// <summary>The suggestions (or the whole answer) that failed a check.</summary>
    public IReadOnlyList<Rejection> Rejections { get; }

    /// <summary>Whether the model answered that nothing should change.</summary>
    public bool NoChangeSuggested { get; }

    /// <summary>The requests made to the model.</summary>
    public IReadOnlyList<RequestAttempt> Attempts { get; }

    /// <summary>Tokens used.</summary>
    public UsageDetails Usage { get; }

    /// <summary>
    /// Why nothing was sent to the model (no parameter had feedback, so there was no problem to solve), or
    /// <see langword="null"/> when the model was asked.
    /// </summary>
    public string? NotSentReason { get; }

    /// <summary>A proposal made without asking the model: no changes, no rejections, no tokens.</summary>
    internal static Proposal NotSent(string reason) => new("", "", "", null, null, [], [], false, [], new UsageDetails(), reason);

    /// <summary>
    /// The proposal with <paramref name="content"/>'s prompts, answer, changes and rejections, made from
    /// <paramref name="candidates"/>, the requests made before them (<paramref name="preparation"/>) and those that chose among
    /// them: every request, attempt and token of them all, in that order.
    /// </summary>
    internal static Proposal Among(Proposal content, IReadOnlyList<Proposal> candidates, int? chosen, string? selection, IReadOnlyList<Proposal> choosingRequests,
        IReadOnlyList<Proposal>? preparation = null)
    {
        var all = (preparation ?? []).Concat(candidates).Concat(choosingRequests).ToList();
        return new Proposal(content.SystemPrompt, content.UserPrompt, content.RawAnswer, content.Reasoning, content.Answer, content.Changes,
            content.Rejections, content.NoChangeSuggested, [.. all.SelectMany(p => p.Attempts)], Tokens.Sum(all.Select(p => p.Usage)))
        {
            Exchanges = [.. all.SelectMany(p => p.Exchanges)],
            Candidates = candidates,
            ChosenCandidate = chosen,
            Selection = selection,
            ModelId = content.ModelId ?? all.Select(p => p.ModelId).FirstOrDefault(m => m is not null),
            Memory = content.Memory ?? candidates.Select(p => p.Memory).FirstOrDefault(m => m is not null),
        };
    }

    /// <summary>A request whose answer is not a proposal (a selection, a gradient), kept for its prompts, answer, attempts and tokens.</summary>
    internal static Proposal Exchange(string purpose, string system, string user, ChatResponse? response, IReadOnlyList<RequestAttempt> attempts) =>
        new(system, user, response?.Text ?? "", null, null, [], [], false, attempts, response?.Usage ?? new UsageDetails())
        {
            Exchanges = [new ModelExchange(purpose, system, user, response?.Text ?? "")],
            ModelId = response?.ModelId,
        };

    /// <summary>A request that failed after its retries, kept with its attempts: a candidate that cannot be applied.</summary>
    internal static Proposal Failed(string purpose, string system, string user, OptimizerRequestException failure) =>
        new(system, user, "", null, null, [], [new Rejection(null, null, $"The request failed: {failure.Message}")], false, failure.Attempts, new UsageDetails())
        {
            Exchanges = [new ModelExchange(purpose, system, user, "")],
        };

    /// <summary>The optimizer's parameter values when the proposal was made, in the optimizer's order.</summary>
    internal object?[]? Basis { get; set; }

    /// <summary>The variables and feedback as they were when the proposal was made, for an optimizer's memory.</summary>
    internal (string Variables, string Feedback)? Memory { get; set; }

    /// <summary>The model that answered, as its response named it; <see langword="null"/> when it did not or nothing was asked.</summary>
    public string? ModelId { get; internal set; }

    /// <summary>
    /// Every request made to the model for this proposal, in order. An optimizer that asks once has one, with the same
    /// prompts and answer as <see cref="SystemPrompt"/>, <see cref="UserPrompt"/> and <see cref="RawAnswer"/>; one that asks
    /// several times (candidates and a selection, gradients node by node) lists each.
    /// </summary>
    public IReadOnlyList<ModelExchange> Exchanges
    {
        get => _exchanges ?? (NotSentReason is null ? [new ModelExchange("proposal", SystemPrompt, UserPrompt, RawAnswer)] : []);
        internal set => _exchanges = value;
    }

    // Set when the requests are not simply the prompts and answer of this proposal (saved only then).
    private IReadOnlyList<ModelExchange>? _exchanges;

    /// <summary>How many requests the model answered for this proposal (retries of one request not counted): <see cref="Exchanges"/>' count.</summary>
    public int Requests => _exchanges?.Count ?? (NotSentReason is null ? 1 : 0);

    /// <summary>
    /// The candidates an optimizer that proposes several chose among (<see cref="OptoPrimeMulti"/>), in the order they
    /// were generated; empty for one that proposes once.
    /// </summary>
    public IReadOnlyList<Proposal> Candidates { get; internal set; } = [];

    /// <summary>The position in <see cref="Candidates"/> of the candidate this proposal is, or <see langword="null"/> when none was chosen.</summary>
    public int? ChosenCandidate { get; internal set; }

    /// <summary>How the candidate was chosen (the model's reasoning, the scores, the votes), or <see langword="null"/>.</summary>
    public string? Selection { get; internal set; }

    /// <summary>Whether the proposal can be applied: it has no rejection (a step is applied whole or not at all).</summary>
    public bool IsApplicable => Rejections.Count == 0;

    /// <summary>The proposal as plain data, for saving: parameters by name and type, values as JSON.</summary>
    public ProposalRecord ToRecord() =>
        new(SystemPrompt, UserPrompt, RawAnswer, Reasoning, Answer, [.. Changes.Select(c => c.ToRecord())], [.. Rejections],
            NoChangeSuggested, [.. Attempts], Usage, NotSentReason, ModelId)
        {
            Exchanges = _exchanges,
            Candidates = [.. Candidates.Select(c => c.ToRecord())],
            ChosenCandidate = ChosenCandidate,
            Selection = Selection,
        };
}
