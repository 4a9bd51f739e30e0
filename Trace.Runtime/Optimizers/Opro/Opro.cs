using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// OPRO (optimization by prompting): the model sees the values tried so far with their scores, from the lowest to the
/// highest, and proposes values that should score higher. It does not read the traced code: it learns from scores,
/// which suits prompts and settings judged by a number. The score of the current values is the mean of the scores given
/// with the feedback (<see cref="Optimizer.Backward(Node, string, double)"/>, which the trainer uses) or, when none was
/// given, of numbers the feedback starts with (<c>0.7</c>, <c>Score: 7/10</c>, <c>80%</c>).
/// </summary>
public sealed class Opro : Optimizer
{
    private readonly OproHistory _history = new();
    private readonly StructuredOutputFallback _requests;
    private readonly AnswerReader _answers;
    private readonly PromptLimit _limit;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters it may change.</param>
    /// <param name="chat">The model that proposes new values.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public Opro(IEnumerable<ParameterNode> parameters, IChatClient chat, OproOptions? options = null) : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(chat);
        Options = options ?? new OproOptions();
        var answerOptions = new AnswerChatOptions(Options, Parameters, NameOf);
        _limit = new PromptLimit(Options, chat.GetService<ChatClientMetadata>()?.DefaultModelId, () => answerOptions.SchemaText);
        _requests = new StructuredOutputFallback(chat, Options, answerOptions);
        _answers = new AnswerReader(Options, ParametersByName, NameOf);
    }

    /// <summary>The settings.</summary>
    public OproOptions Options { get; }

    /// <summary>
    /// The system and user prompts the next step will send (the current values are added to the solutions with their score
    /// when the step is asked).
    /// </summary>
    /// <exception cref="InvalidOperationException">The variables and the feedback alone exceed the prompt budget.</exception>
    public (string System, string User) BuildPrompt() => BuildPrompt(Current());

    /// <inheritdoc />
    protected override async Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        var current = Current();
        _history.Add(current, Options.HistorySize);
        var (system, user) = BuildPrompt(current);
        List<ChatMessage> messages = [new(ChatRole.System, system), new(ChatRole.User, user)];
        var (response, attempts) = await _requests.SendAsync(messages, Options.Temperature, cancellationToken).ConfigureAwait(false);
        return _answers.Read(system, user, response, attempts);
    }

    /// <inheritdoc />
    protected override void WriteState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state["solutions"] = _history.ToJson();
    }

    /// <inheritdoc />
    protected override void ReadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _history.Replace(state["solutions"] as JsonArray ?? throw new FormatException("it has no list of solutions."));
    }

    // The values being judged now, their score and their feedback.
    private OproSolution Current()
    {
        var judged = Parameters.Where(p => p.HasFeedback).ToList();
        var scores = Scores;
        double? score = scores.Count > 0 ? scores.Average() : null;
        if (score is null)
        {
            // One score per output judged: feedback equal in text on two outputs counts twice.
            var read = ProblemBuilder.PassesOf(Parameters).Select(p => FeedbackScore.Read(p.Pass.Feedback)).OfType<double>().ToList();
            if (read.Count > 0) score = read.Average();
        }

        if (score is { } mean && !double.IsFinite(mean)) score = null;

        return new OproSolution(ProblemBuilder.Variables(judged.Count > 0 ? judged : Parameters, NameOf), score, ProblemBuilder.Feedback(Parameters));
    }

    private (string System, string User) BuildPrompt(OproSolution current)
    {
        var judged = Parameters.Where(p => p.HasFeedback).ToList();
        var constraints = new StringBuilder();
        foreach (var parameter in judged.Count > 0 ? judged : Parameters)
        {
            if (ProblemBuilder.ConstraintText(parameter) is { } text) constraints.Append(NameOf(parameter)).Append(": ").Append(text).Append('\n');
        }

        var head = new StringBuilder()
            .Append("#Instruction\n").Append(Options.Objective).Append("\n\n")
            .Append("#Variables\n").Append(current.Values).Append("\n\n");
        if (constraints.Length > 0) head.Append("#Constraints\n").Append(constraints).Append('\n');
        var tail = new StringBuilder()
            .Append("#Feedback\n")
            .Append(current.Score is { } score ? string.Create(CultureInfo.InvariantCulture, $"(score {score:0.####}) ") : "")
            .Append(current.Feedback.TrimEnd()).Append("\n\n");
        PromptAssembler.AppendRejections(tail, PendingRejections);
        tail.Append(OptoPrimePrompts.FinalPrompt).Append('\n');

        // The solutions that fit: the lowest scores give way first.
        var solutions = _history.Best(Options.HistorySize, current);
        var budget = _limit.ForProblem(OproPrompts.System, head.ToString() + "#Solutions\n\n" + tail);
        string shown;
        while (true)
        {
            shown = OproHistory.Render(solutions, current.Values, Options.MaxValueLength);
            if (budget is null || budget.Count(shown) <= budget.Tokens || solutions.Count == 1) break;
            solutions.Remove(solutions.First(s => s.Values != current.Values)); // the lowest score gives way; the current values stay
        }

        return (OproPrompts.System, head + "#Solutions\n" + shown + "\n" + tail);
    }
}
