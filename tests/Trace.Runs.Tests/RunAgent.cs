using Microsoft.Extensions.AI;
using Opto;

namespace Trace.Runs.Tests;

/// <summary>A ticket labeller whose instruction and attempt count are trained; its graph has a few dozen nodes per rollout.</summary>
public class RunAgent(IChatClient chat)
{
    [Trainable("The instruction the labeller follows.")]
    public string Instruction { get; set; } = "Label the ticket.";

    [Trainable("How many times the labeller may ask again.")]
    public int Attempts { get; set; } = 1;

    /// <summary>Labels a support ticket.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        var text = ticket;
        for (var i = 0; i < 24; i++) text = Normalize(text, i);
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, $"{Instruction} ({Attempts} attempts)"), new ChatMessage(ChatRole.User, text)]);
        return response.Text.Trim();
    }

    /// <summary>Normalizes the ticket's text, one pass.</summary>
    [Traced]
    public static string Normalize(string text, int pass) => pass % 2 == 0 ? text.Trim() : text.Replace("  ", " ", StringComparison.Ordinal);
}
