using Microsoft.Extensions.AI;
using Opto;

namespace Trace.Runs.Tests;

/// <summary>A labeller whose instruction and whose code that reads the label are trained.</summary>
public class CodeAgent(IChatClient chat)
{
    [Trainable("The instruction the labeller follows.")]
    public string Instruction { get; set; } = "Label the ticket.";

    /// <summary>Labels a support ticket.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, ticket)]);
        return Label(response.Text);
    }

    /// <summary>Reads the label from the model's answer.</summary>
    [Trainable]
    public static string Label(string answer) => answer.Trim();
}
