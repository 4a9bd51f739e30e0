using Opto.Testing;

namespace Training;

/// <summary>
/// What the offline demo model answers in this sample. The classifier's model answers in a sentence, and labels by
/// keywords it has been given as rules (refunds and invoices are billing unless a rule says more). The optimizer
/// first rewrites the code that reads the label from the answer, then adds the rule the remaining mistakes call for.
/// Each optimizer's requests are scripted: OptoPrime's and OPRO's answers, OptoPrimeMulti's candidates (one in three
/// weaker) and its choice, TextGrad's gradients and updates.
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

    // A weaker candidate for OptoPrimeMulti to choose against: it reads only the first word of the answer.
    private const string FirstWord = """
        {"reasoning": "Take the first word of the answer as the label.",
         "answer": null,
         "suggestion": {"TicketClassifier.ToLabel": "/// <summary>Reads the label (billing, technical or other) from the model's answer.</summary>\npublic static string ToLabel(string answer) => answer.Split(' ')[0].ToLowerInvariant();"}}
        """;

    private const string VagueRule = """
        {"reasoning": "Refunds are billing.", "answer": null, "suggestion": {"TicketClassifier.Rules": "Refunds are billing."}}
        """;

    private const string Done = """{"reasoning": "Every output in the batch is correct.", "answer": null, "suggestion": {}}""";

    private const string LabelFixed = "foreach (var label in";

    private const string RuleAdded = "charged twice is billing";

    /// <summary>The offline model for a run with the optimizer named <paramref name="optimizer"/> (as <c>--optimizer</c> names it).</summary>
    public static OfflineChatModel Create(string optimizer)
    {
        var multi = optimizer == "optoprime-multi";
        var candidates = 0;
        return new OfflineChatModel()
            // OptoPrimeMulti's choice: the candidate that makes the fix.
            .When(r => r.System.Contains("choose the most promising", StringComparison.Ordinal), Choose)
            // TextGrad: feedback for each input of the classifier's call, then an update per variable.
            .When(r => r.System.Contains("feedback engine", StringComparison.Ordinal), Gradient)
            .When(r => r.User.StartsWith("#Variable\n", StringComparison.Ordinal), r =>
                r.User.StartsWith("#Variable\n(code) TicketClassifier.ToLabel", StringComparison.Ordinal) && !r.User.Contains(LabelFixed, StringComparison.Ordinal) ? ReadTheLabel
                : r.User.StartsWith("#Variable\n(string) TicketClassifier.Rules", StringComparison.Ordinal) && !r.User.Contains(RuleAdded, StringComparison.Ordinal) ? Rule
                : Done)
            // OptoPrime, OPRO and OptoPrimeMulti's candidates (every third one weaker, when there is something to fix).
            .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r =>
            {
                var weaker = multi && Interlocked.Increment(ref candidates) % 3 == 0;
                return !r.User.Contains(LabelFixed, StringComparison.Ordinal) ? (weaker ? FirstWord : ReadTheLabel)
                    : !r.User.Contains(RuleAdded, StringComparison.Ordinal) ? (weaker ? VagueRule : Rule)
                    : Done;
            })
            .When(_ => true, Classify);
    }

    private static string Choose(OfflineRequest request)
    {
        var parts = request.User.Split("\nCandidate ");
        var best = parts.Skip(1).FirstOrDefault(p => p.Contains(LabelFixed, StringComparison.Ordinal) || p.Contains(RuleAdded, StringComparison.Ordinal));
        var number = best is null ? "1" : best[..best.IndexOf(':', StringComparison.Ordinal)];
        return $$"""{"reasoning": "Candidate {{number}} fixes what the feedback names; the others do not.", "choice": {{number}}}""";
    }

    private static string Gradient(OfflineRequest request)
    {
        var targets = request.User[(request.User.IndexOf("#Give feedback to\n", StringComparison.Ordinal) + 18)..].Split('\n')[0].Split(", ");
        var feedback = targets.ToDictionary(t => t, t => t switch
        {
            "TicketClassifier.ToLabel" => "The model answers in a sentence and ToLabel returns all of it: it must find the label word in the answer.",
            "TicketClassifier.Rules" => "Tickets about being charged twice are billing; tickets about not being able to log in are technical.",
            _ => "This input is fine.",
        });
        return System.Text.Json.JsonSerializer.Serialize(new { feedback });
    }

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
