namespace Opto.Optimizers;

/// <summary>
/// The requests of a step as tasks: at most so many at once, the first failure stopping those still waiting, and that
/// failure (not a cancellation it caused) thrown.
/// </summary>
internal static class StepTasks
{
    /// <summary>Runs <paramref name="body"/> for 0 to <paramref name="count"/> - 1, at most <paramref name="parallelism"/> at once.</summary>
    public static async Task ForEachAsync(int count, int parallelism, Func<int, Task> body)
    {
        using var gate = new SemaphoreSlim(parallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Bounded(gate, async () =>
        {
            await body(i).ConfigureAwait(false);
            return true;
        }, CancellationToken.None))).ConfigureAwait(false);
    }

    public static async Task<T> Bounded<T>(SemaphoreSlim gate, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public static async Task StopOnFailure(Task work, CancellationTokenSource stop)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<T> StopOnFailure<T>(Task<T> work, CancellationTokenSource stop)
    {
        await StopOnFailure((Task)work, stop).ConfigureAwait(false);
        return work.Result;
    }

    // Waits for every task, then throws the failure that stopped the others rather than a cancellation it caused.
    public static async Task FirstFailure(Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }
}
