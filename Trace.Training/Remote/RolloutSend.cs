namespace Opto.Training.Remote;

/// <summary>
/// One send of a rollout by a <see cref="RemoteRolloutExecutor"/>: which attempt it is, and where it went. A transport
/// records its target in <see cref="Target"/>; when <see cref="ToSameTarget"/> is set (the host asked for the parameter
/// values the request left out) it sends to that same target again.
/// </summary>
public sealed class RolloutSend
{
    internal RolloutSend(int attempt, bool toSameTarget, object? target)
    {
        Attempt = attempt;
        ToSameTarget = toSameTarget;
        Target = target;
    }

    /// <summary>1 for the first attempt of this rollout.</summary>
    public int Attempt { get; }

    /// <summary>Whether this send must go where the previous one went (<see cref="Target"/>).</summary>
    public bool ToSameTarget { get; }

    /// <summary>Where the transport sent it: a host, a grain's key; the transport's own.</summary>
    public object? Target { get; set; }
}
