namespace Opto.Optimizers;

/// <summary>One request to the model during a step.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="Failure">Why the attempt failed, or <see langword="null"/> when it succeeded.</param>
/// <param name="WaitBeforeRetry">How long the optimizer waited before the next attempt (a server's Retry-After, or backoff).</param>
public sealed record RequestAttempt(int Number, string? Failure, TimeSpan WaitBeforeRetry);
