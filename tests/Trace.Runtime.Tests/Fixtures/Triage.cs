using System.Text.Json;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A ticket-triage agent written the ordinary way: glue code between its model calls.</summary>
public class Triage
{
    [Trainable("How a ticket is summarized.")]
    public string SummaryInstruction { get; set; } = "Summarize";

    /// <summary>Summarizes a ticket.</summary>
    [Traced]
    public string Summarize(string ticket) => $"  {SummaryInstruction}: {ticket}  ";

    /// <summary>Summarizes a ticket, later.</summary>
    [Traced]
    public async Task<string> SummarizeAsync(string ticket)
    {
        await Task.Yield();
        return Summarize(ticket);
    }

    /// <summary>Summarizes a ticket once <paramref name="gate"/> completes.</summary>
    [Traced]
    public async Task<string> SummarizeWhenAsync(Task gate, string ticket)
    {
        await gate;
        return Summarize(ticket);
    }

    /// <summary>Decides the language of a ticket.</summary>
    [Traced]
    public string DecideLanguage(string ticket) => ticket.Contains('ñ') ? "Spanish" : "English";

    /// <summary>Counts the words of a text.</summary>
    [Traced]
    public int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Classifies a prompt.</summary>
    [Traced]
    public string Classify(string prompt) => prompt.Length > 10 ? "long" : "short";

    /// <summary>Scores a number of words.</summary>
    [Traced]
    public double Score(int words) => words / 10.0;

    /// <summary>Reads a JSON reply.</summary>
    [Traced]
    public string Reply(string ticket) => JsonSerializer.Serialize(new Verdict(ticket.Length > 3 ? "bug" : "question", 0.5));

    /// <summary>Classifies two texts given as a pair.</summary>
    [Traced]
    public string ClassifyPair((string, string) texts) => texts.Item1.Length > texts.Item2.Length ? "first" : "second";

    /// <summary>Classifies any number of texts.</summary>
    [Traced]
    public string ClassifyAll(params string[] texts) => texts.Length > 1 ? "many" : "one";

    /// <summary>Two summaries passed together, one as it came and one changed by untraced code.</summary>
    public async Task<string> ClassifyMixedAsync(string first, string second)
    {
        await Task.Yield();
        var one = Summarize(first);
        var two = Summarize(second);
        return ClassifyPair((one + "!", two)) + ClassifyAll(two, one.Trim() + "?");
    }

    /// <summary>Summaries picked from a list and from a tuple, in async code where glue is claimed.</summary>
    public async Task<string> ClassifyPickedAsync(string first, string second)
    {
        await Task.Yield();
        var summaries = new List<string> { Summarize(first), Summarize(second) };
        var pair = (Summarize(first), DecideLanguage(second));
        return Classify(summaries.Last()) + Classify(pair.Item1);
    }

    /// <summary>One of two summaries, read back from an array, is classified unchanged.</summary>
    public string ClassifySecond(string first, string second)
    {
        var summaries = new[] { Summarize(first), Summarize(second) };
        return Classify(summaries[1]);
    }

    /// <summary>One of two summaries, read back from an array at a constant place and changed.</summary>
    public string ClassifySecondChanged(string first, string second)
    {
        var summaries = new[] { Summarize(first), Summarize(second) };
        return Classify(summaries[1] + "!");
    }

    /// <summary>One of two summaries, read back from an array at a place decided at run time and changed.</summary>
    public string ClassifyPickedChanged(string first, string second, int place)
    {
        var summaries = new[] { Summarize(first), Summarize(second) };
#pragma warning disable OPTO017 // the flow through an element the compiler cannot prove is what this shows
        return Classify(summaries[place] + "!");
#pragma warning restore OPTO017
    }

    /// <summary>The trimmed summary is classified (Trim may return the very same string).</summary>
    public string TrimThenClassify(string ticket) => Classify(Summarize(ticket).Trim());

    /// <summary>An interpolated prompt built from a traced result held in a local.</summary>
    public string Interpolate(string ticket)
    {
        var language = DecideLanguage(ticket);
        var prompt = $"Greet in {language}";
        return Classify(prompt);
    }

    /// <summary>Awaited, lowered, joined.</summary>
    public async Task<string> AwaitThenJoin(string ticket)
    {
        var summary = (await SummarizeAsync(ticket)).ToLowerInvariant();
        var language = DecideLanguage(ticket);
        return Classify(string.Join(" / ", summary, language));
    }

    /// <summary>Deserialized with System.Text.Json, then a member is used (async: its activation keeps its slots to itself).</summary>
    public async Task<string> Deserialize(string ticket)
    {
        await Task.Yield();
        var verdict = JsonSerializer.Deserialize<Verdict>(Reply(ticket))!;
        return Classify(verdict.Label + "!");
    }

    /// <summary>A trainable prompt of this object glued into the argument of a call on this object.</summary>
    public string WithInstruction(string ticket) => Classify($"{SummaryInstruction}: {ticket}");

    /// <summary>Producer and glue inside one local function: linked within each of its calls.</summary>
    public string InLocalFunction(string first, string second)
    {
        return Step(first) + Step(second);

        string Step(string ticket)
        {
            var summary = Summarize(ticket);
            return Classify(summary.Trim() + "?");
        }
    }

    /// <summary>Producer and glue inside an async lambda run concurrently for several tickets.</summary>
    public async Task<string[]> InParallel(IEnumerable<string> tickets) =>
        await Task.WhenAll(tickets.Select(async ticket =>
        {
            var summary = await SummarizeAsync(ticket);
            await Task.Yield();
            return Classify(summary.Trim() + "?");
        }));

    /// <summary>A value-typed result passed on through a local.</summary>
    public double CountThenScore(string ticket)
    {
        var words = CountWords(Summarize(ticket));
        return Score(words);
    }

    /// <summary>A loop: each iteration's prompt comes from that iteration's summary.</summary>
    public List<string> Loop(IEnumerable<string> tickets)
    {
        var labels = new List<string>();
        foreach (var ticket in tickets)
        {
            var summary = Summarize(ticket);
            labels.Add(Classify(summary.Trim() + "?"));
        }

        return labels;
    }

    /// <summary>A prompt built in straight-line steps: the calls of every step that reaches it are its parents.</summary>
    public string BuiltInSteps(string ticket, string other)
    {
        var prompt = "Ticket: ";
        prompt += Summarize(ticket);
        prompt = prompt.Trim();
        prompt += " / " + DecideLanguage(other);
        return Classify(prompt);
    }

    /// <summary>A label passed from call to call through one local set again.</summary>
    public string RelabelTwice(string ticket)
    {
        var label = ticket;
        label = Classify(label);
        label = Classify(label);
        return label;
    }

    /// <summary>A plain assignment that does not read the local makes its value anew: only the calls from there on are its parents.</summary>
    public string StartedAgain(string ticket, string other)
    {
        var prompt = Summarize(ticket) + "!";
        prompt = DecideLanguage(other) + "?";
        return Classify(prompt);
    }

    /// <summary>A result changed on some paths only: the call is linked on all of them.</summary>
    public string StepInBranch(string ticket, bool more)
    {
        var prompt = Summarize(ticket);
        if (more) prompt += "!";
        return Classify(prompt.Trim());
    }

    /// <summary>A branch decides which call produced the value: the call of the arm that ran is linked.</summary>
    public string Chosen(string ticket, bool fast)
    {
        var text = fast ? Summarize(ticket) : DecideLanguage(ticket);
        return Classify(text.Trim() + "!");
    }

#pragma warning disable OPTO017 // These flows are deliberately ones the compiler cannot prove: the tests check no link is claimed.

    /// <summary>A branch decides whether a call produced the value, and the other makes it with none: no link is claimed.</summary>
    public string Branch(string ticket, bool fast)
    {
        var text = fast ? Summarize(ticket) : ticket;
        return Classify(text.Trim() + "!");
    }

    /// <summary>A local reassigned in a loop: no link is claimed.</summary>
    public string Reassigned(IEnumerable<string> tickets)
    {
        var best = "";
        foreach (var ticket in tickets)
        {
            var summary = Summarize(ticket);
            if (summary.Length > best.Length) best = summary;
        }

        return Classify(best.Trim() + "!");
    }

    /// <summary>The glue runs in a lambda: no link is claimed.</summary>
    public string InLambda(string ticket)
    {
        var summary = Summarize(ticket);
        Func<string> later = () => Classify(summary.Trim() + "!");
        return later();
    }
#pragma warning restore OPTO017
}

/// <summary>A verdict a model returns as JSON.</summary>
public sealed record Verdict(string Label, double Confidence);

/// <summary>Routes tickets with a prompt of its own, glued into calls on another object.</summary>
public class Router
{
    [Trainable("How a ticket is routed.")]
    public string RoutePrompt { get; set; } = "Route:";

    /// <summary>Routes a ticket: the glue reads this object's prompt, the call goes to another object.</summary>
    [Traced]
    public string Route(Triage triage, string ticket) => triage.Classify($"{RoutePrompt} {ticket}");

#pragma warning disable OPTO016 // deliberately a read the runtime cannot link: the test checks nothing is claimed
    /// <summary>The same glue from an untraced method: the object cannot be found again, so nothing is claimed.</summary>
    public string RouteUntraced(Triage triage, string ticket) => triage.Classify($"{RoutePrompt} {ticket}");
#pragma warning restore OPTO016
}
