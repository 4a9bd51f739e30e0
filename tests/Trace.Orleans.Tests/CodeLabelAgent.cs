using Microsoft.Extensions.AI;
using Opto;

namespace Trace.Orleans.Tests;

/// <summary>A ticket labeller whose code that reads the label is trained.</summary>
public class CodeLabelAgent(IChatClient chat)
{
    /// <summary>Labels a support ticket.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "Label the ticket."), new ChatMessage(ChatRole.User, ticket)]);
        return Shape(response.Text);
    }

    /// <summary>Reads the label from the model's answer.</summary>
    [Trainable]
    public static string Shape(string answer) => answer.Trim();
}
