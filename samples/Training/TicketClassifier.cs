using Microsoft.Extensions.AI;
using Opto;

namespace Training;

/// <summary>Classifies support tickets with a model; its instruction, its rules and the code that reads a label are trained.</summary>
public class TicketClassifier(IChatClient chat)
{
    [Trainable("The instruction the classifier follows.", Constraint = "One or two sentences.")]
    public string Instruction { get; set; } = "Classify the support ticket as billing, technical or other.";

    [Trainable("Hints about which tickets belong to which category.")]
    public string Rules { get; set; } = "";

    /// <summary>Classifies a support ticket as billing, technical or other.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        var system = Rules.Length == 0 ? Instruction : $"{Instruction}\n{Rules}";
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, ticket)]);
        return ToLabel(response.Text);
    }

    /// <summary>Reads the label (billing, technical or other) from the model's answer.</summary>
    [Trainable]
    public static string ToLabel(string answer) => answer.Trim().ToLowerInvariant();
}
