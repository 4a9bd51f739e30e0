using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Opto;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>An agent whose model calls go through whatever <see cref="IChatClient"/> pipeline it is given.</summary>
public class CachedAgent(IChatClient chat)
{
    [Trainable("The system prompt of every answer.")]
    public string Prompt { get; set; } = "Answer briefly.";

    /// <summary>Answers a question with the model.</summary>
    [Traced]
    public async Task<string> AnswerAsync(string question)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, Prompt), new ChatMessage(ChatRole.User, question)]);
        return response.Text;
    }
}

/// <summary>
/// The agent's own model calls can be cached with Microsoft.Extensions.AI's <c>UseDistributedCache</c> over a real
/// <see cref="IDistributedCache"/>: a rollout repeated with unchanged parameters sends no request (costs no tokens), a
/// change of a trainable value that reaches the prompt misses the cache, and a cached answer is still a traced call whose
/// feedback reaches the prompt.
/// </summary>
public class CachingTests
{
    [Test]
    public async Task A_repeated_rollout_is_served_from_the_cache_until_a_trainable_value_in_the_prompt_changes()
    {
        await using var server = new FakeOpenAIServer();
        server.Answer("Three laptops.", promptTokens: 40, completionTokens: 5).Answer("Three.", promptTokens: 42, completionTokens: 2);
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var chat = server.OpenAIClient().AsBuilder().UseDistributedCache(cache).Build();
        var agent = new CachedAgent(chat);

        var first = await Rollout(agent);
        var repeated = await Rollout(agent);
        var requestsBeforeChange = server.Requests.Count;
        agent.Prompt = "Answer in one word.";
        var changed = await Rollout(agent);

        Assert.That((first.Answer, repeated.Answer, changed.Answer), Is.EqualTo(("Three laptops.", "Three laptops.", "Three.")));
        Assert.That(requestsBeforeChange, Is.EqualTo(1), "the repeated rollout sent no request");
        Assert.That(server.Requests, Has.Count.EqualTo(2), "the changed prompt missed the cache");
        Assert.That(server.Requests.Last().Body, Does.Contain("Answer in one word."));
        Assert.That(repeated.Reached, Does.Contain("CachedAgent.Prompt"), "feedback on a cached answer still reaches the prompt");
    }

    private static async Task<(string Answer, IReadOnlyList<string> Reached)> Rollout(CachedAgent agent)
    {
        using var rollout = TraceScope.Begin();
        var answer = await agent.AnswerAsync("How many laptops are in stock?");
        var output = rollout.Graph.Nodes.OfType<MessageNode>().Last();
        var result = rollout.Graph.Backward(output, "Too long.");
        return (answer, [.. result.Parameters.Select(p => p.Name)]);
    }
}
