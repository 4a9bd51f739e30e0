using System.Diagnostics;
using Opto.Transport;

namespace Opto.Training.Remote;

/// <summary>
/// The trainer's side of rollouts run on other machines: each rollout goes as a <see cref="RolloutRequest"/> through
/// <see cref="SendAsync"/> (a transport: Orleans grains, HTTP, a queue), at most <see cref="MaxParallelism"/> at a time,
/// and its reply's graph is rebuilt on the trainer's parameters, so the optimizer sees the problem it would have seen
/// with the rollouts run here. A send that fails is tried again (on another machine, when the transport spreads them)
/// up to <see cref="MaxAttempts"/> times; each example's outcome is taken once.
/// </summary>
public abstract class RemoteRolloutExecutor : IRolloutExecutor
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _unmatchedSeen = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _versionsSent = new(StringComparer.Ordinal);
    private long _valuesSent;
    private long _resent;

    /// <summary>Creates the executor.</summary>
    /// <param name="agent">The name the agent is registered under on the hosts.</param>
    /// <param name="maxParallelism">How many rollouts are out at the same time; at least 1.</param>
    protected RemoteRolloutExecutor(string agent, int maxParallelism)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        Agent = agent;
        MaxParallelism = maxParallelism;
    }

    /// <summary>The name the agent is registered under on the hosts.</summary>
    public string Agent { get; }

    /// <summary>How many rollouts are out at the same time.</summary>
    public int MaxParallelism { get; }

    /// <summary>How many times a rollout is sent before its failure stops the run. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long to wait before sending a failed rollout again, times the attempt's number (the cluster may still be noticing a machine that died). Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a rollout may take, all its sends and the waits between them included (and the time it waits on a host
    /// for a place), before it is cancelled and reported (score 0, no feedback reaches the parameters, a warning logged);
    /// <see langword="null"/>: no limit. With Orleans, keep the cluster's response timeout above it.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>How many requests carried the parameter values (the others named their version, which the host held).</summary>
    public long ValuesSent => Interlocked.Read(ref _valuesSent);

    /// <summary>How many sends failed and were sent again, since this executor was made.</summary>
    public long Resent => Interlocked.Read(ref _resent);

    /// <summary>Sends one rollout and returns its reply; throws when the transport fails (it is then sent again).</summary>
    /// <param name="request">The rollout.</param>
    /// <param name="send">Which attempt this is and where it goes: set its <see cref="RolloutSend.Target"/>, and honour <see cref="RolloutSend.ToSameTarget"/>.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    protected abstract Task<RolloutReply> SendAsync(RolloutRequest request, RolloutSend send, CancellationToken cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutOutcome>> RunAsync<TInput, TExpected, TOutput>(RolloutBatch<TInput, TExpected, TOutput> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var parameters = ParameterStore.ToJson(batch.Parameters);
        var outcomes = new RolloutOutcome[batch.Examples.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, outcomes.Length), new ParallelOptions { MaxDegreeOfParallelism = MaxParallelism, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await RunOneAsync(batch.Examples[index], parameters, batch.Parameters, token).ConfigureAwait(false)).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<RolloutOutcome> RunOneAsync<TInput, TExpected>(Example<TInput, TExpected> example, string parameters, IReadOnlyList<ParameterNode> local, CancellationToken cancellationToken)
    {
        var current = Activity.Current;
        // Only a W3C id is a traceparent the host can read.
        var traceParent = current?.IdFormat == ActivityIdFormat.W3C ? current.Id : null;
        // Once a host has answered for these values, the others are asked to hold them too; one that does not, says so.
        var version = RolloutRequest.VersionOf(Agent, parameters);
        var request = new RolloutRequest(Agent, _versionsSent.ContainsKey(version) ? null : parameters, RemoteJson.Example(example), traceParent, current?.TraceStateString, version);
        var id = example.Id ?? "";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (TimeLimit is { } time) limit.CancelAfter(time);
        for (var attempt = 1; ; attempt++)
        {
            RolloutReply reply;
            try
            {
                if (request.Parameters is not null) Interlocked.Increment(ref _valuesSent);
                var send = new RolloutSend(attempt, toSameTarget: false, target: null);
                reply = await SendAsync(request, send, limit.Token).ConfigureAwait(false);
                if (reply.NeedsParameters && request.Parameters is null)
                {
                    // The host that asked gets the values, and keeps them for the rollouts after this one.
                    Interlocked.Increment(ref _valuesSent);
                    reply = await SendAsync(request with { Parameters = parameters }, new RolloutSend(attempt, toSameTarget: true, send.Target), limit.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && limit.IsCancellationRequested)
            {
                return TimedOut(id);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && attempt < MaxAttempts)
            {
                // A cancellation nobody here asked for (a transport's own timeout) is a failed send like any other.
                RemoteTelemetry.Retried(RemoteTelemetry.Logger, id, attempt, e.GetType().Name, e.Message);
                Interlocked.Increment(ref _resent);
                try
                {
                    await Task.Delay(RetryDelay * attempt, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return TimedOut(id);
                }

                continue;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TrainingException($"The rollout of example {id} failed {attempt} times; the last: {e.GetType().Name}: {e.Message}", e);
            }

            if (reply.Failure is { } failure) throw new TrainingException($"The rollout of example {id} on {reply.RanOn} could not be judged: {failure}");
            _versionsSent.TryAdd(version, true);
            return Outcome(reply, id, local);
        }
    }

    private RolloutOutcome TimedOut(string id)
    {
        var text = $"The rollout did not finish within its time limit of {TimeLimit!.Value.TotalSeconds:0.###} s and was cancelled.";
        RemoteTelemetry.TimedOut(RemoteTelemetry.Logger, id, TimeLimit.Value.TotalSeconds);
        return new RolloutOutcome(id, null, "TimeoutException: " + text, new Judgement(0, text, false), null, new(), new(),
            new Dictionary<string, Microsoft.Extensions.AI.UsageDetails>(), "(not finished: time limit)");
    }

    // The reply is the host's word: anything missing or malformed stops the run naming the example; the example's id is ours.
    private RolloutOutcome Outcome(RolloutReply reply, string id, IReadOnlyList<ParameterNode> local)
    {
        if (reply.Judgement is null || reply.AgentUsage is null || reply.GuideUsage is null)
        {
            throw new TrainingException($"The reply for example {id} from {reply.RanOn} lacks its judgement or its token counts.");
        }

        Node? output = null;
        if (reply.Graph is { } graph)
        {
            UnpackedGraph unpacked;
            try
            {
                unpacked = GraphTransport.Unpack(graph, local);
            }
            catch (ArgumentException e)
            {
                throw new TrainingException($"The graph of example {id} from {reply.RanOn} cannot be rebuilt here: {e.Message}", e);
            }

            var unseen = unpacked.UnmatchedParameters.Where(name => _unmatchedSeen.TryAdd(name, true)).ToList();
            if (unseen.Count > 0) RemoteTelemetry.Unmatched(RemoteTelemetry.Logger, id, string.Join(", ", unseen));
            output = unpacked.Output;
        }

        return new RolloutOutcome(id, reply.Output, reply.Error, reply.Judgement, output, reply.AgentUsage, reply.GuideUsage,
            reply.UsageByModel ?? new Dictionary<string, Microsoft.Extensions.AI.UsageDetails>(), reply.RanOn);
    }
}
