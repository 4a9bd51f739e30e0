using Microsoft.Extensions.AI;
using Opto;

namespace Trace.Orleans.Tests;

/// <summary>A ticket labeller whose instruction is trained; each rollout waits a little, as a model call would.</summary>
public class LabelAgent(IChatClient chat)
{
    [Trainable("The instruction the labeller follows.")]
    public string Instruction { get; set; } = "Label the ticket.";

    /// <summary>Labels a support ticket.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        await Task.Delay(Cluster.Latency);
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, ticket)]);
        return response.Text.Trim();
    }
}
