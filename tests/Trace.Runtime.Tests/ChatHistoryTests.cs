using Microsoft.Extensions.AI;
using Opto;
using Trace.Runtime.Tests.Fixtures;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests;

/// <summary>
/// The messages of a <see cref="ChatResponse"/> a traced call returned are linked to that call when they are passed on, as a
/// returned list's elements are: a conversation whose history holds the model's earlier replies makes each turn depend on
/// the turns before it. Through the real OpenAI client, against a loopback server.
/// </summary>
public class ChatHistoryTests
{
    private static List<MessageNode> Calls(TraceScope scope, string method) =>
        [.. scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == method)];

    [Test]
    public async Task A_turn_given_the_history_with_the_replies_added_depends_on_the_turns_that_made_them()
    {
        await using var server = new FakeOpenAIServer().Answer("Paris.").Answer("About two million.");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var history = new List<ChatMessage> { new(ChatRole.User, "Capital of France?") };
        var first = await agent.AskAsync(history);
        history.AddMessages(first);
        history.Add(new ChatMessage(ChatRole.User, "How many people live there?"));
        var second = await agent.AskAsync(history);

        var (turn0, turn1) = (Calls(scope, "AskAsync")[0], Calls(scope, "AskAsync")[1]);
        Assert.That(second.Text, Is.EqualTo("About two million."));
        Assert.That(GraphWalk.Ancestors(turn1), Does.Contain(turn0));
        var read = GraphWalk.Ancestors(turn1).OfType<GlueNode>().Single(g => g.Parents.Contains(turn0));
        Assert.That(read.Expression, Is.EqualTo("ask0.Messages[0]"));
        Assert.That(server.LastMessages().Select(m => m.Text), Is.EqualTo(new[] { "Answer in one sentence.", "Capital of France?", "Paris.", "How many people live there?" }));
    }

    [Test]
    public async Task The_messages_added_one_by_one_link_the_same_way()
    {
        await using var server = new FakeOpenAIServer().Answer("Paris.").Answer("About two million.");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var history = new List<ChatMessage> { new(ChatRole.User, "Capital of France?") };
        var first = await agent.AskAsync(history);
        history.AddRange(first.Messages);
        var counted = agent.Count(history);

        Assert.That(counted, Is.EqualTo("2"));
        Assert.That(GraphWalk.Ancestors(Calls(scope, "Count").Single()), Does.Contain(Calls(scope, "AskAsync").Single()));
    }

    [Test]
    public void A_response_whose_messages_are_a_list_class_of_the_program_s_is_not_read()
    {
        var agent = new Conversation(new NoChat());
        using var scope = TraceScope.Begin();

        var response = agent.Wrapped("Paris.");
        var messages = (Conversation.OwnList)response.Messages;
        var counted = agent.Count([.. response.Messages]);

        Assert.That(messages.Reads, Is.Zero, "tracing read the program's list");
        Assert.That(counted, Is.EqualTo("1"));
        Assert.That(GraphWalk.Ancestors(Calls(scope, "Count").Single()), Does.Not.Contain(Calls(scope, "Wrapped").Single()));
    }
}
