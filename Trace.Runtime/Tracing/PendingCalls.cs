using System.Runtime.CompilerServices;

namespace Opto;

/// <summary>
/// The calls of one graph whose caller got the very task they returned, still running (see <see cref="PendingCall"/>),
/// until they are recorded, in the order they were made. The count lets look-ups skip them while none is pending; a
/// recorded call leaves a hole, filled in when holes outnumber the calls still pending, so removing one costs O(1).
/// </summary>
internal sealed class PendingCalls
{
    private readonly List<PendingCall?> _calls = [];
    private volatile int _count;

    public void Add(PendingCall call)
    {
        lock (_calls)
        {
            call.Slot = _calls.Count;
            _calls.Add(call);
            _count++;
        }
    }

    public void Remove(PendingCall call)
    {
        lock (_calls)
        {
            _calls[call.Slot] = null;
            _count--;
            if (_count == 0) _calls.Clear();
            else if (_calls.Count > 32 && _calls.Count > 2 * _count) Compact();
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
                if (call is null || !call.Task.IsCompleted) continue;
                if (first is null) first = call;
                else (more ??= []).Add(call);
            }
        }

        first?.Settle();
        if (more is null) return;
        foreach (var call in more) call.Settle();
    }

    private void Compact()
    {
        var kept = 0;
        for (var i = 0; i < _calls.Count; i++)
        {
            if (_calls[i] is not { } call) continue;
            call.Slot = kept;
            _calls[kept++] = call;
        }

        _calls.RemoveRange(kept, _calls.Count - kept);
    }
}
