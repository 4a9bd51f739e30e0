using Microsoft.Extensions.AI;
using System.Text.Json.Serialization;

namespace Opto.Optimizers;

/// <summary>
/// Everything about one optimization step: the prompt, the model's raw answer, its reasoning, the changes applied,
/// the suggestions rejected, the requests made and the tokens used. It never contains an API key.
/// </summary>
/// <remarks>
/// A log can be kept: <c>JsonSerializer.Serialize(optimizer.Log)</c> writes each step as its <see cref="StepRecord"/>
/// (parameters by name and C# type, values as JSON), and <c>JsonSerializer.Deserialize&lt;List&lt;StepRecord&gt;&gt;(json)</c>
/// reads it back. Text that is not valid Unicode (half of a surrogate pair, in a raw answer) is written with
/// U+FFFD in its place, as System.Text.Json writes it.
/// </remarks>
[JsonConverter(typeof(StepLogJsonConverter))]
public sealed class StepLog
{
    internal StepLog(int step, Proposal proposal, IReadOnlyList<ParameterChange> applied, IReadOnlyList<Rejection> rejected)
    {
        Step = step;
        Proposal = proposal;
        Applied = applied;
        Rejected = rejected;
    }

    /// <summary>The step's number, from 1, in the order proposals were applied (or refused).</summary>
    public int Step { get; }

    /// <summary>The proposal the step applied (or refused to apply).</summary>
    public Proposal Proposal { get; }

    /// <summary>The system prompt sent to the model.</summary>
    public string SystemPrompt => Proposal.SystemPrompt;

    /// <summary>The user prompt sent to the model (the problem instance).</summary>
    public string UserPrompt => Proposal.UserPrompt;

    /// <summary>The model's answer, exactly as received.</summary>
    public string RawAnswer => Proposal.RawAnswer;

    /// <summary>The model's reasoning, when its answer had one.</summary>
    public string? Reasoning => Proposal.Reasoning;

    /// <summary>The changes written to the parameters.</summary>
    public IReadOnlyList<ParameterChange> Applied { get; }

    /// <summary>Everything that was not applied, and why.</summary>
    public IReadOnlyList<Rejection> Rejected { get; }

    /// <summary>The requests made to the model, with failures and waits.</summary>
    public IReadOnlyList<RequestAttempt> Attempts => Proposal.Attempts;

    /// <summary>Tokens used by this step.</summary>
    public UsageDetails Usage => Proposal.Usage;

    /// <summary>Whether the model answered that nothing should change (<c>TERMINATE</c>, or no suggestion).</summary>
    public bool NoChangeSuggested => Proposal.NoChangeSuggested;

    /// <summary>
    /// Why nothing was sent to the model in this step (no parameter had feedback), or <see langword="null"/> when it was
    /// asked. Such a step changes nothing and costs no tokens.
    /// </summary>
    public string? NotSentReason => Proposal.NotSentReason;

    /// <summary>The step as plain data, for saving: parameters by name and type, values as JSON.</summary>
    public StepRecord ToRecord() => new(Step, Proposal.ToRecord(), [.. Applied.Select(c => c.ToRecord())], [.. Rejected]);

    /// <inheritdoc />
    public override string ToString() =>
        $"step {Step}: {Applied.Count} applied, {Rejected.Count} rejected, {Tokens.Describe(Usage)}" +
        (NoChangeSuggested ? ", no change suggested" : "") +
        (NotSentReason is null ? "" : ", nothing sent to the model: " + NotSentReason);
}
