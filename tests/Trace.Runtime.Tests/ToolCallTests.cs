using Microsoft.Extensions.AI;
using Opto;
using Trace.Runtime.Tests.Fixtures;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests;

/// <summary>
/// The contents of a reply a traced call returned (a tool call the model asked for) are linked to that call when they are
/// passed on, however the caller found them: the tool's call depends on the turn that asked for it. Through the real OpenAI
/// client, against a loopback server answering with a tool call.
/// </summary>
public class ToolCallTests
{
    private static List<MessageNode> Calls(TraceScope scope, string method) =>
        [.. scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == method)];

    [Test]
    public async Task A_tool_call_found_in_the_reply_s_contents_depends_on_the_turn_that_asked_for_it()
    {
        await using var server = new FakeOpenAIServer().AskForTool("weather", """{"city":"Paris"}""").Answer("Sunny in Paris.");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var history = new List<ChatMessage> { new(ChatRole.User, "Weather in Paris?") };
        var response = await agent.AskAsync(history);
        history.AddMessages(response);
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()) history.Add(agent.AnswerTool(call));
        var final = await agent.AskAsync(history);

        Assert.That(final.Text, Is.EqualTo("Sunny in Paris."));
        var (asked, tool) = (Calls(scope, "AskAsync")[0], Calls(scope, "AnswerTool").Single());
        var read = tool.Parents.OfType<GlueNode>().Single();
        Assert.That(read.Parents, Is.EqualTo(new Node[] { asked }));
        Assert.That(read.Expression, Is.EqualTo("ask0.Messages[0].Contents[0]"));
        Assert.That(GraphWalk.Ancestors(Calls(scope, "AskAsync")[1]), Does.Contain(tool), "the tool's message did not reach the next turn");
        Assert.That(GraphWalk.Ancestors(Calls(scope, "RunTool").Single()), Does.Contain(asked));
    }

    [Test]
    public async Task Every_content_of_every_message_is_linked_found_by_a_pattern()
    {
        await using var server = new FakeOpenAIServer().AskForTool("weather", """{"city":"Oslo"}""");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var response = await agent.AskAsync([new(ChatRole.User, "Weather in Oslo?")]);
        var described = new List<string>();
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent call) described.Add(agent.RunTool(call));
                described.Add(agent.Describe(content));
            }
        }

        var asked = Calls(scope, "AskAsync").Single();
        Assert.That(described, Is.EqualTo(new[] { "weather: sunny in Oslo", nameof(FunctionCallContent) }));
        Assert.That(Calls(scope, "RunTool").Concat(Calls(scope, "Describe")).Select(n => GraphWalk.Ancestors(n).Contains(asked)), Is.All.True);
        // A content found by a pattern is read by its identity: the reply's content itself.
        Assert.That(Calls(scope, "RunTool").Single().Parents.OfType<GlueNode>().Single().Expression, Is.EqualTo("ask0.Messages[0].Contents[0]"));
    }

    [Test]
    public async Task A_tool_s_text_put_into_the_history_links_the_tool_and_the_next_turn_the_asking_one()
    {
        await using var server = new FakeOpenAIServer().AskForTool("weather", """{"city":"Rome"}""").Answer("Sunny in Rome.");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var history = new List<ChatMessage> { new(ChatRole.User, "Weather in Rome?") };
        var response = await agent.AskAsync(history);
        history.AddMessages(response);
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, agent.RunTool(call))]));
        }

        // OPTO017 says the call's id in the tool message is not linked: the reply's messages went into the history too.
#pragma warning disable OPTO017
        await agent.AskAsync(history);
#pragma warning restore OPTO017

        var (asked, tool) = (Calls(scope, "AskAsync")[0], Calls(scope, "RunTool").Single());
        var answer = scope.Graph.Nodes.OfType<GlueNode>().Single(g => g.Expression.StartsWith("new ChatMessage", StringComparison.Ordinal));
        Assert.That(answer.Parents, Is.EqualTo(new Node[] { tool }));
        Assert.That(GraphWalk.Ancestors(Calls(scope, "AskAsync")[1]), Does.Contain(answer).And.Contain(asked));
    }

    [Test]
    public async Task A_content_the_program_added_to_the_reply_is_not_taken_for_the_reply_s()
    {
        await using var server = new FakeOpenAIServer().AskForTool("weather", """{"city":"Oslo"}""");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var response = await agent.AskAsync([new(ChatRole.User, "Weather in Oslo?")]);
        foreach (var message in response.Messages) message.Contents.Add(new FunctionCallContent("mine", "clock"));
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()) agent.RunTool(call);

        var (theirs, mine) = (Calls(scope, "RunTool")[0], Calls(scope, "RunTool")[1]);
        Assert.That(GraphWalk.Ancestors(theirs), Does.Contain(Calls(scope, "AskAsync").Single()));
        Assert.That(GraphWalk.Ancestors(mine), Does.Not.Contain(Calls(scope, "AskAsync").Single()));
    }

    [Test]
    public async Task A_content_the_program_made_alike_is_not_taken_for_the_reply_s()
    {
        await using var server = new FakeOpenAIServer().AskForTool("weather", """{"city":"Oslo"}""");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        await agent.AskAsync([new(ChatRole.User, "Weather in Oslo?")]);
        var result = agent.RunTool(new FunctionCallContent("call_1", "weather", new Dictionary<string, object?> { ["city"] = "Oslo" }));

        Assert.That(result, Is.EqualTo("weather: sunny in Oslo"));
        Assert.That(GraphWalk.Ancestors(Calls(scope, "RunTool").Single()), Does.Not.Contain(Calls(scope, "AskAsync").Single()));
    }

    [Test]
    public async Task A_tool_call_in_a_streamed_update_depends_on_the_streaming_turn()
    {
        await using var server = new FakeOpenAIServer().StreamToolCall("weather", """{"city":"Lima"}""");
        var agent = new Conversation(server.OpenAIClient());
        using var scope = TraceScope.Begin();

        var results = new List<string>();
        await foreach (var update in agent.StreamAsync([new(ChatRole.User, "Weather in Lima?")]))
        {
            foreach (var call in update.Contents.OfType<FunctionCallContent>()) results.Add(agent.RunTool(call));
        }

        Assert.That(results, Is.EqualTo(new[] { "weather: sunny in Lima" }));
        var read = Calls(scope, "RunTool").Single().Parents.OfType<GlueNode>().Single();
        Assert.That(read.Parents, Is.EqualTo(new Node[] { Calls(scope, "StreamAsync").Single() }));
        Assert.That(read.Expression, Does.StartWith("stream0[").And.EndWith("].Contents[0]"));
    }
}
