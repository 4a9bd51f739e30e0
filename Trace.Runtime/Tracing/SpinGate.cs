namespace Opto;

/// <summary>
/// A graph's lock: one atomic exchange to enter and a plain store to leave, where <see cref="Lock"/> also reads the
/// thread's id and exchanges again on exit. The sections it guards are short and never call out, so a waiter spins
/// briefly and then yields (<see cref="SpinWait"/>). Not reentrant.
/// </summary>
internal sealed class SpinGate
{
    private int _held;

    public Held Enter()
    {
        if (Interlocked.Exchange(ref _held, 1) != 0) Wait();
        return new Held(this);
    }

    private void Wait()
    {
        var spinner = new SpinWait();
        do spinner.SpinOnce(sleep1Threshold: 20);
        while (Volatile.Read(ref _held) != 0 || Interlocked.Exchange(ref _held, 1) != 0);
    }

    /// <summary>Leaves the gate when disposed.</summary>
    internal readonly struct Held(SpinGate gate) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref gate._held, 0);
    }
}
