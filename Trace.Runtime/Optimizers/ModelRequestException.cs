namespace Opto.Optimizers;

/// <summary>
/// A model request failed with an HTTP response (or with no response at all), described without any SDK's types: the
/// status, the body as the server sent it and how long the server asked to wait. The optimizers retry it when the
/// status says a retry can help (no response, 408, 429, 5xx except 501). The clients of Opto.Trace.Providers throw it
/// for their SDKs' errors; another client can throw it to get the same retries.
/// </summary>
public sealed class ModelRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="status">The HTTP status, or 0 when no response arrived.</param>
    /// <param name="body">The response body, when there was one and it could be read.</param>
    /// <param name="retryAfter">How long the server asked to wait before asking again (Retry-After), when it said.</param>
    /// <param name="innerException">The client's own exception.</param>
    public ModelRequestException(string message, int status, string? body, TimeSpan? retryAfter, Exception? innerException)
        : base(message, innerException)
    {
        Status = status;
        Body = body;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The response body exactly as the server sent it, when there was one.</summary>
    public string? Body { get; }

    /// <summary>How long the server asked to wait before asking again, when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
