namespace Opto.Optimizers;

/// <summary>
/// The model could not be asked: the request failed for good (a non-transient error, or a transient one on every
/// attempt). Carries every attempt and the last raw response body, so nothing the server said is lost.
/// </summary>
public sealed class OptimizerRequestException : Exception
{
    internal OptimizerRequestException(string message, IReadOnlyList<RequestAttempt> attempts, int? status, string? rawResponse, Exception inner)
        : base(message, inner)
    {
        Attempts = attempts;
        Status = status;
        RawResponse = rawResponse;
    }

    /// <summary>The same failure, with attempts made before these (an earlier request of the same step) listed first.</summary>
    internal OptimizerRequestException WithEarlierAttempts(IReadOnlyList<RequestAttempt> earlier) =>
        new(Message, [.. earlier, .. Attempts], Status, RawResponse, InnerException!);

    /// <summary>The attempts made, with why each failed.</summary>
    public IReadOnlyList<RequestAttempt> Attempts { get; }

    /// <summary>The last HTTP status, when the failure was an HTTP response.</summary>
    public int? Status { get; }

    /// <summary>The last response body exactly as the server sent it, when there was one.</summary>
    public string? RawResponse { get; }
}
