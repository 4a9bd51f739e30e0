using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Opto.Testing;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// Answers whose text is not valid Unicode (lone surrogates, escaped or raw): each is a rejection the next prompt
/// shows, never an exception, and nothing the optimizer writes (rejections, prompts) holds half a character.
/// </summary>
public class InvalidTextTests
{
    [Test]
    public async Task A_lone_surrogate_in_a_suggested_string_is_rejected_for_that_variable_and_named_in_the_next_prompt()
    {
        await using var server = new FakeOpenAIServer()
            .Answer("""{"reasoning": "shorter", "suggestion": {"ShopAgent.SystemPrompt": "Be brief \ud800 please.", "ShopAgent.MaxWords": 7}}""");
        var agent = new ShopAgent();
        var before = Rollout.Values(agent);
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(step.Applied, Is.Empty);
        var rejection = step.Rejected.First(r => r.Name == "ShopAgent.SystemPrompt");
        Assert.That(rejection.Reason, Does.Contain("is not valid text").And.Contain(@"\ud800"));
        Assert.That(rejection.Suggested, Does.Contain(@"Be brief \ud800 please."), "the value as the model wrote it, escape kept");
        Assert.That(step.Reasoning, Is.EqualTo("shorter"));
        var next = optimizer.BuildPrompt().User;
        Assert.That(next, Does.Contain("Your previous answer was not applied").And.Contain(rejection.Reason));
        Assert.That(IsValidText(next), Is.True);
    }

    [Test]
    public async Task An_answer_with_raw_invalid_UTF16_is_rejected_whole()
    {
        const string answer = "{\"suggestion\": {\"ShopAgent.SystemPrompt\": \"Hi \ud800 there\"}}";
        var chat = new ScriptedChatClient(answer);
        var agent = new ShopAgent();
        var before = Rollout.Values(agent);
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat);
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(step.Applied, Is.Empty);
        Assert.That(step.Rejected.Single().Name, Is.Null);
        Assert.That(step.Rejected.Single().Reason, Does.Contain("is not valid text").And.Contain("U+D800").And.Contain($"character {answer.IndexOf('\ud800', StringComparison.Ordinal) + 1}"));
        Assert.That(step.Rejected.Select(r => r.Suggested ?? ""), Has.All.Matches<string>(IsValidText));
        Assert.That(optimizer.BuildPrompt().User, Does.Contain(step.Rejected.Single().Reason));
    }

    [Test]
    public async Task A_response_body_that_escapes_a_lone_surrogate_is_a_rejection_not_an_exception()
    {
        // The content string of the HTTP response itself holds \ud800: the SDK cannot decode the answer's text.
        await using var server = new FakeOpenAIServer
        {
            Fallback = _ => new(200, """
                {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "{\"suggestion\": {\"ShopAgent.MaxWords\": 7}} \ud800"}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                """),
        };
        var agent = new ShopAgent();
        var before = Rollout.Values(agent);
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(),
            new OptoPrimeOptions { Retry = { InitialDelay = TimeSpan.FromMilliseconds(1) } });
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
        Assert.That(step.Applied, Is.Empty);
        Assert.That(string.Join("\n", step.Rejected), Does.Contain("is not valid text"));
        Assert.That(optimizer.BuildPrompt().User, Does.Contain("Your previous answer was not applied"));
    }

    [Test]
    public async Task Shortened_text_never_cuts_a_character_in_half()
    {
        // 299 characters, then an emoji (two UTF-16 units) across the 300-character cut of the recorded answer.
        var prose = new string('a', 299) + "\U0001F600 and no JSON at all " + new string('b', 400);
        var chat = new ScriptedChatClient(prose);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat);
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        var rejection = step.Rejected.Single();
        Assert.That(rejection.Suggested, Is.Not.Null);
        Assert.That(IsValidText(rejection.Suggested!), Is.True, "a cut between the two halves of a pair leaves a lone surrogate");
        Assert.That(IsValidText(optimizer.BuildPrompt().User), Is.True);
    }

    [TestCase(119)]
    [TestCase(120)]
    [TestCase(121)]
    public void Truncation_keeps_surrogate_pairs_whole(int at)
    {
        var text = new string('x', at) + "\U0001F600" + new string('y', 300);
        Assert.That(IsValidText(ValueText.Truncate(text, 120)), Is.True);
        Assert.That(IsValidText(ValueJson.Truncate(text, 120)), Is.True);
        Assert.That(IsValidText(ValueText.Format(text, 120)), Is.True);
    }

    internal static bool IsValidText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }

        return true;
    }

    /// <summary>A chat client in this process that answers with fixed texts (any string, even one that is not valid UTF-16).</summary>
    internal sealed class ScriptedChatClient(params string[] answers) : IChatClient
    {
        private int _next;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var text = answers[Math.Min(_next++, answers.Length - 1)];
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5 },
                FinishReason = ChatFinishReason.Stop,
            });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
