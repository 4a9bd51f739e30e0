namespace Opto.Code.Isolation;

/// <summary>Limits of the worker processes an <see cref="IsolatedCodeRunner"/> runs trials in.</summary>
public sealed record IsolatedCodeOptions
{
    /// <summary>How many worker processes run trials at the same time. Default 1.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// How long one trial may take, compiling its candidates included; a worker still busy then is killed and the
    /// trial reported as <see cref="IsolatedOutcome.TimedOut"/>. Default 60 seconds.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The managed heap a worker may use, in bytes (the runtime's <c>GCHeapHardLimit</c>: beyond it allocations throw
    /// <see cref="OutOfMemoryException"/>). A worker whose working set passes this limit plus
    /// <see cref="RuntimeAllowance"/> is killed. Default 1 GiB.
    /// </summary>
    public long MemoryLimit { get; init; } = 1L << 30;

    /// <summary>Working-set room on top of <see cref="MemoryLimit"/> for the runtime, the compiler's code and native memory. Default 384 MiB.</summary>
    public long RuntimeAllowance { get; init; } = 384L << 20;

    /// <summary>How long a new worker may take to start. Default 30 seconds.</summary>
    public TimeSpan StartTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After how many trials a worker is replaced by a fresh one, so that state the candidates changed through the
    /// application's own methods does not carry over. Default: never (a worker is replaced only when it dies).
    /// </summary>
    public int? TrialsPerWorker { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeLimit, TimeSpan.Zero, nameof(TimeLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryLimit, 16L << 20, nameof(MemoryLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(RuntimeAllowance, nameof(RuntimeAllowance));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartTimeLimit, TimeSpan.Zero, nameof(StartTimeLimit));
        if (TrialsPerWorker is { } n) ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(TrialsPerWorker));
    }
}
