namespace Opto.Code.Isolation;

/// <summary>The result of one trial run in a worker process.</summary>
/// <typeparam name="TOutput">The trial's output type.</typeparam>
public sealed class IsolatedRun<TOutput>
{
    internal IsolatedRun(IsolatedOutcome outcome, TOutput? output, string? message, TimeSpan elapsed, bool startedWorker)
    {
        Outcome = outcome;
        Output = output;
        Message = message;
        Elapsed = elapsed;
        StartedWorker = startedWorker;
    }

    /// <summary>How the trial ended.</summary>
    public IsolatedOutcome Outcome { get; }

    /// <summary>Whether the trial returned its output.</summary>
    public bool Completed => Outcome == IsolatedOutcome.Completed;

    /// <summary>The trial's output when it completed; otherwise the default.</summary>
    public TOutput? Output { get; }

    /// <summary>
    /// What went wrong, written as feedback: the rejection with the code annotated, the exception with the line of
    /// candidate code it came from, or what happened to the worker (its exit code and the end of its error output).
    /// <see langword="null"/> when the trial completed.
    /// </summary>
    public string? Message { get; }

    /// <summary>How long the trial took, from sending it to the worker to its answer (compiling the candidates included).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether this trial had to start a worker process first (the first trial, or the one after a worker died).</summary>
    public bool StartedWorker { get; }

    /// <inheritdoc />
    public override string ToString() => Completed ? $"Completed: {Output}" : $"{Outcome}: {Message}";
}
