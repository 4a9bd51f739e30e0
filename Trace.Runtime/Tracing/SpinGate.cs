namespace Opto;

/// <summary>
/// A graph's lock: one atomic exchange to enter and a plain store to leave, where <see cref="Lock"/> also exchanges
/// again on exit. The sections it guards are short and never call out, so a waiter spins briefly and then yields
/// (<see cref="SpinWait"/>). It records its holder: entering it again on the same thread (an exception filter that
/// records a throw from inside a section, such as an out-of-memory error) throws instead of waiting for itself forever.
/// </summary>
internal sealed class SpinGate
{
    private int _holder;

    public Held Enter()
    {
        var me = Environment.CurrentManagedThreadId;
        if (Interlocked.CompareExchange(ref _holder, me, 0) != 0) Wait(me);
        return new Held(this);
    }

    private void Wait(int me)
    {
        if (Volatile.Read(ref _holder) == me) throw new InvalidOperationException("The trace graph's lock was entered again by the thread that holds it.");
        var spinner = new SpinWait();
        do spinner.SpinOnce(sleep1Threshold: 20);
        while (Volatile.Read(ref _holder) != 0 || Interlocked.CompareExchange(ref _holder, me, 0) != 0);
    }

    /// <summary>Leaves the gate when disposed.</summary>
    internal readonly struct Held(SpinGate gate) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref gate._holder, 0);
    }
}
