using System.Security.Cryptography;
using System.Text;

namespace Opto.Training.Remote;

/// <summary>One rollout sent to another machine, as data: which agent, with which parameter values, on which example.</summary>
/// <param name="Agent">The name the agent is registered under on the host (<see cref="RolloutHost.Add{TInput, TExpected, TOutput}"/>).</param>
/// <param name="Parameters">
/// The trained parameters' values, in the <see cref="ParameterStore"/> format (code as source); <see langword="null"/>
/// when the host is expected to hold them already under <paramref name="ParametersVersion"/> (it says so when it does not).
/// </param>
/// <param name="Example">The example as JSON: <c>{"input": ..., "expected": ..., "id": ...}</c>.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the trainer's span, so the host's spans join its trace.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with it.</param>
/// <param name="ParametersVersion">The values' version (<see cref="VersionOf"/>), so they need not travel with every rollout.</param>
public sealed record RolloutRequest(string Agent, string? Parameters, string Example, string? TraceParent = null, string? TraceState = null, string? ParametersVersion = null)
{
    /// <summary>The version of an agent's parameter values: a SHA-256 of the agent's name and the values.</summary>
    /// <param name="agent">The agent's name.</param>
    /// <param name="parameters">The values, in the <see cref="ParameterStore"/> format.</param>
    public static string VersionOf(string agent, string parameters)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(parameters);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(agent + "\n" + parameters)));
    }
}
