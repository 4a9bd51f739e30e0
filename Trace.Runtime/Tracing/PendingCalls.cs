using System.Runtime.CompilerServices;

namespace Opto;

/// <summary>
/// The calls of one graph whose caller got the very task they returned, still running (see <see cref="PendingCall"/>),
/// until they are recorded. The count lets look-ups skip them while none is pending.
/// </summary>
internal sealed class PendingCalls
{
    private readonly List<PendingCall> _calls = [];
    private volatile int _count;

    public void Add(PendingCall call)
    {
        lock (_calls)
        {
            _calls.Add(call);
            _count = _calls.Count;
        }
    }

    public void Remove(PendingCall call)
    {
        lock (_calls)
        {
            _calls.Remove(call);
            _count = _calls.Count;
        }
    }

    /// <summary>Records, in the order they were made, the calls whose task has completed; nothing to do while none is pending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SettleCompleted()
    {
        if (_count != 0 && !PendingCall.Recording) SettleCompletedSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SettleCompletedSlow()
    {
        // Collected under the lock, recorded outside it: a call records through its graph, whose look-ups come back here.
        PendingCall? first = null;
        List<PendingCall>? more = null;
        lock (_calls)
        {
            foreach (var call in _calls)
            {
                if (!call.Task.IsCompleted) continue;
                if (first is null) first = call;
                else (more ??= []).Add(call);
            }
        }

        first?.Settle();
        if (more is null) return;
        foreach (var call in more) call.Settle();
    }
}
