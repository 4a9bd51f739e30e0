using Opto.Testing;

namespace Cluster;

/// <summary>
/// What the offline demo model answers in this sample. The classifier answers in a sentence until its instruction asks
/// for one word; then it labels by keywords it has been given as rules (refunds and invoices are billing unless a rule
/// says more). The optimizer first asks for one word, then adds the rule the remaining mistakes call for.
/// </summary>
public static class OfflineScript
{
    private const string OneWord = """
        {"reasoning": "The outputs are sentences, but a label is one word. Ask for exactly one of the three labels.",
         "answer": null,
         "suggestion": {"TicketClassifier.Instruction": "Answer with one word: billing, technical or other."}}
        """;

    private const string Rule = """
        {"reasoning": "Double charges are billing questions, and login problems are technical; the classifier does not know it.",
         "answer": null,
         "suggestion": {"TicketClassifier.Rules": "Being charged twice is billing. Not being able to log in is technical."}}
        """;

    private const string Done = """{"reasoning": "Every output in the batch is correct.", "answer": null, "suggestion": {}}""";

    public static OfflineChatModel Create() => new OfflineChatModel()
        .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r =>
            !r.User.Contains("one word", StringComparison.Ordinal) ? OneWord : !r.User.Contains("charged twice is billing", StringComparison.Ordinal) ? Rule : Done)
        .When(_ => true, Classify);

    private static string Classify(OfflineRequest request)
    {
        var ticket = request.User;
        var label = ticket.Contains("refund", StringComparison.Ordinal) || ticket.Contains("invoice", StringComparison.Ordinal) ? "billing"
            : ticket.Contains("crash", StringComparison.Ordinal) || ticket.Contains("error", StringComparison.Ordinal) ? "technical"
            : request.System.Contains("charged twice is billing", StringComparison.Ordinal) && ticket.Contains("charged twice", StringComparison.Ordinal) ? "billing"
            : request.System.Contains("log in is technical", StringComparison.Ordinal) && ticket.Contains("log in", StringComparison.Ordinal) ? "technical"
            : "other";
        return request.System.Contains("one word", StringComparison.Ordinal) ? label : $"This ticket looks like a {label} question.";
    }
}
