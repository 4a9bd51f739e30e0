namespace Opto.Code.Isolation;

/// <summary>How one isolated trial ended.</summary>
public enum IsolatedOutcome
{
    /// <summary>The trial returned its output.</summary>
    Completed,

    /// <summary>A candidate was refused (does not compile, changes the signature, or is outside the code policy); nothing ran.</summary>
    Rejected,

    /// <summary>The trial threw an exception.</summary>
    Failed,

    /// <summary>Candidate code exceeded its time budget, recursion depth or stack and was stopped at a checkpoint.</summary>
    BudgetExceeded,

    /// <summary>The trial did not finish within <see cref="IsolatedCodeOptions.TimeLimit"/>; the worker was killed.</summary>
    TimedOut,

    /// <summary>The worker ran out of its memory limit (an <see cref="OutOfMemoryException"/>, or its working set passed the limit and it was killed).</summary>
    OutOfMemory,

    /// <summary>The worker process died (a stack overflow, a native crash, an exit); it is replaced for the next trial.</summary>
    Crashed,
}
