using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A support pipeline whose graphs the prompt measurements use: three trainable values, three traced steps, and
/// values of realistic length (a sentence or two each).
/// </summary>
public sealed class SupportPipeline
{
    /// <summary>The system prompt every draft starts from.</summary>
    [Trainable("The system prompt every draft starts from.", Constraint = "One or two sentences.")]
    public string SystemPrompt { get; set; } = "You are a support agent for a bank. Answer politely and precisely.";

    /// <summary>How a draft is refined.</summary>
    [Trainable("How a draft is refined.")]
    public string Style { get; set; } = "Plain words, no jargon, one idea per sentence.";

    /// <summary>Words kept in a reply.</summary>
    [Trainable("Words kept in a reply.")]
    public int MaxWords { get; set; } = 40;

    /// <summary>Drafts a reply to a customer message with the system prompt.</summary>
    [Traced]
    public string Draft(string message) => $"{SystemPrompt[..24]} about '{Head(message)}': we are checking your account now.";

    /// <summary>Refines a draft in the configured style, keeping at most MaxWords words.</summary>
    [Traced]
    public string Refine(string draft) => string.Join(' ', $"[{Style[..10]}] {draft}".Split(' ').Take(MaxWords));

    /// <summary>Merges the thread so far with a new customer message.</summary>
    [Traced]
    public string Merge(string thread, string message) => $"{Head(thread)} / {Head(message)}";

    /// <summary>
    /// Records a conversation until the graph has <paramref name="nodes"/> nodes (inputs included) and returns the
    /// last value: draft, refine, and every third round a merge with a new customer message.
    /// </summary>
    public string Converse(TraceGraph graph, int nodes)
    {
        var thread = Draft(Message(0));
        for (var round = 1; graph.Count < nodes; round++)
        {
            thread = Refine(thread);
            if (graph.Count >= nodes) break;
            thread = round % 3 == 0 ? Merge(thread, Message(round)) : Draft(thread);
        }

        return thread;
    }

    private static string Message(int round) => $"Customer message {round}: my card was declined twice at the airport and I need cash.";

    private static string Head(string text) => text.Length <= 48 ? text : text[..48];
}

/// <summary>
/// A fan-in: one traced call that reads three trainable values, the smallest graph whose feedback reaches several
/// parameters through one node.
/// </summary>
public sealed class LetterWriter
{
    /// <summary>How the letter opens.</summary>
    [Trainable("How the letter opens.")]
    public string Greeting { get; set; } = "Dear customer,";

    /// <summary>The letter's main paragraph.</summary>
    [Trainable("The letter's main paragraph.", Constraint = "At most three sentences.")]
    public string Body { get; set; } = "We have received your request and will process it in due course.";

    /// <summary>How the letter closes.</summary>
    [Trainable("How the letter closes.")]
    public string Closing { get; set; } = "Regards, the bank";

    /// <summary>Writes a letter about a topic from the greeting, body and closing.</summary>
    [Traced]
    public string Compose(string topic) => $"{Greeting}\nAbout {topic}: {Body}\n{Closing}";
}
