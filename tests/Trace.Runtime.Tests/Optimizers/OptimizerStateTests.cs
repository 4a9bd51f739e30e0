using System.Text.Json.Nodes;
using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>An optimizer's state between steps survives export, JSON text and import: a resumed run asks the same.</summary>
public class OptimizerStateTests
{
    private const string Rejected = """
        {"reasoning": "Fewer words.", "answer": null, "suggestion": {"ShopAgent.MaxWords": "twelve"}}
        """;

    [Test]
    public async Task A_restored_optimizer_builds_the_same_next_prompt_and_numbers_steps_on()
    {
        await using var server = new FakeOpenAIServer().Answer(Rejected, 50, 5);
        var agent = new ShopAgent();
        var original = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeOptions { MemorySize = 3 });
        Rollout.Run(agent, original);
        var step = await original.StepAsync();
        Assert.That(step.Rejected, Is.Not.Empty, "the step left rejections for the next prompt");

        var saved = JsonNode.Parse(original.ExportState().ToJsonString())!.AsObject();
        var restored = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient(), new OptoPrimeOptions { MemorySize = 3 });
        restored.ImportState(saved);
        Rollout.Run(agent, original, feedback: "Still too long.");
        Rollout.Run(agent, restored, feedback: "Still too long.");

        Assert.That(restored.BuildPrompt().User, Is.EqualTo(original.BuildPrompt().User));
        Assert.That(restored.BuildPrompt().User, Does.Contain("twelve").And.Contain(Rollout.Feedback), "the rejection and the remembered feedback");
        Assert.That(restored.TotalUsage.TotalTokenCount, Is.EqualTo(55));
        server.Answer("""{"reasoning": "ok", "answer": null, "suggestion": {"ShopAgent.MaxWords": 12}}""");
        Assert.That((await restored.StepAsync()).Step, Is.EqualTo(2));
        Assert.That(restored.Log, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_state_of_another_optimizer_or_a_damaged_one_is_refused_and_changes_nothing()
    {
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), new NoModel());
        var before = optimizer.ExportState().ToJsonString();

        var other = Assert.Throws<ArgumentException>(() => optimizer.ImportState(new JsonObject { ["optimizer"] = "TextGrad", ["steps"] = 3 }));
        var damaged = Assert.Throws<ArgumentException>(() => optimizer.ImportState(new JsonObject { ["optimizer"] = "OptoPrime", ["steps"] = "three" }));
        var badMemory = Assert.Throws<ArgumentException>(() => optimizer.ImportState(new JsonObject
        {
            ["optimizer"] = "OptoPrime", ["steps"] = 4, ["pendingRejections"] = new JsonArray(), ["usage"] = new JsonObject(),
            ["memory"] = new JsonArray(new JsonObject { ["variables"] = "v" }), // an entry without its feedback
        }));
        var negative = Assert.Throws<ArgumentException>(() => optimizer.ImportState(new JsonObject { ["optimizer"] = "OptoPrime", ["steps"] = -1 }));

        Assert.That(other!.Message, Does.Contain("state is of TextGrad, not OptoPrime"));
        Assert.That(damaged!.Message, Does.Contain("OptoPrime state cannot be read"));
        Assert.That(badMemory!.Message, Does.Contain("OptoPrime state cannot be read"));
        Assert.That(negative!.Message, Does.Contain("it counts -1 steps"));
        Assert.That(optimizer.ExportState().ToJsonString(), Is.EqualTo(before), "nothing changed");
    }

    private sealed class NoModel : Microsoft.Extensions.AI.IChatClient
    {
        public Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not asked");

        public IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, Microsoft.Extensions.AI.ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not asked");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
