using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Opto.Backward;

namespace Opto.Optimizers;

/// <summary>
/// The base of optimizers: holds the parameters it may change, passes feedback backward, asks for a proposal and
/// applies it whole or not at all, and keeps a log of every step.
/// </summary>
public abstract class Optimizer
{
    private readonly Lock _lock = new();
    private readonly List<StepLog> _log = [];
    private readonly List<double> _scores = [];
    private List<Rejection> _pendingRejections = [];
    private readonly UsageDetails _totalUsage = new();
    private readonly Dictionary<ParameterNode, string> _names;
    private int _earlierSteps;

    /// <summary>Creates an optimizer over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">
    /// The parameters it may change (for example <c>agent.TrainableParameters()</c>). Each keeps, in this optimizer, the name
    /// it has now: the name the model sees and suggests values for.
    /// </param>
    /// <exception cref="ArgumentException">The list is empty, or two different parameters share a name (the model could not tell them apart).</exception>
    protected Optimizer(IEnumerable<ParameterNode> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var unique = new List<ParameterNode>();
        var byName = new Dictionary<string, ParameterNode>(StringComparer.Ordinal);
        var names = new Dictionary<ParameterNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            if (names.ContainsKey(parameter)) continue;
            var name = parameter.Name;
            if (byName.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"Two parameters are named '{name}' (two objects of one type, each listed by its own TrainableParameters()?). " +
                    "The model addresses parameters by name: list the objects from one object that holds them (its TrainableParameters() " +
                    "names each by its path), name each root (a.TrainableParameters(\"a\")), or give hand-made Parameter<T> objects distinct names.",
                    nameof(parameters));
            }

            byName.Add(name, parameter);
            names.Add(parameter, name);
            unique.Add(parameter);
        }

        if (unique.Count == 0) throw new ArgumentException("An optimizer needs at least one trainable parameter.", nameof(parameters));
        Parameters = unique;
        ParametersByName = byName;
        _names = names;
    }

    /// <summary>The parameters this optimizer may change.</summary>
    public IReadOnlyList<ParameterNode> Parameters { get; }

    /// <summary>Every step so far, oldest first.</summary>
    public IReadOnlyList<StepLog> Log
    {
        get { lock (_lock) return [.. _log]; }
    }

    /// <summary>Tokens used by every request so far, proposals never applied included (a copy: counts of every kind the responses reported, added up).</summary>
    public UsageDetails TotalUsage
    {
        get
        {
            lock (_lock) return Tokens.Sum([_totalUsage]);
        }
    }

    /// <summary>The parameters by name.</summary>
    protected IReadOnlyDictionary<string, ParameterNode> ParametersByName { get; }

    /// <summary>
    /// The name this optimizer gives a parameter: the name it had when the optimizer was created, even if a later
    /// <c>TrainableParameters()</c> call reached it by another path.
    /// </summary>
    /// <param name="parameter">A parameter of this optimizer, or any other node (whose current name is returned).</param>
    public string NameOf(Node parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter is ParameterNode p && _names.TryGetValue(p, out var name) ? name : parameter.Name;
    }

    /// <summary>The rejections of the last applied-or-refused step, which the next prompt must show the model.</summary>
    protected IReadOnlyList<Rejection> PendingRejections
    {
        get { lock (_lock) return _pendingRejections; }
    }

    /// <summary>
    /// What <see cref="Backward(Node, string)"/> does when feedback reaches no trainable parameter: by default it is
    /// reported (<see cref="BackwardResult.ReachedNothing"/> and a warning through <see cref="TraceLogging"/>); set
    /// <c>new BackwardOptions { ThrowWhenNothingReached = true }</c> to make it an error.
    /// </summary>
    public BackwardOptions BackwardOptions
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = BackwardOptions.Default;

    /// <summary>Gives feedback on an output node; every parameter it depends on receives it.</summary>
    /// <param name="output">The node that is judged.</param>
    /// <param name="feedback">The feedback: a score, a critique, an error message.</param>
    /// <exception cref="FeedbackReachedNothingException">
    /// No trainable parameter was reached and <see cref="BackwardOptions"/> says to throw.
    /// </exception>
    public BackwardResult Backward(Node output, string feedback)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Backward(feedback, BackwardOptions);
    }

    /// <summary>
    /// Gives feedback on a value a traced call returned (or on a <see cref="Node"/>): in the current trace scope, or in
    /// one of the most recently disposed ones (the last one disposed in the process, on any thread, and up to 16 while
    /// together they hold at most 4,096 nodes), since a scope's graph stays readable for backward after it ends.
    /// </summary>
    /// <param name="output">The value that is judged.</param>
    /// <param name="feedback">The feedback.</param>
    /// <exception cref="InvalidOperationException">The value did not come from a traced call of the current scope or of a recent one.</exception>
    /// <exception cref="FeedbackReachedNothingException">
    /// No trainable parameter was reached and <see cref="BackwardOptions"/> says to throw.
    /// </exception>
    public BackwardResult Backward(object output, string feedback)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output is Node node) return Backward(node, feedback);
        var found = TraceScope.FindNode(output) ?? throw new InvalidOperationException(
            $"The value '{ValueText.Format(output, 60)}' was not produced by a traced call in the current trace scope or in one of the " +
            $"most recently ended ones (the last one ended in the process, on any thread, and up to {TraceScope.RecentlyDisposedKept} while " +
            $"together they hold at most {TraceScope.RecentlyDisposedNodes} nodes). Run the program inside 'using var scope = TraceScope.Begin();' and pass " +
            "the value a [Traced] method returned (value types are linked only when handed straight to another traced call), or pass its Node " +
            "(scope.Graph.NodeOf(value)).");
        return Backward(found, feedback);
    }

    /// <summary>
    /// Gives feedback on an output node together with its score (higher is better), as a guide or a trainer judged it: an
    /// optimizer that learns from scores (<see cref="Opro"/>) reads the scores given since <see cref="ZeroFeedback"/>.
    /// </summary>
    /// <param name="output">The node that is judged.</param>
    /// <param name="feedback">The feedback.</param>
    /// <param name="score">The output's score; a finite number.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is not a finite number.</exception>
    /// <exception cref="FeedbackReachedNothingException">
    /// No trainable parameter was reached and <see cref="BackwardOptions"/> says to throw.
    /// </exception>
    public BackwardResult Backward(Node output, string feedback, double score)
    {
        if (!double.IsFinite(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "A score must be a finite number.");
        var result = Backward(output, feedback);
        Scored(result, score);
        return result;
    }

    /// <summary>Gives feedback on a value a traced call returned, with its score (see <see cref="Backward(Node, string, double)"/>).</summary>
    /// <param name="output">The value that is judged.</param>
    /// <param name="feedback">The feedback.</param>
    /// <param name="score">The output's score; a finite number.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is not a finite number.</exception>
    /// <exception cref="InvalidOperationException">The value did not come from a traced call of the current scope or of a recent one.</exception>
    public BackwardResult Backward(object output, string feedback, double score)
    {
        if (!double.IsFinite(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "A score must be a finite number.");
        var result = Backward(output, feedback);
        Scored(result, score);
        return result;
    }

    // A score counts for these parameters only when its feedback reached one of them.
    private void Scored(BackwardResult result, double score)
    {
        if (!result.Parameters.Any(_names.ContainsKey)) return;
        lock (_lock) _scores.Add(score);
    }

    /// <summary>
    /// The scores given with feedback since the last <see cref="ZeroFeedback"/>, in the order they were given: those whose
    /// feedback reached at least one of this optimizer's parameters.
    /// </summary>
    protected IReadOnlyList<double> Scores
    {
        get { lock (_lock) return [.. _scores]; }
    }

    /// <summary>Forgets the feedback on every parameter of this optimizer, and the scores given with it.</summary>
    public void ZeroFeedback()
    {
        foreach (var parameter in Parameters) parameter.ZeroFeedback();
        lock (_lock) _scores.Clear();
    }

    /// <summary>
    /// Asks the model for new values without applying them. Several proposals can be made from the same values and
    /// one of them applied; a proposal made before any parameter changed is refused as stale.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request (and its retries).</param>
    /// <remarks>
    /// When no parameter has feedback there is no problem to solve: the model is not asked, and the proposal's
    /// <see cref="Proposal.NotSentReason"/> says why (a warning is logged through <see cref="TraceLogging"/>).
    /// </remarks>
    public async Task<Proposal> ProposeAsync(CancellationToken cancellationToken = default)
    {
        var basis = Parameters.Select(p => p.Value).ToArray();
        if (NotSent(basis) is { } notSent) return notSent;
        var proposal = await ProposeCoreAsync(cancellationToken).ConfigureAwait(false);
        Made(proposal, basis);
        return proposal;
    }

    /// <summary>
    /// Asks for <paramref name="count"/> different proposals from the same feedback, none applied: the candidates a search
    /// scores (for example <c>TrainerOptions.Proposals</c>, on a validation set) before it applies one with
    /// <see cref="Apply(Proposal)"/>. An optimizer that generates candidates itself (<see cref="OptoPrimeMulti"/>) returns
    /// them without choosing; the others are asked <paramref name="count"/> times.
    /// </summary>
    /// <param name="count">How many candidates; at least 1.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The candidates; one not-sent proposal when no parameter has feedback.</returns>
    public async Task<IReadOnlyList<Proposal>> ProposeCandidatesAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var basis = Parameters.Select(p => p.Value).ToArray();
        if (NotSent(basis) is { } notSent) return [notSent];
        var proposals = await ProposeCandidatesCoreAsync(count, cancellationToken).ConfigureAwait(false);
        foreach (var proposal in proposals) Made(proposal, basis);
        return proposals;
    }

    /// <summary>Asks for <paramref name="count"/> candidates: by default <see cref="ProposeCoreAsync"/> that many times, one after another.</summary>
    /// <param name="count">How many candidates; at least 1.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    protected virtual async Task<IReadOnlyList<Proposal>> ProposeCandidatesCoreAsync(int count, CancellationToken cancellationToken)
    {
        var proposals = new List<Proposal>(count);
        try
        {
            for (var i = 0; i < count; i++) proposals.Add(await ProposeCoreAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception)
        {
            SpentOnFailedProposal(Tokens.Sum(proposals.Select(p => p.Usage))); // the candidates answered before were paid for
            throw;
        }

        return proposals;
    }

    // When no parameter has feedback there is no problem to solve: nothing is asked.
    private Proposal? NotSent(object?[] basis)
    {
        if (Parameters.Any(p => p.HasFeedback)) return null;
        var reason = "No parameter of this optimizer has feedback, so there is nothing to improve and the model was not asked. " +
            "Call Backward(output, feedback) on the outputs of a rollout first (after ZeroFeedback, before the step); if you did, " +
            "the feedback reached none of these parameters: check BackwardResult.ReachedNothing and its Explanation.";
        TraceLogging.Warn("Opto.Optimizers", TraceLogging.StepSkipped, reason);
        var notSent = Proposal.NotSent(reason);
        notSent.Basis = basis;
        return notSent;
    }

    /// <summary>Counts the tokens of requests answered for a proposal that then failed as a whole (they were paid for).</summary>
    private protected void SpentOnFailedProposal(UsageDetails usage)
    {
        lock (_lock) _totalUsage.Add(usage);
    }

    private void Made(Proposal proposal, object?[] basis)
    {
        proposal.Basis = basis;
        // A candidate taken from a step's log and applied later is as stale as the proposal it came with.
        foreach (var candidate in proposal.Candidates) candidate.Basis ??= basis;
        // Every request is counted when it is answered: a proposal never applied (a search's losers) cost tokens too.
        lock (_lock) _totalUsage.Add(proposal.Usage);
    }

    /// <summary>Asks the model for new values: the optimizer's own algorithm.</summary>
    /// <param name="cancellationToken">Cancels the request (and its retries).</param>
    protected abstract Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken);

    /// <summary>Asks the model for new values and applies them, all or none.</summary>
    /// <param name="cancellationToken">Cancels the request (and its retries).</param>
    /// <returns>The step's log: what was applied, what was rejected and why.</returns>
    public async Task<StepLog> StepAsync(CancellationToken cancellationToken = default)
    {
        using var activity = OptoTelemetry.Source.StartActivity("opto.optimizer.step");
        activity?.SetTag("opto.optimizer", GetType().Name);
        activity?.SetTag("opto.parameters", Parameters.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Once the answer is in, applying it is quick and atomic: it is not cancelled half way.
            var proposal = await ProposeAsync(cancellationToken).ConfigureAwait(false);
            var log = Apply(proposal);
            StepTelemetry.Completed(this, log, activity, clock.ElapsedMilliseconds);
            return log;
        }
        catch (Exception e) when (StepTelemetry.Failed(this, e, activity, clock.ElapsedMilliseconds))
        {
            throw; // never reached: the filter records and declines
        }
    }

    /// <summary>
    /// Applies a proposal: every change or, when anything in it was rejected or a parameter refuses its new value,
    /// none. Rejections are kept and shown to the model in the next step.
    /// </summary>
    /// <param name="proposal">A proposal from <see cref="ProposeAsync"/>.</param>
    public StepLog Apply(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        lock (_lock)
        {
            var rejected = new List<Rejection>(proposal.Rejections);
            var applied = new List<ParameterChange>();
            if (proposal.NotSentReason is not null)
            {
                // Nothing was asked: the rejections still waiting to be shown to the model stay for the next real step.
                var skipped = new StepLog(_earlierSteps + _log.Count + 1, proposal, applied, rejected);
                _log.Add(skipped);
                OnStepRecorded(skipped);
                return skipped;
            }

            if (rejected.Count > 0 && proposal.Changes.Count > 0)
            {
                rejected.Add(new Rejection(null, null,
                    $"Nothing was applied, not even the valid suggestions for {string.Join(", ", proposal.Changes.Select(c => NameOf(c.Parameter)))}: " +
                    "a step changes all its parameters or none. Send every suggestion again, fixed."));
            }
            else if (Stale(proposal) is { } stale)
            {
                rejected.Add(stale);
            }
            else if (rejected.Count == 0)
            {
                WriteAll(proposal.Changes, applied, rejected);
            }

            var log = new StepLog(_earlierSteps + _log.Count + 1, proposal, applied, rejected);
            _log.Add(log);
            _pendingRejections = rejected;
            OnStepRecorded(log);
            return log;
        }
    }

    /// <summary>
    /// What this optimizer carries from one step to the next, as JSON: how many steps it has taken, the rejections the
    /// next prompt shows, and the memory of an optimizer that keeps one. A run store saves it with each step so that a
    /// resumed run asks the model exactly what the uninterrupted run would have. Parameter values are not part of it.
    /// </summary>
    public JsonObject ExportState()
    {
        lock (_lock)
        {
            var state = new JsonObject
            {
                ["optimizer"] = GetType().Name,
                ["steps"] = _earlierSteps + _log.Count,
                ["pendingRejections"] = JsonSerializer.SerializeToNode(_pendingRejections, ParameterStore.JsonOptions),
                ["usage"] = JsonSerializer.SerializeToNode(_totalUsage, ParameterStore.JsonOptions),
            };
            WriteState(state);
            return state;
        }
    }

    /// <summary>Takes up the state <see cref="ExportState"/> saved, replacing this optimizer's; its log starts empty.</summary>
    /// <param name="state">A state exported by an optimizer of the same type.</param>
    /// <exception cref="ArgumentException">The state is of another optimizer type or cannot be read; nothing changed.</exception>
    public void ImportState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var type = state["optimizer"]?.GetValue<string>();
        if (type != GetType().Name)
        {
            throw new ArgumentException($"The saved optimizer state is of {type ?? "an unknown optimizer"}, not {GetType().Name}: resume with the optimizer the run was started with.", nameof(state));
        }

        try
        {
            var steps = state["steps"]!.GetValue<int>();
            if (steps < 0) throw new FormatException($"it counts {steps} steps.");
            var rejections = state["pendingRejections"].Deserialize<List<Rejection>>(ParameterStore.JsonOptions) ?? [];
            var usage = state["usage"].Deserialize<UsageDetails>(ParameterStore.JsonOptions) ?? new UsageDetails();
            lock (_lock)
            {
                ReadState(state);
                (_earlierSteps, _pendingRejections) = (steps, rejections);
                _log.Clear();
                _totalUsage.InputTokenCount = usage.InputTokenCount;
                _totalUsage.OutputTokenCount = usage.OutputTokenCount;
                _totalUsage.TotalTokenCount = usage.TotalTokenCount;
                _totalUsage.CachedInputTokenCount = usage.CachedInputTokenCount;
                _totalUsage.ReasoningTokenCount = usage.ReasoningTokenCount;
                _totalUsage.AdditionalCounts = usage.AdditionalCounts;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or KeyNotFoundException or NotSupportedException)
        {
            throw new ArgumentException($"The saved {GetType().Name} state cannot be read: {e.Message}", nameof(state), e);
        }
    }

    /// <summary>Adds what a derived optimizer keeps between steps to <paramref name="state"/> (under the optimizer's lock).</summary>
    /// <param name="state">The state being exported.</param>
    protected virtual void WriteState(JsonObject state)
    {
    }

    /// <summary>Reads back what <see cref="WriteState"/> wrote (under the optimizer's lock); throw to refuse the state, nothing is changed then.</summary>
    /// <param name="state">The state being imported.</param>
    protected virtual void ReadState(JsonObject state)
    {
    }

    /// <summary>Called, under the optimizer's lock, after each step is recorded (for memory of past steps).</summary>
    /// <param name="step">The step.</param>
    protected virtual void OnStepRecorded(StepLog step)
    {
    }

    // A proposal made from values that have changed since would write a mix nobody proposed.
    private Rejection? Stale(Proposal proposal)
    {
        if (proposal.Basis is not { } basis || basis.Length != Parameters.Count) return null;
        for (var i = 0; i < basis.Length; i++)
        {
            var parameter = Parameters[i];
            if (!ValueComparer.Same(basis[i], parameter.Value, parameter.ValueType))
            {
                return new Rejection(NameOf(parameter), null,
                    "changed after this proposal was made; nothing was applied. Propose again from the current values.");
            }
        }

        return null;
    }

    private void WriteAll(IReadOnlyList<ParameterChange> changes, List<ParameterChange> applied, List<Rejection> rejected)
    {
        var previous = new List<object?>();
        foreach (var change in changes)
        {
            try
            {
                previous.Add(change.Parameter.Value);
                change.Parameter.SetValue(change.NewValue);
                applied.Add(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A setter refused the value (validation in the user's property): restore what was written, newest first.
                var failedRestores = new List<string>();
                for (var i = applied.Count - 1; i >= 0; i--)
                {
                    try
                    {
                        applied[i].Parameter.SetValue(previous[i]);
                    }
                    catch (Exception restore) when (restore is not OutOfMemoryException)
                    {
                        failedRestores.Add($"{NameOf(applied[i].Parameter)} ({restore.GetType().Name}: {Answers.JsonText.Visible(restore.Message)})");
                    }
                }

                applied.Clear();
                rejected.Add(new Rejection(NameOf(change.Parameter), ValueText.Format(change.NewValue, 200),
                    $"the parameter refused the value ({e.GetType().Name}: {Answers.JsonText.Visible(e.Message)}); nothing was applied." +
                    (failedRestores.Count == 0 ? "" : $" Restoring the previous value also failed for {string.Join(", ", failedRestores)}.")));
                return;
            }
        }
    }
}
