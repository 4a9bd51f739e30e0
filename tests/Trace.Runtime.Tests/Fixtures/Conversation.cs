using Microsoft.Extensions.AI;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A chat agent over an <see cref="IChatClient"/>: turns of a conversation whose history holds the model's replies.</summary>
public class Conversation(IChatClient client)
{
    [Trainable("The system message of every turn.")]
    public string SystemPrompt { get; set; } = "Answer in one sentence.";

    [Trainable("How replies are judged.")]
    public string Rubric { get; set; } = "Short and right.";

    [Traced]
    public async Task<ChatResponse> AskAsync(List<ChatMessage> history) =>
        await client.GetResponseAsync([new ChatMessage(ChatRole.System, SystemPrompt), .. history]);

    /// <summary>A response whose messages are held by a list class of the program's: tracing never reads it.</summary>
    [Traced]
    public ChatResponse Wrapped(string text) => new() { Messages = new OwnList { new(ChatRole.Assistant, text + SystemPrompt) } };

    [Traced]
    public string Judge(string reply) => $"{Rubric} {reply}";

    /// <summary>A turn streamed: the reply's updates as they arrive.</summary>
    [Traced]
    public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(List<ChatMessage> history)
    {
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.System, SystemPrompt), .. history])) yield return update;
    }

    /// <summary>Runs the tool the model asked for.</summary>
    [Traced]
    public string RunTool(FunctionCallContent call) => $"{call.Name}: sunny in {call.Arguments?["city"]}";

    /// <summary>Runs the tool the model asked for and answers with the tool's message for the history.</summary>
    [Traced]
    public ChatMessage AnswerTool(FunctionCallContent call) => new(ChatRole.Tool, [new FunctionResultContent(call.CallId, RunTool(call))]);

    /// <summary>Describes any content of a reply.</summary>
    [Traced]
    public string Describe(AIContent content) => content.GetType().Name;

    [Traced]
    public string Count(List<ChatMessage> history) => history.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Counts its reads of <see cref="System.Collections.Generic.List{T}.Count"/>: a list of the program's own.</summary>
    public sealed class OwnList : System.Collections.ObjectModel.Collection<ChatMessage>
    {
        public int Reads { get; private set; }

        public new int Count
        {
            get
            {
                Reads++;
                return base.Count;
            }
        }
    }
}
