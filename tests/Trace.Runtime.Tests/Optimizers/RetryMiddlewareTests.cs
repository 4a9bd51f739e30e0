using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// Retries are <see cref="IChatClient"/> middleware: an agent's own model calls get them with <c>UseRetries()</c>,
/// through the real OpenAI client against a loopback server; an optimizer given such a client uses its retries and
/// records every attempt.
/// </summary>
public class RetryMiddlewareTests
{
    private static readonly RetryOptions s_fast = new() { InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) };

    [Test]
    public async Task An_agents_call_is_retried_after_transient_failures_as_the_server_asks()
    {
        await using var server = new FakeOpenAIServer();
        server.Fail(503, "Overloaded").Fail(429, "Slow down", new Dictionary<string, string> { ["retry-after-ms"] = "20" }).Answer("Three laptops.");
        using var chat = server.OpenAIClient().AsBuilder().UseRetries(s_fast).Build();

        var response = await chat.GetResponseAsync("How many laptops?");

        Assert.That(response.Text, Is.EqualTo("Three laptops."));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_error_a_retry_cannot_fix_comes_out_at_once_with_the_servers_answer()
    {
        await using var server = new FakeOpenAIServer();
        server.Fail(400, "Bad request: unknown parameter").Answer("never sent");
        using var chat = server.OpenAIClient().AsBuilder().UseRetries(s_fast).Build();

        var error = Assert.ThrowsAsync<ModelRequestException>(async () => await chat.GetResponseAsync("Hi"));

        Assert.That(error!.Status, Is.EqualTo(400));
        Assert.That(error.Body, Does.Contain("unknown parameter"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Attempts_end_with_the_last_failure_when_every_one_fails()
    {
        await using var server = new FakeOpenAIServer();
        server.Fail(502, "Bad gateway").Fail(502, "Bad gateway").Fail(502, "Bad gateway").Answer("too late");
        using var chat = server.OpenAIClient().AsBuilder().UseRetries(new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(5) }).Build();

        var error = Assert.ThrowsAsync<ModelRequestException>(async () => await chat.GetResponseAsync("Hi"));

        Assert.That(error!.Status, Is.EqualTo(502));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_optimizer_uses_the_retries_of_the_client_it_is_given_and_records_each_attempt()
    {
        await using var server = new FakeOpenAIServer();
        server.Fail(503, "Overloaded").Fail(503, "Overloaded").Fail(503, "Overloaded").Fail(503, "Overloaded");
        using var chat = server.OpenAIClient().AsBuilder().UseRetries(new RetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(5) }).Build();
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat, new OptoPrimeOptions { Retry = s_fast });
        Rollout.Run(agent, optimizer);

        var error = Assert.ThrowsAsync<OptimizerRequestException>(async () => await optimizer.StepAsync());

        Assert.That(server.Requests, Has.Count.EqualTo(2), "the client's two attempts, not the optimizer's four");
        Assert.That(error!.Attempts.Select(a => (a.Number, a.Failure?.StartsWith("HTTP 503", StringComparison.Ordinal))), Is.EqualTo(new[] { (1, (bool?)true), (2, (bool?)true) }));
        Assert.That(error.Message, Does.StartWith("The model request failed 2 times: HTTP 503"));
    }

    [Test]
    public async Task A_stream_is_retried_until_its_first_update_arrives()
    {
        using var chat = new FlakyStream(failures: 2).AsBuilder().UseRetries(s_fast).Build();

        var text = string.Concat(await chat.GetStreamingResponseAsync("Hi").Select(u => u.Text).ToListAsync());

        Assert.That(text, Is.EqualTo("Hello there"));
    }

    // A stream whose first attempts fail before they send anything.
    private sealed class FlakyStream(int failures) : IChatClient
    {
        private int _calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("This client only streams.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (++_calls <= failures) throw new HttpRequestException("Connection reset");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Hello ");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "there");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
