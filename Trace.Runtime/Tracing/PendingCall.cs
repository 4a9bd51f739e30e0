namespace Opto;

/// <summary>
/// A traced call that handed its caller the very task it returned, still running: recorded once, by whichever comes
/// first of the task's continuation and a look-up in its graph after the task completed (the caller, woken by the task,
/// may pass the result on before the continuation has run: a blocking wait, a source that runs continuations
/// asynchronously).
/// </summary>
internal abstract class PendingCall(TraceGraph graph, Task task)
{
    [ThreadStatic]
    private static bool t_recording;

    private bool _settled;

    /// <summary>
    /// Whether this thread is recording a pending call: it settles no other meanwhile, so two threads each recording one
    /// never wait for each other's.
    /// </summary>
    public static bool Recording => t_recording;

    public TraceGraph Graph { get; } = graph;

    public Task Task { get; } = task;

    /// <summary>Where the call is in its graph's <see cref="PendingCalls"/>; kept by them.</summary>
    public int Slot { get; set; }

    /// <summary>Records the call, unless it was already; returns once it is recorded, by this thread or another.</summary>
    public void Settle()
    {
        lock (this)
        {
            if (_settled) return;
            _settled = true;
            var outer = t_recording;
            t_recording = true;
            try
            {
                Record();
            }
            finally
            {
                t_recording = outer;
                Graph.PendingCalls.Remove(this);
            }
        }
    }

    /// <summary>Records the completed task's result or exception on the call's node.</summary>
    protected abstract void Record();
}
