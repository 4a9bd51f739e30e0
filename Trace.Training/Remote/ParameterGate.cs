namespace Opto.Training.Remote;

// Code parameters and static members belong to a type, not to an agent: rollouts with the same parameter values run
// together, and rollouts with other values wait, in order of arrival, until the running ones are done; then their
// values are installed once and they all go in. A newcomer waits behind anyone waiting, so nobody is kept out forever.
internal sealed class ParameterGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private string? _version;
    private int _running;
    private bool _installing;

    public async Task<IDisposable> EnterAsync(string version, Action install, CancellationToken cancellationToken)
    {
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            if (!_installing && _waiters.Count == 0 && _version == version)
            {
                _running++;
                return new Exit(this);
            }

            node = _waiters.AddLast(new Waiter(version, install));
        }

        Admit();
        using (cancellationToken.Register(() => Cancel(node, cancellationToken)))
        {
            return await node.Value.Entered.Task.ConfigureAwait(false);
        }
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null) return; // already let in
            _waiters.Remove(node);
        }

        node.Value.Entered.TrySetCanceled(cancellationToken);
        Admit();
    }

    private void Leave()
    {
        lock (_lock) _running--;
        Admit();
    }

    // When nothing runs: the first waiter's values are installed (unless they are in), and every waiter with them goes in.
    private void Admit()
    {
        while (true)
        {
            Waiter first;
            lock (_lock)
            {
                if (_running > 0 || _installing || _waiters.First is null) return;
                first = _waiters.First.Value;
                if (first.Version == _version)
                {
                    LetIn(TakeAll(first.Version));
                    return;
                }

                _waiters.RemoveFirst();
                _installing = true;
            }

            try
            {
                first.Install();
            }
            catch (Exception e)
            {
                lock (_lock) (_installing, _version) = (false, null);
                first.Entered.TrySetException(e);
                continue;
            }

            List<Waiter> admitted;
            lock (_lock)
            {
                (_installing, _version) = (false, first.Version);
                _running++;
                admitted = [first, .. TakeAll(first.Version)];
            }

            LetIn(admitted);
            return;
        }
    }

    // Under the lock: every waiter for these values leaves the queue and counts as running.
    private List<Waiter> TakeAll(string version)
    {
        var taken = new List<Waiter>();
        for (var node = _waiters.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Version == version)
            {
                _waiters.Remove(node);
                taken.Add(node.Value);
            }

            node = next;
        }

        _running += taken.Count;
        return taken;
    }

    private void LetIn(List<Waiter> waiters)
    {
        foreach (var waiter in waiters)
        {
            // A waiter cancelled a moment ago is let in all the same; it leaves at once.
            if (!waiter.Entered.TrySetResult(new Exit(this))) Leave();
        }
    }

    private sealed record Waiter(string Version, Action Install)
    {
        public TaskCompletionSource<IDisposable> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Exit(ParameterGate gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Leave();
        }
    }
}
