using Opto.Testing;

namespace Training;

/// <summary>
/// What the offline demo model answers in this sample. The classifier's model answers in a sentence, and labels by
/// keywords it has been given as rules (refunds and invoices are billing unless a rule says more). The optimizer
/// first rewrites the code that reads the label from the answer, then adds the rule the remaining mistakes call for.
/// </summary>
public static class OfflineScript
{
    private const string ReadTheLabel = """
        {"reasoning": "The model answers in a sentence and ToLabel returns the whole sentence; a label is one word. Read the first label the answer names.",
         "answer": null,
         "suggestion": {"TicketClassifier.ToLabel": "/// <summary>Reads the label (billing, technical or other) from the model's answer.</summary>\npublic static string ToLabel(string answer)\n{\n    foreach (var label in new[] { \"billing\", \"technical\", \"other\" })\n    {\n        if (answer.Contains(label, StringComparison.OrdinalIgnoreCase)) return label;\n    }\n\n    return \"other\";\n}"}}
        """;

    private const string Rule = """
        {"reasoning": "Double charges are billing questions, and login problems are technical; the classifier does not know it.",
         "answer": null,
         "suggestion": {"TicketClassifier.Rules": "Being charged twice is billing. Not being able to log in is technical."}}
        """;

    private const string Done = """{"reasoning": "Every output in the batch is correct.", "answer": null, "suggestion": {}}""";

    public static OfflineChatModel Create() => new OfflineChatModel()
        .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r =>
            !r.User.Contains("foreach (var label in", StringComparison.Ordinal) ? ReadTheLabel
            : !r.User.Contains("charged twice is billing", StringComparison.Ordinal) ? Rule
            : Done)
        .When(_ => true, Classify);

    private static string Classify(OfflineRequest request)
    {
        var ticket = request.User;
        var label = ticket.Contains("refund", StringComparison.Ordinal) || ticket.Contains("invoice", StringComparison.Ordinal) ? "billing"
            : ticket.Contains("crash", StringComparison.Ordinal) || ticket.Contains("error", StringComparison.Ordinal) ? "technical"
            : request.System.Contains("charged twice is billing", StringComparison.Ordinal) && ticket.Contains("charged twice", StringComparison.Ordinal) ? "billing"
            : request.System.Contains("log in is technical", StringComparison.Ordinal) && ticket.Contains("log in", StringComparison.Ordinal) ? "technical"
            : "other";
        return $"This ticket looks like a {label} question.";
    }
}
