using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Opto.Optimizers;

namespace Trace.Benchmarks;

/// <summary>
/// What the retry middleware costs on a request that succeeds the first time: an in-memory client that answers at once,
/// called directly and through <see cref="RetryingChatClient"/> (a linked token source with a timer per attempt).
/// </summary>
[MemoryDiagnoser]
public class RetryMiddlewareBenchmarks
{
    private static readonly ChatMessage[] s_messages = [new(ChatRole.User, "How many laptops are in stock?")];
    private readonly IChatClient _direct = new InstantClient();
    private IChatClient _retrying = null!;

    [GlobalSetup]
    public void Setup() => _retrying = new RetryingChatClient(_direct);

    [Benchmark(Baseline = true, Description = "Request, direct")]
    public Task<ChatResponse> Direct() => _direct.GetResponseAsync(s_messages);

    [Benchmark(Description = "Request, through RetryingChatClient")]
    public Task<ChatResponse> Retrying() => _retrying.GetResponseAsync(s_messages);

    private sealed class InstantClient : IChatClient
    {
        private static readonly Task<ChatResponse> s_answer = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Three.")));

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => s_answer;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
