using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// The OptoPrime optimizer of Trace: it shows the model the traced code, the documentation of its methods, the
/// variables it may change, the other values and the feedback, and applies the new values the model suggests —
/// after checking every one of them against its parameter's name and type.
/// </summary>
public sealed class OptoPrime : Optimizer
{
    private readonly PromptAssembler _prompts;
    private readonly StructuredOutputFallback _requests;
    private readonly AnswerReader _answers;
    private readonly StepMemory _memory = new();

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters it may change.</param>
    /// <param name="chat">The model that proposes new values.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public OptoPrime(IEnumerable<ParameterNode> parameters, IChatClient chat, OptoPrimeOptions? options = null) : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(chat);
        Options = options ?? new OptoPrimeOptions();
        _prompts = new PromptAssembler(Options);
        _requests = new StructuredOutputFallback(chat, Options, new AnswerChatOptions(Options, Parameters, NameOf));
        _answers = new AnswerReader(Options, ParametersByName, NameOf);
    }

    /// <summary>The settings.</summary>
    public OptoPrimeOptions Options { get; }

    /// <summary>The problem the next step will show the model, built from the feedback the parameters hold now.</summary>
    public ProblemInstance BuildProblem() => ProblemBuilder.Build(Parameters, NameOf, Options.Objective, Options.MaxValueLength);

    /// <summary>The system and user prompts the next step will send.</summary>
    public (string System, string User) BuildPrompt() =>
        (PromptAssembler.SystemPrompt, _prompts.UserPrompt(BuildProblem(), _memory.Snapshot(Options.MemorySize), PendingRejections));

    /// <inheritdoc />
    protected override async Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        var (system, user) = BuildPrompt();
        List<ChatMessage> messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        var (response, attempts) = await _requests.SendAsync(messages, cancellationToken).ConfigureAwait(false);
        var proposal = _answers.Read(system, user, response, attempts);
        proposal.Memory = Options.MemorySize > 0 ? (ProblemBuilder.Variables(Parameters, NameOf), ProblemBuilder.Feedback(Parameters)) : null;
        return proposal;
    }

    /// <inheritdoc />
    protected override void WriteState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state["memory"] = new JsonArray([.. _memory.Snapshot(int.MaxValue).Select(e => (JsonNode)new JsonObject { ["variables"] = e.Variables, ["feedback"] = e.Feedback })]);
    }

    /// <inheritdoc />
    protected override void ReadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entries = (state["memory"] as JsonArray ?? throw new FormatException("it has no memory list."))
            .Select(e => (e!["variables"]!.GetValue<string>(), e["feedback"]!.GetValue<string>())).ToList();
        _memory.Replace(entries);
    }

    /// <inheritdoc />
    protected override void OnStepRecorded(StepLog step)
    {
        // The memory shows the model the variables as they were when feedback was given, and that feedback.
        if (step.Proposal.Memory is not { } entry || entry.Feedback.Length == 0) return;
        _memory.Remember(entry, Options.MemorySize);
    }
}
