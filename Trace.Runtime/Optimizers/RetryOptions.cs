namespace Opto.Optimizers;

/// <summary>How an optimizer retries a model request that failed transiently (HTTP 408, 429, 5xx, network errors, timeouts).</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts in all, the first included. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait before the second attempt; it doubles for each further attempt (with ±20% jitter). Default 1 second.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, also when a server asks for more with Retry-After. Default 60 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take before it counts as timed out. Default 3 minutes.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
