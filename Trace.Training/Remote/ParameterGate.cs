namespace Opto.Training.Remote;

// Code parameters and static members belong to a type, not to an agent: rollouts with the same parameter values run
// together, and a rollout with other values waits until they are done before it installs its own.
internal sealed class ParameterGate
{
    private readonly SemaphoreSlim _switch = new(1, 1);
    private readonly Lock _lock = new();
    private string? _version;
    private int _running;
    private TaskCompletionSource? _drained;

    public async Task<IDisposable> EnterAsync(string version, Action install, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? wait = null;
            lock (_lock)
            {
                if (_version == version)
                {
                    _running++;
                    return new Exit(this);
                }

                if (_running > 0) wait = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            if (wait is not null)
            {
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _switch.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                lock (_lock)
                {
                    if (_running > 0 || _version == version) continue;
                    _version = null; // installing: nobody enters until the values are in
                }

                install();
                lock (_lock) _version = version;
            }
            finally
            {
                _switch.Release();
            }
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            if (--_running > 0 || _drained is null) return;
            _drained.SetResult();
            _drained = null;
        }
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
