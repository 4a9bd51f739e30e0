using Microsoft.Extensions.AI;

namespace Opto.Training;

/// <summary>
/// Runs one rollout in this process: the agent on an example in its own <see cref="TraceScope"/>, its model calls
/// counted, then the guide on the output. A rollout that throws becomes feedback through its exception node (score 0);
/// a guide that throws, or gives no usable score, stops the run with a <see cref="TrainingException"/> naming the example.
/// </summary>
/// <typeparam name="TInput">What the agent is given.</typeparam>
/// <typeparam name="TExpected">What a correct answer is.</typeparam>
/// <typeparam name="TOutput">What the agent returns.</typeparam>
public sealed class RolloutRunner<TInput, TExpected, TOutput>
{
    private const int OutputLength = 500;

    private readonly Func<TInput, CancellationToken, Task<TOutput>> _agent;
    private readonly IGuide<TInput, TExpected, TOutput> _guide;

    /// <summary>Creates the runner.</summary>
    /// <param name="agent">One run of the agent on an input; its [Traced] calls make the rollout's graph.</param>
    /// <param name="guide">Judges each output.</param>
    public RolloutRunner(Func<TInput, CancellationToken, Task<TOutput>> agent, IGuide<TInput, TExpected, TOutput> guide)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(guide);
        _agent = agent;
        _guide = guide;
    }

    /// <summary>Runs the agent on <paramref name="example"/> and judges what it returned.</summary>
    /// <param name="example">The example.</param>
    /// <param name="cancellationToken">Cancels the rollout.</param>
    /// <param name="ranOn">What the outcome says of where it ran.</param>
    /// <exception cref="TrainingException">The guide failed, or gave a score that is not a finite number.</exception>
    public async Task<RolloutOutcome> RunAsync(Example<TInput, TExpected> example, CancellationToken cancellationToken, string ranOn = RolloutOutcome.ThisProcess)
    {
        ArgumentNullException.ThrowIfNull(example);
        using var activity = TrainingTelemetry.StartRollout(example.Id ?? "");
        var outcome = await RunCoreAsync(example, ranOn, cancellationToken).ConfigureAwait(false);
        TrainingTelemetry.Rollout(activity, outcome.Judgement, outcome.Error is not null);
        return outcome;
    }

    private async Task<RolloutOutcome> RunCoreAsync(Example<TInput, TExpected> example, string ranOn, CancellationToken cancellationToken)
    {
        TOutput? output = default;
        Exception? error = null;
        TraceGraph graph;
        var agentUsage = UsageFlow.Begin();
        using (var scope = TraceScope.Begin())
        {
            graph = scope.Graph;
            try
            {
                output = await _agent(example.Input, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = e;
            }
        }

        var id = example.Id ?? "";
        if (error is not null)
        {
            UsageFlow.End();
            return new RolloutOutcome(id, null, $"{error.GetType().Name}: {error.Message}", new Judgement(0, $"The agent threw {error.GetType().Name}: {error.Message}", false),
                graph.NodeOf(error), agentUsage.Total, new UsageDetails(), agentUsage.ByModel, ranOn);
        }

        var guideUsage = UsageFlow.Begin();
        Judgement judgement;
        try
        {
            judgement = await _guide.JudgeAsync(example, output!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TrainingException($"The guide failed on example {example.Id}: {e.GetType().Name}: {e.Message}", e);
        }
        finally
        {
            UsageFlow.End();
        }

        if (!double.IsFinite(judgement.Score))
        {
            throw new TrainingException($"The guide gave example {example.Id} the score {judgement.Score}: a score must be a finite number (higher is better).");
        }

        return new RolloutOutcome(id, ValueText.Format(output, OutputLength), null, judgement, Output(graph, output), agentUsage.Total, guideUsage.Total,
            TrainingUsage.SumByModel([agentUsage.ByModel, guideUsage.ByModel]), ranOn);
    }

    // A reference-typed output is found by identity; otherwise the last traced call's result (the agent's outermost call ends last).
    private static Node? Output(TraceGraph graph, TOutput? output) =>
        (output is not null && !typeof(TOutput).IsValueType ? graph.NodeOf(output) : null) ?? graph.Nodes.OfType<MessageNode>().LastOrDefault();
}
