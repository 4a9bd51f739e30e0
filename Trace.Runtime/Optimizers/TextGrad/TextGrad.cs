using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Optimizers.Answers;

namespace Opto.Optimizers;

/// <summary>
/// TextGrad: the feedback on each output is the first "textual gradient"; walking the graph backward, the model is asked,
/// once per call on a path from a trainable parameter to an output, how each of that call's inputs should change given the
/// feedback on what it returned; then each parameter is updated, one request each, from all the feedback it received.
/// Calls whose consumers are done run concurrently, at most <see cref="TextGradOptions.MaxParallelism"/> at a time.
/// <see cref="Proposal.Requests"/> counts the requests of a step and <see cref="Proposal.Exchanges"/> keeps each one.
/// </summary>
/// <remarks>
/// A gradient answer that cannot be read (or that leaves an input out) never drops feedback: that input gets the
/// feedback on the call's output as it was, and the step's reasoning says so. Updates are read and checked like OptoPrime's
/// answers, and the step applies all of them or none.
/// </remarks>
public sealed class TextGrad : Optimizer
{
    private readonly StructuredOutputFallback _gradientRequests;
    private readonly PromptLimit _plainLimit;
    private readonly FeedbackMerger _merger;
    private readonly Dictionary<ParameterNode, (StructuredOutputFallback Requests, AnswerReader Answers, PromptLimit Limit)> _updaters = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters it may change.</param>
    /// <param name="chat">The model that writes the gradients and the updates.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public TextGrad(IEnumerable<ParameterNode> parameters, IChatClient chat, TextGradOptions? options = null) : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(chat);
        Options = options ?? new TextGradOptions();
        _gradientRequests = new StructuredOutputFallback(chat, Options, new AnswerChatOptions(Options, Parameters, NameOf));
        var model = chat.GetService<ChatClientMetadata>()?.DefaultModelId;
        // Gradient and merge requests ask for plain text: no answer schema is sent with them.
        _plainLimit = new PromptLimit(Options, model, static () => "");
        _merger = new FeedbackMerger(_gradientRequests, _plainLimit);
        foreach (var parameter in Parameters)
        {
            // Each update may suggest its own variable only.
            var only = new Dictionary<string, ParameterNode>(StringComparer.Ordinal) { [NameOf(parameter)] = parameter };
            var answerOptions = new AnswerChatOptions(Options, [parameter], NameOf);
            _updaters[parameter] = (new StructuredOutputFallback(chat, Options, answerOptions), new AnswerReader(Options, only, NameOf), new PromptLimit(Options, model, () => answerOptions.SchemaText));
        }
    }

    /// <summary>The settings.</summary>
    public TextGradOptions Options { get; }

    /// <summary>Feedback one node received, and from where.</summary>
    internal sealed record Gradient(string Text, string Where);

    /// <inheritdoc />
    protected override async Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        var graph = new GradientGraph(Parameters);
        var gradients = new Dictionary<Node, List<Gradient>>(ReferenceEqualityComparer.Instance);
        var exchanges = new List<(int Order, Proposal Request)>();
        var notes = new List<string>();
        foreach (var (output, feedback) in graph.Outputs) Receive(gradients, output, new Gradient(feedback, TextGradPrompts.OutputFeedback));

        using var gate = new SemaphoreSlim(Options.MaxParallelism);
        // One failed request fails the step: the requests still waiting are not sent.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Task?[graph.Nodes.Count];
        for (var i = graph.Nodes.Count - 1; i >= 0; i--)
        {
            if (!graph.OnPath[i] || graph.ParentsOnPath[i].Count == 0) continue;
            var consumers = graph.Consumers[i].Select(c => tasks[graph.PositionOf(c)]).OfType<Task>().ToArray();
            tasks[i] = StepTasks.StopOnFailure(PropagateAsync(graph, i, consumers, gradients, exchanges, notes, gate, stop.Token), stop);
        }

        var updating = Array.Empty<Task<(ParameterNode Parameter, Proposal Proposal)>>();
        try
        {
            await StepTasks.FirstFailure(tasks.OfType<Task>().ToArray()).ConfigureAwait(false);
            updating = [.. Parameters.Where(p => gradients.ContainsKey(p)).Select(parameter => StepTasks.StopOnFailure(StepTasks.Bounded(gate, () => UpdateAsync(parameter, gradients[parameter], exchanges, stop.Token), stop.Token), stop))];
            await StepTasks.FirstFailure(updating).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The requests answered before the failure were paid for.
            lock (exchanges) SpentOnFailedProposal(Tokens.Sum(exchanges.Select(e => e.Request.Usage).Concat(updating.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.Proposal.Usage))));
            throw;
        }

        var updates = updating.Select(t => t.Result).ToArray();

        return Combine(gradients, exchanges.OrderBy(e => e.Order).Select(e => e.Request).ToList(), updates, notes);
    }

    private static void Receive(Dictionary<Node, List<Gradient>> gradients, Node node, Gradient gradient)
    {
        lock (gradients)
        {
            if (!gradients.TryGetValue(node, out var list)) gradients[node] = list = [];
            list.Add(gradient);
        }
    }

    private async Task PropagateAsync(GradientGraph graph, int position, Task[] consumers, Dictionary<Node, List<Gradient>> gradients,
        List<(int, Proposal)> exchanges, List<string> notes, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await Task.WhenAll(consumers).ConfigureAwait(false);
        var node = graph.Nodes[position];
        List<Gradient> incoming;
        lock (gradients) incoming = gradients.TryGetValue(node, out var list) ? [.. list] : [];
        if (incoming.Count == 0) return;

        var inputs = InputsOf(node);
        var targets = inputs.Where(i => graph.ParentsOnPath[position].Contains(i.Node, ReferenceEqualityComparer.Instance)).ToList();
        var call = CallText(node, inputs);
        var order = graph.Nodes.Count - position;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        (ChatResponse? Response, IReadOnlyList<RequestAttempt> Attempts) answer;
        string user;
        try
        {
            incoming = [.. await _merger.FitAsync($"what {call} returned", incoming,
                items => _plainLimit.Fits(TextGradPrompts.GradientSystem, GradientPrompt(node, call, inputs, targets, items), ""), LogTo(exchanges, order), cancellationToken).ConfigureAwait(false)];
            user = GradientPrompt(node, call, inputs, targets, incoming);
            answer = await _gradientRequests.SendPlainAsync([new(ChatRole.System, TextGradPrompts.GradientSystem), new(ChatRole.User, user)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        lock (exchanges) exchanges.Add((order, Proposal.Exchange($"gradient of {call}", TextGradPrompts.GradientSystem, user, answer.Response, answer.Attempts)));
        var where = $"{call}, which returned {ValueJson.Truncate(ValueJson.Format(node.Value, node.ValueType), 300)}";
        var (given, problem) = ReadGradients(answer.Response?.Text, targets.Select(t => t.Label).ToList());
        foreach (var target in targets)
        {
            if (given.TryGetValue(target.Label, out var text))
            {
                Receive(gradients, target.Node, new Gradient(text, where));
                continue;
            }

            // No feedback is dropped: the input gets what was said about the call's output.
            Receive(gradients, target.Node, new Gradient(string.Join("\n", incoming.Select(g => g.Text)), where));
            lock (notes) notes.Add($"The gradient answer for {call} {problem ?? $"gave no feedback for {target.Label}"}: {target.Label} got the feedback on the call's output unchanged.");
        }
    }

    private (Dictionary<string, string> Given, string? Problem) ReadGradients(string? answer, List<string> labels)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        if (KeyedAnswer.Read(answer, "feedback", out var error) is not { } read) return (given, $"could not be used ({error})");
        var feedback = KeyedAnswer.Get(read, "feedback")!.Value;
        if (feedback.ValueKind == JsonValueKind.String && labels.Count == 1)
        {
            if (Usable(feedback) is { } only) given[labels[0]] = only;
            return (given, null);
        }

        if (feedback.ValueKind != JsonValueKind.Object) return (given, $"could not be used (\"feedback\" is a {AnswerParser.Describe(feedback.ValueKind)}, not an object of texts by input)");
        foreach (var label in labels)
        {
            // The exact name first: inputs that differ only in case are different inputs.
            var text = feedback.EnumerateObject().Where(p => p.Name == label).Select(p => (JsonElement?)p.Value).FirstOrDefault()
                       ?? (labels.Count(l => l.Equals(label, StringComparison.OrdinalIgnoreCase)) == 1 ? KeyedAnswer.Get(feedback, label) : null);
            if (text is { } value && Usable(value) is { } usable) given[label] = usable;
        }

        return (given, null);
    }

    // A gradient is text with something in it; blank text is no feedback (the input then gets the output's, unchanged).
    private string? Usable(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text ? ValueText.Truncate(text, Options.MaxSuggestionLength) : null;

    private async Task<(ParameterNode Parameter, Proposal Proposal)> UpdateAsync(ParameterNode parameter, List<Gradient> received, List<(int, Proposal)> exchanges, CancellationToken cancellationToken)
    {
        var name = NameOf(parameter);
        var (requests, answers, limit) = _updaters[parameter];
        // A variable read by many calls gets feedback from each: merged until its update fits the prompt's budget (its merges
        // are logged after every gradient request).
        var feedback = await _merger.FitAsync(name, received, items => limit.Fits(TextGradPrompts.UpdateSystem, UpdatePrompt(parameter, name, items), ""),
            LogTo(exchanges, int.MaxValue), cancellationToken).ConfigureAwait(false);

        var prompt = UpdatePrompt(parameter, name, feedback);
        var (response, attempts) = await requests.SendAsync([new(ChatRole.System, TextGradPrompts.UpdateSystem), new(ChatRole.User, prompt)], Options.Temperature, cancellationToken).ConfigureAwait(false);
        var proposal = answers.Read(TextGradPrompts.UpdateSystem, prompt, response, attempts);
        proposal.Exchanges = [new ModelExchange($"update of {name}", TextGradPrompts.UpdateSystem, prompt, proposal.RawAnswer)];
        return (parameter, proposal);
    }

    private static Action<Proposal> LogTo(List<(int, Proposal)> exchanges, int order) => request =>
    {
        lock (exchanges) exchanges.Add((order, request));
    };

    private string UpdatePrompt(ParameterNode parameter, string name, IReadOnlyList<Gradient> received)
    {
        var user = new StringBuilder("#Variable\n").Append(VariableLine(parameter)).Append('\n');
        if (ProblemBuilder.ConstraintText(parameter) is { } role) user.Append("#Role\n").Append(role).Append("\n\n");
        user.Append("#Instruction\n").Append(Options.Objective).Append("\n\n#Feedback\n");
        for (var k = 0; k < received.Count; k++)
        {
            user.Append('[').Append(k + 1).Append("] Where it was used: ").Append(received[k].Where).Append('\n').Append(received[k].Text.Trim()).Append("\n\n");
        }

        PromptAssembler.AppendRejections(user, [.. PendingRejections.Where(r => r.Name is null || r.Name == name)]);
        return user.Append(OptoPrimePrompts.FinalPrompt).Append('\n').ToString();
    }

    private Proposal Combine(Dictionary<Node, List<Gradient>> gradients, List<Proposal> gradientRequests, (ParameterNode Parameter, Proposal Proposal)[] updates, List<string> notes)
    {
        var reasoning = new StringBuilder();
        foreach (var (parameter, update) in updates)
        {
            reasoning.Append(NameOf(parameter)).Append(": ").Append(update.Reasoning?.Trim() ?? (update.NoChangeSuggested ? "no change." : "no reasoning.")).Append('\n');
            foreach (var gradient in gradients[parameter]) reasoning.Append("  feedback from ").Append(gradient.Where).Append(": ").Append(ValueText.Truncate(gradient.Text.Trim(), 500)).Append('\n');
        }

        foreach (var note in notes.Order(StringComparer.Ordinal)) reasoning.Append(note).Append('\n');
        var proposals = updates.Select(u => u.Proposal).ToList();
        var all = gradientRequests.Concat(proposals).ToList();
        // A rejection belongs to the update that made it, so that the next update of that variable is told.
        var rejections = updates.SelectMany(u => u.Proposal.Rejections.Select(r => Owned(r, NameOf(u.Parameter)))).ToList();
        var changes = proposals.SelectMany(u => u.Changes).ToList();
        return new Proposal(TextGradPrompts.UpdateSystem, string.Join("\n---\n", proposals.Select(u => u.UserPrompt)), string.Join("\n---\n", proposals.Select(u => u.RawAnswer)),
            reasoning.ToString().TrimEnd(), null, changes, rejections, rejections.Count == 0 && changes.Count == 0,
            [.. all.SelectMany(p => p.Attempts)], Tokens.Sum(all.Select(p => p.Usage)))
        {
            Exchanges = [.. all.SelectMany(p => p.Exchanges)],
            ModelId = all.Select(p => p.ModelId).FirstOrDefault(m => m is not null),
        };
    }

    private static Rejection Owned(Rejection rejection, string variable) =>
        rejection.Name == variable ? rejection : new Rejection(variable, rejection.Suggested, rejection.Name is null ? rejection.Reason : $"the update suggested '{rejection.Name}', which {rejection.Reason}");

    private sealed record Input(string Label, Node Node, bool Read);

    // A call's inputs as the prompt names them: its arguments by parameter name, then the variables its body reads.
    private List<Input> InputsOf(Node node)
    {
        var inputs = new List<Input>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        void Add(string label, Node parent, bool read)
        {
            var unique = label;
            for (var k = 2; !used.Add(unique); k++) unique = $"{label}_{k}";
            inputs.Add(new Input(unique, parent, read));
        }

        if (node is MessageNode message)
        {
            foreach (var (key, value) in message.Inputs) Add(key, value, false);
            foreach (var dependency in message.HiddenDependencies) Add(NameOf(dependency), dependency, true);
            var extra = message.Inputs.Count + message.HiddenDependencies.Count;
            if (message.Receiver is { } receiver) Add("this", receiver, false);
            if (message.Decision is { } decision) Add("when", decision, false);
            var after = extra + (message.Receiver is null ? 0 : 1) + (message.Decision is null ? 0 : 1);
            for (var i = after; i < node.ParentCount; i++) Add(NodeName(node.GetParent(i)), node.GetParent(i), false);
        }
        else
        {
            for (var i = 0; i < node.ParentCount; i++) Add(NodeName(node.GetParent(i)), node.GetParent(i), false);
        }

        return inputs;
    }

    private string CallText(Node node, List<Input> inputs) => node switch
    {
        MessageNode message => $"{node.Name} = {message.Operator.MethodName}({string.Join(", ", inputs.Where(i => !i.Read).Select(i => $"{i.Label}={NodeName(i.Node)}"))})" +
                                        (inputs.Any(i => i.Read) ? $"  // reads {string.Join(", ", inputs.Where(i => i.Read).Select(i => i.Label))}" : "") +
                                        (node is ExceptionNode thrown ? $"  // threw {thrown.Exception.GetType().Name}" : ""),
        GlueNode glue => $"{node.Name} = {glue.Expression}",
        DecisionNode decision => $"{node.Name} = {decision.Expression}  // decided whether a call ran",
        _ => $"{node.Name} = [{string.Join(", ", inputs.Select(i => NodeName(i.Node)))}]",
    };

    private string GradientPrompt(Node node, string call, List<Input> inputs, List<Input> targets, IReadOnlyList<Gradient> incoming)
    {
        var text = new StringBuilder("#Call\n").Append(call).Append("\n\n");
        if (node.Description is { } description) text.Append("#Documentation\n").Append(description).Append("\n\n");
        text.Append("#Inputs\n");
        foreach (var input in inputs) text.Append(ValueLine(input.Label, input.Node)).Append('\n');
        text.Append("\n#Output\n").Append(ValueLine(node.Name, node)).Append("\n\n#Feedback on the output\n");
        foreach (var gradient in incoming)
        {
            text.Append("- ").Append(gradient.Where == TextGradPrompts.OutputFeedback ? "" : $"(from {gradient.Where}) ").Append(gradient.Text.Trim()).Append('\n');
        }

        text.Append("\n#Give feedback to\n").Append(string.Join(", ", targets.Select(t => t.Label))).Append("\n\n");
        return text.Append(OptoPrimePrompts.FinalPrompt).Append('\n').ToString();
    }

    private string NodeName(Node node) => node is ParameterNode parameter ? NameOf(parameter) : node.Name;

    // Variables are shown whole (they are what changes); other values are cut at MaxValueLength.
    private string ValueLine(string label, Node node) => node is ParameterNode parameter && _updaters.ContainsKey(parameter)
        ? parameter.IsCode ? ProblemBuilder.CodeLine(label, parameter) : ProblemBuilder.ValueLine(label, parameter, int.MaxValue)
        : ProblemBuilder.ValueLine(label, node, Options.MaxValueLength);

    private string VariableLine(ParameterNode parameter) => ValueLine(NameOf(parameter), parameter);
}
