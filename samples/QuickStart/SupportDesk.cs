using Opto;

namespace QuickStart;

/// <summary>A tiny support desk: it greets a customer and drafts an answer. Plain C#, plus two attributes.</summary>
public sealed class SupportDesk
{
    [Trainable("How every reply opens. Customers of a private bank expect a formal greeting.", Constraint = "One short sentence.")]
    public string Greeting { get; set; } = "Hey there!";

    [Trainable("The most words an answer may have.")]
    public int MaxWords { get; set; } = 6;

    /// <summary>Finds the topic of a customer's message.</summary>
    [Traced]
    public string Classify(string message) =>
        message.Contains("card", StringComparison.OrdinalIgnoreCase) ? "cards" : "general";

    /// <summary>Drafts an answer about a topic, opening with the greeting and keeping to the word budget.</summary>
    [Traced]
    public string Draft(string topic, string customer)
    {
        var body = $"{Greeting} {customer}, about your {topic} question: we are on it and will call you back today.";
        return string.Join(' ', body.Split(' ').Take(MaxWords));
    }

    /// <summary>Checks that an answer is polite enough to send.</summary>
    [Traced]
    public bool IsPolite(string answer) => !answer.StartsWith("Hey", StringComparison.Ordinal);
}
