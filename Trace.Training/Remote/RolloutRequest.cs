namespace Opto.Training.Remote;

/// <summary>One rollout sent to another machine, as data: which agent, with which parameter values, on which example.</summary>
/// <param name="Agent">The name the agent is registered under on the host (<see cref="RolloutHost.Add{TInput, TExpected, TOutput}"/>).</param>
/// <param name="Parameters">The trained parameters' values, in the <see cref="ParameterStore"/> format (code as source).</param>
/// <param name="Example">The example as JSON: <c>{"input": ..., "expected": ..., "id": ...}</c>.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the trainer's span, so the host's spans join its trace.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with it.</param>
public sealed record RolloutRequest(string Agent, string Parameters, string Example, string? TraceParent = null, string? TraceState = null);
