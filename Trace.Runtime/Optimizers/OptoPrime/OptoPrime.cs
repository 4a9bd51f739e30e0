using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// The OptoPrime optimizer of Trace: it shows the model the traced code, the documentation of its methods, the
/// variables it may change, the other values and the feedback, and applies the new values the model suggests —
/// after checking every one of them against its parameter's name and type.
/// </summary>
public class OptoPrime : Optimizer
{
    private readonly PromptAssembler _prompts;
    private readonly StructuredOutputFallback _requests;
    private readonly AnswerReader _answers;
    private readonly StepMemory _memory = new();
    private readonly PromptLimit _limit;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters it may change.</param>
    /// <param name="chat">The model that proposes new values.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public OptoPrime(IEnumerable<ParameterNode> parameters, IChatClient chat, OptoPrimeOptions? options = null) : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(chat);
        Options = options ?? new OptoPrimeOptions();
        _prompts = new PromptAssembler(Options);
        var answerOptions = new AnswerChatOptions(Options, Parameters, NameOf);
        _limit = new PromptLimit(Options, chat.GetService<ChatClientMetadata>()?.DefaultModelId, () => answerOptions.SchemaText);
        _requests = new StructuredOutputFallback(chat, Options, answerOptions);
        _answers = new AnswerReader(Options, ParametersByName, NameOf);
    }

    /// <summary>The settings.</summary>
    public OptoPrimeOptions Options { get; }

    /// <summary>
    /// The problem the next step will show the model, built from the feedback the parameters hold now and fitted to
    /// <see cref="OptimizerOptions.MaxPromptTokens"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variables, outputs and feedback alone exceed the prompt budget.</exception>
    public ProblemInstance BuildProblem() => BuildPromptParts().Problem;

    /// <summary>The system and user prompts the next step will send.</summary>
    /// <exception cref="InvalidOperationException">The variables, outputs and feedback alone exceed the prompt budget.</exception>
    public (string System, string User) BuildPrompt()
    {
        var (problem, memory) = BuildPromptParts();
        return (PromptAssembler.SystemPrompt, _prompts.UserPrompt(problem.Render(Options.HiddenSections), memory, PendingRejections));
    }

    /// <summary>
    /// The user prompt of <see cref="BuildPrompt"/> for a request that sends <paramref name="system"/> and shows
    /// <paramref name="added"/> besides the problem: when all of it would exceed the budget, the problem is compacted
    /// further to leave room for <paramref name="added"/>, which is never cut.
    /// </summary>
    /// <param name="system">The system prompt the request sends.</param>
    /// <param name="added">What the request adds to the user prompt (earlier candidates, for one).</param>
    /// <param name="what">What <paramref name="added"/> is, for the error when it leaves no room.</param>
    /// <param name="user">The user prompt of <see cref="BuildPrompt"/>, when built already: returned as it is if everything fits.</param>
    /// <param name="withSchema">Whether the request sends the answer's schema (a suggestion does; a choice does not).</param>
    /// <exception cref="InvalidOperationException">The rest of the prompt, <paramref name="added"/> included, leaves no room for the problem.</exception>
    private protected string UserPromptLeavingRoomFor(string system, string added, string what, string? user = null, bool withSchema = true)
    {
        if (user is not null && _limit.Fits(system, user, added, withSchema)) return user;
        var (problem, memory) = BuildPromptParts(system, added, what, withSchema);
        return _prompts.UserPrompt(problem.Render(Options.HiddenSections), memory, PendingRejections);
    }

    // The past steps that fit, and the problem fitted to what the rest of the prompt leaves.
    private (ProblemInstance Problem, IReadOnlyList<(string Variables, string Feedback)> Memory) BuildPromptParts(
        string? system = null, string added = "", string? what = null, bool withSchema = true)
    {
        var memory = _limit.FitMemory(_memory.Snapshot(Options.MemorySize));
        var budget = _limit.ForProblem(system ?? PromptAssembler.SystemPrompt, _prompts.UserPrompt("", memory, PendingRejections) + added, what, withSchema);
        return (ProblemBuilder.Build(Parameters, NameOf, Options.Objective, Options.MaxValueLength, Options.HiddenSections, budget), memory);
    }

    /// <inheritdoc />
    protected override Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        var (system, user) = BuildPrompt();
        return AskAsync(system, user, Options.Temperature, cancellationToken);
    }

    /// <summary>Sends one problem and reads the answer into a proposal (checked, not applied), with the memory entry it would add.</summary>
    private protected async Task<Proposal> AskAsync(string system, string user, float? temperature, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        var (response, attempts) = await _requests.SendAsync(messages, temperature, cancellationToken).ConfigureAwait(false);
        var proposal = _answers.Read(system, user, response, attempts);
        proposal.Memory = Options.MemorySize > 0 ? (ProblemBuilder.Variables(Parameters, NameOf), ProblemBuilder.Feedback(Parameters)) : null;
        return proposal;
    }

    /// <summary>Sends a request whose answer is not a suggestion (a selection among candidates), with the step's retries and output limit.</summary>
    private protected Task<(ChatResponse? Response, IReadOnlyList<RequestAttempt> Attempts)> SendPlainAsync(List<ChatMessage> messages, CancellationToken cancellationToken) =>
        _requests.SendPlainAsync(messages, cancellationToken);

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
