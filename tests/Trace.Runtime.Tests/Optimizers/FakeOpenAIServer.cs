using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Opto.Providers;
using Opto.Testing;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// A loopback server speaking the OpenAI chat-completions protocol, answering from a queue and recording every
/// request, used through the real OpenAI and Azure OpenAI SDK clients.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string Key = "sk-test-0123456789abcdef";
    public const string Deployment = "opto-test";

    private readonly ConcurrentQueue<Func<LoopbackRequest, LoopbackResponse>> _responses = new();
    private readonly LoopbackChatServer _server;

    public FakeOpenAIServer() => _server = LoopbackChatServer.Start(RespondAsync);

    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    public Func<LoopbackRequest, LoopbackResponse>? Fallback { get; set; }

    public Uri BaseAddress => _server.BaseAddress;

    public FakeOpenAIServer Answer(string content, int promptTokens = 120, int completionTokens = 30)
    {
        _responses.Enqueue(_ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion(content, "gpt-test", promptTokens, completionTokens)));
        return this;
    }

    /// <summary>Queues an answer asking for one tool call: <paramref name="name"/> with <paramref name="argumentsJson"/>.</summary>
    public FakeOpenAIServer AskForTool(string name, string argumentsJson, string callId = "call_1")
    {
        _responses.Enqueue(_ => new LoopbackResponse(200, new JsonObject
        {
            ["id"] = "chatcmpl-tool",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "gpt-test",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = callId,
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = argumentsJson },
                    }),
                },
                ["finish_reason"] = "tool_calls",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 5, ["total_tokens"] = 15 },
        }.ToJsonString()));
        return this;
    }

    /// <summary>Queues a streamed answer (server-sent events) asking for one tool call, its arguments in two chunks.</summary>
    public FakeOpenAIServer StreamToolCall(string name, string argumentsJson, string callId = "call_1")
    {
        static string Chunk(JsonObject delta, string? finish) => "data: " + new JsonObject
        {
            ["id"] = "chatcmpl-stream",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = "gpt-test",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        }.ToJsonString() + "\n\n";

        var half = argumentsJson.Length / 2;
        var body = Chunk(new JsonObject
            {
                ["role"] = "assistant",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["id"] = callId, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = argumentsJson[..half] },
                }),
            }, null)
            + Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = argumentsJson[half..] } }) }, null)
            + Chunk(new JsonObject(), "tool_calls")
            + "data: [DONE]\n\n";
        _responses.Enqueue(_ => new LoopbackResponse(200, body, new Dictionary<string, string> { ["Content-Type"] = "text/event-stream" }));
        return this;
    }

    public FakeOpenAIServer Fail(int status, string message, IReadOnlyDictionary<string, string>? headers = null)
    {
        _responses.Enqueue(_ => new LoopbackResponse(status, ChatCompletionsProtocol.Error(message, "test_error"), headers));
        return this;
    }

    public FakeOpenAIServer Stall(TimeSpan delay, string content)
    {
        _responses.Enqueue(_ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion(content, "gpt-test", 1, 1), Delay: delay));
        return this;
    }

    public IChatClient OpenAIClient() => ChatClientFactory.Create(new ChatClientSettings
    {
        Provider = ChatProvider.OpenAI,
        Endpoint = new Uri(BaseAddress, "v1/"),
        ApiKey = Key,
        Model = "gpt-test",
    });

    public IChatClient AzureClient() => ChatClientFactory.Create(new ChatClientSettings
    {
        Provider = ChatProvider.AzureOpenAI,
        Endpoint = BaseAddress,
        ApiKey = Key,
        Model = Deployment,
    });

    public JsonObject LastBody() => (JsonObject)JsonNode.Parse(Requests.Last().Body)!;

    public IReadOnlyList<OfflineMessage> LastMessages() => ChatCompletionsProtocol.ReadMessages(Requests.Last().Body);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task<LoopbackResponse> RespondAsync(LoopbackRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (_responses.TryDequeue(out var respond)) return Task.FromResult(respond(request));
        if (Fallback is { } fallback) return Task.FromResult(fallback(request));
        return Task.FromResult(new LoopbackResponse(418, ChatCompletionsProtocol.Error("The test queued no answer for this request.", "test_error")));
    }
}
