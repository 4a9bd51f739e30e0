using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Opto.Transport;

namespace Opto.Training.Remote;

/// <summary>
/// Runs rollouts sent from a trainer on another machine (<see cref="RolloutRequest"/>): makes the registered agent,
/// gives it the request's parameter values (code compiled once per set of values), runs it on the example in its own
/// scope, judges it, and packs the output's graph for the trainer's optimizer (<see cref="RolloutReply"/>).
/// </summary>
/// <remarks>
/// Code parameters and static members belong to a type: rollouts with the same values run together, and a rollout
/// with other values waits for them before it installs its own. The host's spans join the trainer's trace.
/// </remarks>
public sealed class RolloutHost
{
    private readonly ConcurrentDictionary<string, Func<RolloutRequest, string, ParameterGate, CancellationToken, Task<RolloutReply>>> _agents = new(StringComparer.Ordinal);
    // Code and static members belong to a type, and a process may run several hosts (silos): one gate for all of them.
    private static readonly ParameterGate s_gate = new();
    private readonly SemaphoreSlim? _capacity;
    private readonly ParameterCache _values = new();

    /// <summary>Creates a host.</summary>
    /// <param name="name">How replies name where they ran; default the machine's name and the process id.</param>
    /// <param name="maxConcurrentRollouts">How many rollouts this host runs at the same time (the others wait for a place); <see langword="null"/>: no limit.</param>
    public RolloutHost(string? name = null, int? maxConcurrentRollouts = null)
    {
        if (maxConcurrentRollouts is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(maxConcurrentRollouts));
            _capacity = new SemaphoreSlim(limit, limit);
        }

        Name = name ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        MaxConcurrentRollouts = maxConcurrentRollouts;
    }

    /// <summary>How many rollouts this host runs at the same time; <see langword="null"/>: no limit.</summary>
    public int? MaxConcurrentRollouts { get; }

    /// <summary>How replies name where they ran.</summary>
    public string Name { get; }

    /// <summary>Registers an agent under <paramref name="agent"/>; <paramref name="create"/> makes one for each rollout.</summary>
    /// <typeparam name="TInput">What the agent is given.</typeparam>
    /// <typeparam name="TExpected">What a correct answer is.</typeparam>
    /// <typeparam name="TOutput">What the agent returns.</typeparam>
    /// <param name="agent">The name trainers send requests for.</param>
    /// <param name="create">Makes the agent, its parameters and its guide for one rollout.</param>
    /// <returns>This host.</returns>
    public RolloutHost Add<TInput, TExpected, TOutput>(string agent, Func<RemoteAgent<TInput, TExpected, TOutput>> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentNullException.ThrowIfNull(create);
        if (!_agents.TryAdd(agent, (request, name, gate, token) => RunAsync(create, request, name, gate, token)))
        {
            throw new ArgumentException($"An agent is already registered as '{agent}'.", nameof(agent));
        }

        return this;
    }

    /// <summary>Runs the rollout <paramref name="request"/> asks for.</summary>
    /// <param name="request">The rollout.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reply; when the rollout could not be judged, its <see cref="RolloutReply.Failure"/> says why.</returns>
    public async Task<RolloutReply> RunAsync(RolloutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_agents.TryGetValue(request.Agent, out var run))
        {
            return Failed(request, $"No agent is registered as '{request.Agent}' on {Name}: register it with RolloutHost.Add on every machine that runs rollouts.");
        }

        // Values travel once per version: kept here, and asked for when a request comes without them.
        if (request.Parameters is { } sent)
        {
            var version = RolloutRequest.VersionOf(request.Agent, sent);
            if (request.ParametersVersion is { } claimed && claimed != version)
            {
                return Failed(request, $"The parameter values sent to {Name} are not the version the request names ({claimed}).");
            }

            _values.Keep(version, sent);
        }
        else if (request.ParametersVersion is { } wanted && _values.Find(wanted) is { } kept)
        {
            request = request with { Parameters = kept };
        }
        else
        {
            return Failed(request, $"{Name} does not hold the parameter values of version {request.ParametersVersion ?? "(none named)"}.") with { NeedsParameters = true };
        }

        if (_capacity is null) return await run(request, Name, s_gate, cancellationToken).ConfigureAwait(false);
        await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await run(request, Name, s_gate, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _capacity.Release();
        }
    }

    private static async Task<RolloutReply> RunAsync<TInput, TExpected, TOutput>(
        Func<RemoteAgent<TInput, TExpected, TOutput>> create, RolloutRequest request, string name, ParameterGate gate, CancellationToken cancellationToken)
    {
        Example<TInput, TExpected> example;
        try
        {
            example = RemoteJson.Example<TInput, TExpected>(request.Example);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(request, $"The example sent to {name} could not be read as {typeof(TInput).Name} and {typeof(TExpected).Name}: {e.Message}");
        }

        RemoteAgent<TInput, TExpected, TOutput> agent;
        try
        {
            agent = create();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(request, $"The agent '{request.Agent}' could not be made on {name}: {e.GetType().Name}: {e.Message}", example.Id);
        }

        using var span = Span(request, example);
        var version = RolloutRequest.VersionOf(request.Agent, request.Parameters!);
        try
        {
            using var entered = await gate.EnterAsync(version, () => Load(agent, request), cancellationToken).ConfigureAwait(false);
            Load(agent, request);
            var outcome = await new RolloutRunner<TInput, TExpected, TOutput>(agent.Run, agent.Guide).RunAsync(example, cancellationToken, name).ConfigureAwait(false);
            return new RolloutReply(outcome.ExampleId, outcome.Output, outcome.Error, outcome.Judgement,
                outcome.OutputNode is { } output ? GraphTransport.Pack(output) : null,
                outcome.AgentUsage, outcome.GuideUsage, outcome.UsageByModel, name);
        }
        catch (Exception e) when (e is TrainingException or ParameterLoadException)
        {
            return Failed(request, e.Message, example.Id);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            return Failed(request, $"The parameter values sent to {name} could not be taken: {e.GetType().Name}: {e.Message}", example.Id);
        }
    }

    // Each agent gets the values sent (a parameter the trainer does not train keeps its own); those equal to what is
    // installed (code of the same version) are not set again. A value sent for a parameter the agent lacks is an error.
    private static void Load<TInput, TExpected, TOutput>(RemoteAgent<TInput, TExpected, TOutput> agent, RolloutRequest request) =>
        ParameterStore.Apply(ParameterStore.ReadValues(agent.Parameters, request.Parameters!, "the parameters a trainer sent", skipUnchanged: true, missingAllowed: true));

    private static Activity? Span<TInput, TExpected>(RolloutRequest request, Example<TInput, TExpected> example)
    {
        ActivityContext.TryParse(request.TraceParent, request.TraceState, isRemote: true, out var parent);
        var activity = OptoTelemetry.Source.StartActivity("opto.training.remote_rollout", ActivityKind.Server, parent);
        activity?.SetTag("opto.example", example.Id);
        activity?.SetTag("opto.agent", request.Agent);
        return activity;
    }

    private static RolloutReply Failed(RolloutRequest request, string failure, string? exampleId = null) =>
        new(exampleId ?? "", null, null, new Judgement(0, failure, false), null, new UsageDetails(), new UsageDetails(),
            new Dictionary<string, UsageDetails>(), "", failure);
}
