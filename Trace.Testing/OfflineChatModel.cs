using Microsoft.Extensions.AI;

namespace Opto.Testing;

/// <summary>
/// The built-in offline demo model: it serves scripted answers (the bundled samples script it, and so can you, for your
/// own agent), so a program runs with no API key. It is not a language model and understands nothing; it matches requests against its script. It answers
/// over HTTP on 127.0.0.1 in the OpenAI chat-completions protocol, so the client it hands out is the real
/// <c>OpenAI</c> SDK client and a sample exercises the same code path as with a real model.
/// </summary>
/// <example>
/// <code>
/// await using var offline = new OfflineChatModel()
///     .When(r => r.Mentions("#Feedback"), "{\"suggestion\": {\"Agent.Prompt\": \"Be brief.\"}}")
///     .When(_ => true, r => $"You said: {r.User}");
/// IChatClient chat = offline.CreateClient();
/// </code>
/// </example>
public sealed class OfflineChatModel : IAsyncDisposable
{
    /// <summary>The model name the offline server reports.</summary>
    public const string ModelName = "opto-offline-script";

    /// <summary>How samples should name it on screen.</summary>
    public const string Disclosure = "the built-in offline demo model (scripted answers for this sample, not a language model)";

    private readonly List<Rule> _rules = [];
    private readonly Lock _lock = new();
    private LoopbackChatServer? _server;
    private bool _disposed;
    private int _served;

    /// <summary>
    /// Adds a rule. Rules are tried in the order they were added and the first whose condition holds answers the request;
    /// a request no rule matches fails with HTTP 501, which optimizers do not retry.
    /// </summary>
    /// <param name="condition">Whether the rule applies to a request.</param>
    /// <param name="answer">The answer's text.</param>
    public OfflineChatModel When(Func<OfflineRequest, bool> condition, Func<OfflineRequest, string> answer)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(answer);
        lock (_lock) _rules.Add(new Rule(condition, answer));
        return this;
    }

    /// <summary>Adds a rule with a fixed answer.</summary>
    /// <param name="condition">Whether the rule applies to a request.</param>
    /// <param name="answer">The answer's text.</param>
    public OfflineChatModel When(Func<OfflineRequest, bool> condition, string answer) => When(condition, _ => answer);

    /// <summary>
    /// Adds a rule that serves <paramref name="answers"/> one after another, each time it applies, then repeats the last.
    /// </summary>
    /// <param name="condition">Whether the rule applies to a request.</param>
    /// <param name="answers">The answers, in order.</param>
    public OfflineChatModel InTurn(Func<OfflineRequest, bool> condition, params string[] answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Length);
        var next = 0;
        return When(condition, _ => answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)]);
    }

    /// <summary>The number of requests served so far.</summary>
    public int RequestsServed => Volatile.Read(ref _served);

    /// <summary>The loopback address the model listens on (it starts on first use).</summary>
    public Uri Endpoint => Server.BaseAddress;

    /// <summary>
    /// Creates a chat client for the model: the <c>OpenAI</c> SDK's client pointed at the loopback server, built by
    /// <see cref="Opto.Providers.ChatClientFactory"/> as for any OpenAI-compatible server.
    /// </summary>
    public IChatClient CreateClient() => Opto.Providers.ChatClientFactory.Create(new Opto.Providers.ChatClientSettings
    {
        Provider = Opto.Providers.ChatProvider.OpenAI,
        Endpoint = new Uri(Endpoint, "v1/"),
        ApiKey = "offline",
        Model = ModelName,
        SdkRetries = 0,
    });

    /// <summary>Stops the loopback server.</summary>
    public async ValueTask DisposeAsync()
    {
        LoopbackChatServer? server;
        lock (_lock) (server, _server, _disposed) = (_server, null, true);
        if (server is not null) await server.DisposeAsync().ConfigureAwait(false);
    }

    private LoopbackChatServer Server
    {
        get
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _server ??= LoopbackChatServer.Start(Respond);
            }
        }
    }

    private Task<LoopbackResponse> Respond(LoopbackRequest request, CancellationToken cancellationToken)
    {
        if (!request.Path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return Task.FromResult(new LoopbackResponse(404, ChatCompletionsProtocol.Error(
                $"The offline demo model serves only POST .../chat/completions, not {request.Path}.", "invalid_request_error")));
        }

        var messages = ChatCompletionsProtocol.ReadMessages(request.Body);
        var offlineRequest = new OfflineRequest(messages, Interlocked.Increment(ref _served));
        Rule[] rules;
        lock (_lock) rules = [.. _rules];
        foreach (var rule in rules)
        {
            if (!rule.Condition(offlineRequest)) continue;
            var answer = rule.Answer(offlineRequest);
            return Task.FromResult(new LoopbackResponse(200, ChatCompletionsProtocol.Completion(
                answer, ModelName, EstimateTokens(messages.Sum(m => m.Text.Length)), EstimateTokens(answer.Length))));
        }

        // 501 Not Implemented is final: optimizers do not retry it, so one unmatched request fails once, with this message.
        return Task.FromResult(new LoopbackResponse(501, ChatCompletionsProtocol.Error(
            $"The offline demo model has no rule for this request (request {offlineRequest.Number}; system prompt starts " +
            $"'{Start(offlineRequest.System)}', last user message starts '{Start(offlineRequest.User)}'). It answers only what it was " +
            "scripted to: add a rule that matches it, such as .When(r => r.User.Contains(\"...\"), \"answer\") for your agent's call or " +
            ".When(r => r.System.Contains(\"#Variables\"), \"{\\\"suggestion\\\": {...}}\") for the optimizer's request " +
            "(rules are tried in the order they were added; the first that matches answers), or configure a real model " +
            "(AZURE_OPENAI_* or OPENAI_* environment variables).", "offline_no_rule")));
    }

    private static string Start(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..60] + "...";
    }

    // The offline model has no tokenizer; it reports an estimate of four characters per token.
    private static int EstimateTokens(int characters) => (characters + 3) / 4;

    private sealed record Rule(Func<OfflineRequest, bool> Condition, Func<OfflineRequest, string> Answer);
}
