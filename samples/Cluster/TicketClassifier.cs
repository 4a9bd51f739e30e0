using Microsoft.Extensions.AI;
using Opto;

namespace Cluster;

/// <summary>Classifies support tickets with a model; its instruction and its rules are trained.</summary>
public class TicketClassifier(IChatClient chat)
{
    [Trainable("The instruction the classifier follows.", Constraint = "One or two sentences.")]
    public string Instruction { get; set; } = "Classify the support ticket.";

    [Trainable("Hints about which tickets belong to which category.")]
    public string Rules { get; set; } = "";

    /// <summary>Classifies a support ticket as billing, technical or other.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        var system = Rules.Length == 0 ? Instruction : $"{Instruction}\n{Rules}";
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, ticket)]);
        return response.Text.Trim().TrimEnd('.').ToLowerInvariant();
    }
}
