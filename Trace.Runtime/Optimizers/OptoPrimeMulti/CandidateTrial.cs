namespace Opto.Optimizers;

/// <summary>
/// Puts a candidate's values in place, runs something while they are there, and puts every previous value back, even
/// when a value is refused or the run throws. A value that cannot be put back is an error that names the parameter.
/// </summary>
internal static class CandidateTrial
{
    /// <summary>
    /// The result of <paramref name="run"/> with <paramref name="changes"/> in place, or <see langword="null"/> and the
    /// reason when a parameter refused its new value (the run then does not happen).
    /// </summary>
    /// <exception cref="InvalidOperationException">A previous value could not be put back; the message names the parameters.</exception>
    public static async Task<(T? Result, string? Refused)> RunAsync<T>(IReadOnlyList<ParameterChange> changes, Func<Task<T>> run)
    {
        var written = new List<(ParameterNode Parameter, object? Previous)>();
        Exception? failure = null;
        try
        {
            foreach (var change in changes)
            {
                var previous = change.Parameter.Value;
                try
                {
                    change.Parameter.SetValue(change.NewValue);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return (default, $"{change.Name} refused the value ({e.GetType().Name}: {e.Message})");
                }

                written.Add((change.Parameter, previous));
            }

            return (await run().ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            Restore(written, failure);
        }
    }

    private static void Restore(List<(ParameterNode Parameter, object? Previous)> written, Exception? failure)
    {
        var failed = new List<string>();
        for (var i = written.Count - 1; i >= 0; i--)
        {
            try
            {
                written[i].Parameter.SetValue(written[i].Previous);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed.Add($"{written[i].Parameter.Name} ({e.GetType().Name}: {e.Message})");
            }
        }

        if (failed.Count > 0)
        {
            throw new InvalidOperationException(
                $"After scoring a candidate, the previous value could not be put back for {string.Join(", ", failed)}; it holds the candidate's value. " +
                "Set it again (or load saved parameters) before the next step.", failure);
        }
    }
}
