using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// <see cref="IChatClient"/> middleware that retries a request which failed transiently (no response, HTTP 408, 429,
/// 5xx except 501, network errors, timeouts), waiting as the server asks (<c>Retry-After</c>, <c>retry-after-ms</c>) or
/// with exponential backoff and jitter, and bounding each attempt by <see cref="RetryOptions.AttemptTimeout"/>. Once the
/// attempts are used up, or for an error a retry cannot fix, the last exception comes out unchanged. Add it with
/// <c>UseRetries()</c> on a <c>ChatClientBuilder</c> (package Opto.Trace.Providers) or wrap a client directly; the
/// optimizers add it to their client when it has none, and record every attempt in their step log.
/// </summary>
/// <remarks>A streaming request is retried only until its first update arrives.</remarks>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private static readonly AsyncLocal<List<RequestAttempt>?> s_recorder = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The client that sends the requests.</param>
    /// <param name="options">How to retry; default <see cref="RetryOptions"/>.</param>
    public RetryingChatClient(IChatClient inner, RetryOptions? options = null) : base(inner) => Options = options ?? new RetryOptions();

    /// <summary>How this client retries.</summary>
    public RetryOptions Options { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var number = 1; ; number++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(Options.AttemptTimeout);
            Exception failed;
            try
            {
                var response = await base.GetResponseAsync(sent, options, attemptTimeout.Token).ConfigureAwait(false);
                Record(new RequestAttempt(number, null, TimeSpan.Zero));
                return response;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed = e;
            }

            var timedOut = attemptTimeout.IsCancellationRequested;
            if (await RetryAfterAsync(failed, number, timedOut, cancellationToken).ConfigureAwait(false)) continue;
            // The caller did not cancel: an attempt that ran out of time is a timeout, not a cancellation.
            if (timedOut && failed is OperationCanceledException)
            {
                throw new TimeoutException($"no answer within {Options.AttemptTimeout.TotalSeconds:0.###} s (RetryOptions.AttemptTimeout).", failed);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var number = 1; ; number++)
        {
            var updates = base.GetStreamingResponseAsync(sent, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var any = false;
            Exception? failed = null;
            try
            {
                try
                {
                    any = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    failed = e;
                }

                if (failed is not null)
                {
                    if (await RetryAfterAsync(failed, number, timedOut: false, cancellationToken).ConfigureAwait(false)) continue;
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
                }

                Record(new RequestAttempt(number, null, TimeSpan.Zero));
                while (any)
                {
                    yield return updates.Current;
                    any = await updates.MoveNextAsync().ConfigureAwait(false);
                }

                yield break;
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Whether the failed attempt is retried: records it, and waits before the next one when it is.
    private async Task<bool> RetryAfterAsync(Exception e, int number, bool timedOut, CancellationToken cancellationToken)
    {
        var failure = RequestFailure.Classify(e, timedOut, Options.AttemptTimeout);
        if (!failure.Transient || number >= Math.Max(1, Options.MaxAttempts))
        {
            Record(new RequestAttempt(number, failure.Description, TimeSpan.Zero));
            return false;
        }

        var wait = WaitBefore(number, failure.RetryAfter);
        Record(new RequestAttempt(number, failure.Description, wait));
        OptimizerLog.RequestRetried(OptimizerLog.Logger, number, failure.Description, (long)wait.TotalMilliseconds);
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private TimeSpan WaitBefore(int failedAttempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked) return asked < Options.MaxDelay ? asked : Options.MaxDelay;
        var backoff = Options.InitialDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(backoff, Options.MaxDelay.TotalMilliseconds));
    }

    private static void Record(RequestAttempt attempt) => s_recorder.Value?.Add(attempt);

    /// <summary>Collects the attempts that retrying clients make in the current flow until disposed (how the optimizers fill their log).</summary>
    internal static AttemptRecording RecordAttempts()
    {
        var previous = s_recorder.Value;
        var attempts = new List<RequestAttempt>();
        s_recorder.Value = attempts;
        return new AttemptRecording(attempts, previous);
    }

    internal sealed class AttemptRecording(List<RequestAttempt> attempts, List<RequestAttempt>? previous) : IDisposable
    {
        public List<RequestAttempt> Attempts { get; } = attempts;

        public void Dispose() => s_recorder.Value = previous;
    }
}
