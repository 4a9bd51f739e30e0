using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Opto.Training;

namespace Trace.Runtime.Tests.Training;

public class UsageCountingTests
{
    [Test]
    public async Task Streamed_usage_is_counted_once_for_the_rollout_that_streamed()
    {
        var chat = new StreamingModel().AsBuilder().UseTrainingUsage().UseTrainingUsage().Build();
        var trainer = new Trainer<string, string, string>(async (input, token) =>
        {
            var text = "";
            await foreach (var update in chat.GetStreamingResponseAsync(input, cancellationToken: token)) text += update.Text;
            return text;
        }, new ExactMatchGuide<string, string>(), new OptoPrime([new Parameter<string>("unused", "x")], new StreamingModel()));

        var evaluation = await trainer.EvaluateAsync([new("a", "ok"), new("b", "ok")]);

        Assert.That(evaluation.Rollouts.Select(r => r.Output), Is.All.EqualTo("ok"));
        Assert.That(evaluation.Usage.Agent.InputTokenCount, Is.EqualTo(2 * 7), "added twice to the pipeline, counted once");
    }

    [Test]
    public void A_client_already_counting_is_not_wrapped_again()
    {
        var counted = new UsageCountingChatClient(new StreamingModel());

        Assert.That(UsageCountingChatClient.Wrap(counted), Is.SameAs(counted));
        Assert.That(UsageCountingChatClient.Wrap(new StreamingModel()), Is.InstanceOf<UsageCountingChatClient>());
    }

    [Test]
    public async Task Outside_a_rollout_nothing_is_counted_and_responses_pass_through()
    {
        var chat = new UsageCountingChatClient(new StreamingModel());

        var response = await chat.GetResponseAsync("hello");
        var counter = UsageFlow.Begin(); // a rollout starting after the call does not see it
        UsageFlow.End();
        await chat.GetResponseAsync("after the rollout ended");

        Assert.That((response.Text, response.Usage!.InputTokenCount), Is.EqualTo(("ok", (long?)7)));
        Assert.That(counter.Total.TotalTokenCount ?? 0, Is.Zero);
        Assert.That(counter.ByModel, Is.Empty);
    }

    // Answers "ok" in two updates, the second carrying the usage, as streaming OpenAI responses do.
    private sealed class StreamingModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = Usage() });

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "o");
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new TextContent("k"), new UsageContent(Usage())]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }

        private static UsageDetails Usage() => new() { InputTokenCount = 7, OutputTokenCount = 2, TotalTokenCount = 9 };
    }
}
