using System.Diagnostics;
using Microsoft.Extensions.AI;
using Opto.Optimizers;

namespace Opto.Training;

/// <summary>
/// Trains an agent over a dataset with minibatches: each batch's rollouts run concurrently (each in its own
/// <see cref="TraceScope"/>), a guide judges every output, each judgement's feedback goes backward from that output,
/// and the optimizer takes one step per batch. With a validation set it validates every
/// <see cref="TrainerOptions.ValidateEvery"/> steps, keeps the best parameters and can stop early.
/// </summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is.</typeparam>
/// <typeparam name="TOutput">What the agent returns.</typeparam>
/// <remarks>
/// A rollout that throws becomes feedback through its exception node (score 0), as in Trace; a guide that throws stops
/// the run with a <see cref="TrainingException"/> naming the example. Cancelling leaves the parameters as of the last
/// applied step.
/// </remarks>
public sealed partial class Trainer<TInput, TExpected, TOutput>
{
    private readonly RolloutRunner<TInput, TExpected, TOutput> _runner;
    private readonly Optimizer _optimizer;
    private readonly TrainerOptions _options;
    private readonly IRolloutExecutor _executor;

    /// <summary>Creates a trainer.</summary>
    /// <param name="agent">One run of the agent on an input; its [Traced] calls make the rollout's graph.</param>
    /// <param name="guide">Judges each output.</param>
    /// <param name="optimizer">Steps the agent's parameters; its parameters are the ones trained (and restored).</param>
    /// <param name="options">How to train; default <see cref="TrainerOptions"/>.</param>
    public Trainer(Func<TInput, CancellationToken, Task<TOutput>> agent, IGuide<TInput, TExpected, TOutput> guide, Optimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(optimizer);
        _options = options ?? new TrainerOptions();
        _options.Validate();
        _runner = new RolloutRunner<TInput, TExpected, TOutput>(agent, guide);
        _optimizer = optimizer;
        _executor = _options.Executor ?? new InProcessRolloutExecutor(_options.MaxParallelism);
    }

    /// <summary>Runs the agent on every example and judges it, changing nothing.</summary>
    /// <param name="examples">The examples.</param>
    /// <param name="cancellationToken">Cancels the rollouts.</param>
    public async Task<Evaluation> EvaluateAsync(IReadOnlyList<Example<TInput, TExpected>> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rollouts = await RunAsync(Named(examples), cancellationToken).ConfigureAwait(false);
        return new Evaluation([.. rollouts.Select(r => r.ToResult(feedbackReached: 0))]);
    }

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> when given.</summary>
    /// <param name="train">The training examples; at least one.</param>
    /// <param name="validation">The validation examples, or <see langword="null"/> to train without validation (nothing is then restored).</param>
    /// <param name="progress">Told after each step.</param>
    /// <param name="cancellationToken">Stops the run; the parameters stay as of the last applied step.</param>
    public async Task<TrainingResult> TrainAsync(
        IReadOnlyList<Example<TInput, TExpected>> train,
        IReadOnlyList<Example<TInput, TExpected>>? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException("The training set is empty: training needs at least one example to learn from.", nameof(train));
        if (validation is { Count: 0 }) throw new ArgumentException("The validation set is empty: pass null to train without validation.", nameof(validation));
        var examples = Named(train);
        var checks = validation is null ? null : Named(validation);
        if (_options.Proposals > 1 && checks is null)
        {
            throw new ArgumentException($"Search ({_options.Proposals} proposals per step) scores each proposal on the validation set: pass one.", nameof(validation));
        }

        var clock = Stopwatch.StartNew();
        var batchesPerEpoch = (examples.Count + _options.BatchSize - 1) / _options.BatchSize;
        var totalSteps = _options.Epochs * batchesPerEpoch;
        var store = _options.Store;

        var checkpoint = store is null ? null : await store.StartAsync(Describe(examples, checks), cancellationToken).ConfigureAwait(false);
        var resumed = checkpoint?.LastStep;
        var savedBest = checkpoint is null ? null : Resume(checkpoint);

        var initial = checkpoint?.InitialValidation;
        if (initial is null && checks is not null)
        {
            initial = await EvaluateAsync(checks, cancellationToken).ConfigureAwait(false);
            // What was measured is kept, even when the caller cancels now: resuming will not measure it again.
            if (store is not null) await store.CommitBaselineAsync(initial, CancellationToken.None).ConfigureAwait(false);
        }

        var best = checkpoint?.BestValidation ?? initial;
        var bestStep = resumed?.State.BestStep ?? 0;
        var bestValues = savedBest ?? (initial is null ? null : Snapshot());
        var sinceBest = resumed?.State.SinceBest ?? 0;
        var stoppedEarly = resumed?.State.StoppedEarly ?? false;
        var stepsBefore = resumed?.Number ?? 0;
        var steps = new List<TrainingStep>();
        var earlierUsage = checkpoint?.Usage ?? TrainingUsage.None;
        var runUsage = TrainingUsage.Sum([initial?.Usage ?? TrainingUsage.None, earlierUsage]);

        for (var epoch = 1; epoch <= _options.Epochs && !stoppedEarly; epoch++)
        {
            var inEpoch = 0;
            foreach (var batch in examples.Shuffle(_options.Seed + epoch).Chunk(_options.BatchSize))
            {
                inEpoch++;
                var number = (epoch - 1) * batchesPerEpoch + inEpoch;
                if (number <= stepsBefore) continue; // committed before the run stopped: the same batch, not run again

                var stepClock = Stopwatch.StartNew();
                using var activity = TrainingTelemetry.StartStep(number, epoch, batch.Length);
                var before = store is null ? null : ParameterStore.ToJson(_optimizer.Parameters);
                var spent = new List<Evaluation>();
                var (batchResult, log, candidates, rollouts) = await StepAsync(batch, checks, number, spent, cancellationToken).ConfigureAwait(false);
                Evaluation? validated = null;
                if (checks is not null && (number % _options.ValidateEvery == 0 || number == totalSteps))
                {
                    validated = await EvaluateAsync(checks, cancellationToken).ConfigureAwait(false);
                    spent.Add(validated);
                    if (validated.MeanScore > best!.MeanScore)
                    {
                        (best, bestStep, bestValues, sinceBest) = (validated, number, Snapshot(), 0);
                    }
                    else if (_options.Patience is { } patience && ++sinceBest >= patience)
                    {
                        stoppedEarly = true;
                    }
                }

                var usage = TrainingUsage.Sum([.. spent.Select(e => e.Usage), OptimizerUsage(log, candidates)]);
                var step = new TrainingStep(number, epoch, batchResult, log, validated, stepClock.Elapsed, candidates, usage);
                if (store is not null)
                {
                    // The step is applied and paid for: it is committed even when the caller cancels now.
                    var state = new TrainerState(bestStep, sinceBest, stoppedEarly, _optimizer.ExportState());
                    await store.CommitStepAsync(Commit(step, inEpoch, before!, rollouts, state), CancellationToken.None).ConfigureAwait(false);
                }

                steps.Add(step);
                runUsage = TrainingUsage.Sum([runUsage, usage]);
                activity?.SetTag("opto.batch.score", batchResult.MeanScore);
                if (validated is not null) activity?.SetTag("opto.validation.score", validated.MeanScore);
                TrainingTelemetry.StepCompleted(TrainingTelemetry.Logger, number, epoch, batchResult.MeanScore,
                    validated?.ToString() ?? "not run", stepClock.ElapsedMilliseconds);
                progress?.Report(new TrainingProgress(epoch, number, totalSteps, batchResult.MeanScore, validated?.MeanScore, clock.Elapsed, runUsage) { ResumedAfter = stepsBefore });
                if (stoppedEarly) break;
            }
        }

        var lastStep = stepsBefore + steps.Count;
        var restore = _options.KeepBest && bestValues is not null && bestStep < lastStep;
        if (restore) Restore(bestValues!);
        // A run found finished keeps the finish it has: training it again only puts its parameters back.
        if (store is not null && checkpoint?.Finish is null)
        {
            await store.FinishAsync(new RunFinish(lastStep, bestStep, restore, stoppedEarly, ParameterStore.ToJson(_optimizer.Parameters)), CancellationToken.None).ConfigureAwait(false);
        }

        return new TrainingResult(steps, initial, best, bestStep, restore, stoppedEarly) { ResumedAfter = stepsBefore, UsageBeforeResume = earlierUsage };
    }

    // The batch's rollouts, then each output's feedback backward in the batch's order (the same every run), then one step.
    private async Task<(Evaluation Batch, StepLog Log, IReadOnlyList<SearchCandidate> Candidates, IReadOnlyList<RolloutOutcome> Rollouts)> StepAsync(
        IReadOnlyList<Example<TInput, TExpected>> batch, Dataset<TInput, TExpected>? checks, int number, List<Evaluation> spent, CancellationToken cancellationToken)
    {
        _optimizer.ZeroFeedback();
        var rollouts = await RunAsync(batch, cancellationToken).ConfigureAwait(false);
        var results = new List<RolloutResult>(rollouts.Count);
        foreach (var rollout in rollouts)
        {
            // The score goes with the feedback for optimizers that learn from scores (OPRO); a guide's NaN is no score.
            var (feedback, score) = (rollout.Judgement.Feedback, rollout.Judgement.Score);
            var reached = rollout.OutputNode is not { } node ? 0
                : (double.IsFinite(score) ? _optimizer.Backward(node, feedback, score) : _optimizer.Backward(node, feedback)).Parameters.Count;
            results.Add(rollout.ToResult(reached));
        }

        var evaluation = new Evaluation(results);
        spent.Add(evaluation);
        if (_options.Proposals == 1)
        {
            var log = await _optimizer.StepAsync(cancellationToken).ConfigureAwait(false);
            return (evaluation, log, [], rollouts);
        }

        var (chosen, candidates) = await SearchAsync(checks!, number, spent, cancellationToken).ConfigureAwait(false);
        return (evaluation, _optimizer.Apply(chosen), candidates, rollouts);
    }

    // Proposals from the same feedback, each scored with its changes in place and then undone; the current parameters
    // compete too, so a step never makes the agent worse on the sample.
    private async Task<(Proposal Chosen, IReadOnlyList<SearchCandidate> Candidates)> SearchAsync(Dataset<TInput, TExpected> checks, int number, List<Evaluation> spent, CancellationToken cancellationToken)
    {
        var sample = _options.SearchSample is { } size && size < checks.Count ? Dataset.From(checks.Shuffle(_options.Seed * 7919 + number).Take(size)) : checks;
        var current = Snapshot();
        var baselineEvaluation = await EvaluateAsync(sample, cancellationToken).ConfigureAwait(false);
        spent.Add(baselineEvaluation);
        var baseline = baselineEvaluation.MeanScore;
        var scored = new List<(Proposal Proposal, double Score)>();
        // An optimizer that generates candidates itself (OptoPrimeMulti) gives them unchosen: this validation chooses.
        foreach (var proposal in await _optimizer.ProposeCandidatesAsync(_options.Proposals, cancellationToken).ConfigureAwait(false))
        {
            scored.Add((proposal, await ScoreAsync(proposal, sample, current, spent, cancellationToken).ConfigureAwait(false)));
        }

        var best = scored.Where(s => s.Score > baseline).OrderByDescending(s => s.Score).Select(s => (Proposal?)s.Proposal).FirstOrDefault();
        var candidates = new List<SearchCandidate> { new(null, baseline, best is null) };
        candidates.AddRange(scored.Select(s => new SearchCandidate(s.Proposal, s.Score, ReferenceEquals(s.Proposal, best))));
        return (best ?? Proposal.NotSent($"Search kept the current parameters: none of {_options.Proposals} proposals scored above {baseline:0.###} on the validation sample."), candidates);
    }

    private async Task<double> ScoreAsync(Proposal proposal, IReadOnlyList<Example<TInput, TExpected>> sample, object?[] current, List<Evaluation> spent, CancellationToken cancellationToken)
    {
        if (!proposal.IsApplicable || proposal.Changes.Count == 0) return double.NegativeInfinity;
        try
        {
            foreach (var change in proposal.Changes) change.Parameter.SetValue(change.NewValue);
            var evaluation = await EvaluateAsync(sample, cancellationToken).ConfigureAwait(false);
            spent.Add(evaluation);
            return evaluation.MeanScore;
        }
        catch (ArgumentException)
        {
            return double.NegativeInfinity; // a value the parameter refuses (code that does not compile): this candidate loses
        }
        finally
        {
            Restore(current);
        }
    }

    // Every proposal the step asked for, the ones a search did not choose included.
    private static TrainingUsage OptimizerUsage(StepLog log, IReadOnlyList<SearchCandidate> candidates)
    {
        Proposal[] proposals = candidates.Count == 0 ? [log.Proposal] : [.. candidates.Where(c => c.Proposal is not null).Select(c => c.Proposal!)];
        var asked = proposals.Where(p => p.NotSentReason is null).ToList();
        return new TrainingUsage(new(), new(), Tokens.Sum(asked.Select(p => p.Usage)))
        {
            ByModel = asked.GroupBy(p => TrainingUsage.ModelKey(p.ModelId), StringComparer.Ordinal).ToDictionary(g => g.Key, g => Tokens.Sum(g.Select(p => p.Usage)), StringComparer.Ordinal),
        };
    }

    private async Task<IReadOnlyList<RolloutOutcome>> RunAsync(IReadOnlyList<Example<TInput, TExpected>> examples, CancellationToken cancellationToken)
    {
        var outcomes = await _executor.RunAsync(new RolloutBatch<TInput, TExpected, TOutput>(examples, _optimizer.Parameters, _runner), cancellationToken).ConfigureAwait(false);
        if (outcomes.Count != examples.Count)
        {
            throw new InvalidOperationException($"The rollout executor {_executor.GetType().Name} returned {outcomes.Count} outcomes for {examples.Count} examples: it must return one per example, in order.");
        }

        return outcomes;
    }

    private object?[] Snapshot() => [.. _optimizer.Parameters.Select(p => p.Value)];

    private void Restore(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = _optimizer.Parameters[i];
            if (!Equals(parameter.Value, values[i])) parameter.SetValue(values[i]);
        }
    }

    // Examples without an id are named by their position, as a Dataset names them.
    private static Dataset<TInput, TExpected> Named(IReadOnlyList<Example<TInput, TExpected>> examples) =>
        examples as Dataset<TInput, TExpected> ?? Dataset.From(examples);
}
