using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Glue code whose traced calls' results decide which other traced calls run, and how often.</summary>
public class Gatekeeper
{
    [Trainable("How a ticket is classified.")]
    public string Rubric { get; set; } = "refund";

    [Trainable("What a draft must hold to be done.")]
    public string Standard { get; set; } = "...";

    [Trainable("How a reply is written.")]
    public string Voice { get; set; } = "kind";

    [Traced] public string Classify(string ticket) => ticket.Contains('!') ? Rubric : "question";

    [Traced] public bool IsSafe(string ticket) => !ticket.Contains('#');

    [Traced] public string Critique(string draft) => draft.EndsWith(Standard, StringComparison.Ordinal) ? "ok" : "more";

    [Traced] public string Refine(string draft) => draft + ".";

    [Traced] public string Refund(string ticket) => "refund:" + ticket;

    [Traced] public string Answer(string ticket) => Voice + ":" + ticket;

    [Traced] public string Check(string ticket) => ticket.Contains('!') ? throw new InvalidOperationException(Rubric + ": unclear") : "clear";

    [Traced] public string Polish(string reply) => reply + "~";

    [Traced] public async Task<string> ClassifyAsync(string ticket)
    {
        await Task.Yield();
        return Classify(ticket);
    }

    [Traced] public async Task<string> RefundAsync(string ticket)
    {
        await Task.Yield();
        return "refund:" + ticket;
    }

    [Traced] public IReadOnlyList<string> Search(string ticket) => [ticket + "1", ticket + "2"];

    [Traced] public string Summarize(string document) => "sum:" + document;

    [Traced] public bool IsRelevant(string document) => !document.Contains('x');

    [Traced] public string? Remembered(string ticket) => ticket.StartsWith('?') ? null : " known:" + ticket;

    /// <summary>A condition on a result decides which call runs.</summary>
    public string Route(string ticket)
    {
        if (Classify(ticket) == "refund") return Refund(ticket);
        return Answer(ticket);
    }

    /// <summary>The same through a local, and a method called on it.</summary>
    public string RouteByLabel(string ticket)
    {
        var label = Classify(ticket);
        return label.StartsWith("ref", StringComparison.Ordinal) ? Refund(ticket) : Answer(ticket);
    }

    /// <summary>A loop whose condition reads a result decides how often a call runs.</summary>
    public string Improve(string draft)
    {
        while (Critique(draft) != "ok") draft = Refine(draft);
        return draft;
    }

    /// <summary>A guard that returns before the call.</summary>
    public string Guarded(string ticket)
    {
        if (!IsSafe(ticket)) return "refused";
        return Answer(ticket);
    }

    /// <summary>One condition around two calls.</summary>
    public string Both(string ticket)
    {
        if (Classify(ticket) != "refund") return ticket;
        var refund = Refund(ticket);
        return Polish(refund);
    }

    /// <summary>An awaited result decides an awaited call.</summary>
    public async Task<string> RouteAsync(string ticket)
    {
        if (await ClassifyAsync(ticket) == "refund") return await RefundAsync(ticket);
        return ticket;
    }

    /// <summary>A loop over a result's elements, each passed to the call: the call already depends on the result.</summary>
    public List<string> SummarizeAll(string ticket)
    {
        var summaries = new List<string>();
        foreach (var document in Search(ticket)) summaries.Add(Summarize(document));
        return summaries;
    }

    private readonly object _gate = new();

    /// <summary>A guard inside a lock: it runs whenever the call after the lock does.</summary>
    public string Locked(string ticket)
    {
        lock (_gate)
        {
            if (!IsSafe(ticket)) return "refused";
        }

        return Answer(ticket);
    }

    /// <summary>An `else if` after a branch that returns: it runs whenever the call after it does.</summary>
    public string ElseIf(string ticket)
    {
        if (ticket.Length > 100) return "long";
        else if (Classify(ticket) == "spam") return "dropped";
        return Answer(ticket);
    }

    /// <summary>A guard in a switch section, and the section's `when`.</summary>
    public string Sectioned(string ticket)
    {
        switch (ticket.Length)
        {
            case > 0 when IsSafe(ticket):
                if (Classify(ticket) == "spam") return "dropped";
                return Answer(ticket);
            default:
                return "refused";
        }
    }

    /// <summary>A throw expression's test before the call.</summary>
    public string Thrown(string ticket)
    {
        _ = Classify(ticket) == "spam" ? throw new InvalidOperationException("spam") : 0;
        return Answer(ticket);
    }

    /// <summary>A framework guard on a result before the call: it passed whenever the call runs.</summary>
    public string Required(string ticket)
    {
        var kind = Classify(ticket);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return Answer(ticket);
    }

    /// <summary>A framework guard on a value made from a result, inside a block, and one on a condition.</summary>
    public string Bounded(string ticket)
    {
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(Classify(ticket).Length, 20);
        }

        ObjectDisposedException.ThrowIf(!IsSafe(ticket), this);
        return Answer(ticket);
    }

    /// <summary>A catch of a try that starts with its only traced call: it runs when that call threw.</summary>
    public string Fallback(string ticket)
    {
        try
        {
            return Check(ticket);
        }
        catch (InvalidOperationException)
        {
            return Answer(ticket);
        }
    }

#pragma warning disable OPTO017 // Run by what other code threw after the traced call completed: the test shows no decision is linked, as OPTO017 says.
    /// <summary>The same catch, run by what other code threw after the traced call completed.</summary>
    public string FallbackAfterOtherCode(string ticket)
    {
        try
        {
            var verdict = Check(ticket);
            return int.Parse(verdict, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return Answer(ticket);
        }
    }
#pragma warning restore OPTO017

#pragma warning disable OPTO017 // Decisions linked on some runs only: the tests show they are linked on none, as OPTO017 says.
    /// <summary>A loop tested after its step: the first step runs before any critique, so no critique decides it.</summary>
    public string ImproveAfter(string draft)
    {
        do draft = Refine(draft);
        while (Critique(draft) != "ok");
        return draft;
    }

    /// <summary>A guard inside another condition: it runs on some calls only, so it decides none.</summary>
    public string NestedGuard(string ticket, bool strict)
    {
        if (strict)
        {
            if (!IsSafe(ticket)) return "refused";
        }

        return Answer(ticket);
    }
#pragma warning restore OPTO017

    /// <summary>
    /// A result on the right of &amp;&amp;: it ran whenever the branch runs, so it decides the refund; the call after the guard
    /// runs also when it did not run, so it decides nothing of that call.
    /// </summary>
    public string MaybeChecked(string ticket, bool check)
    {
#pragma warning disable OPTO017 // what this shows: for the call after the guard, the analyzer says the result is not linked
        if (check && Classify(ticket) == "refund") return Refund(ticket);
#pragma warning restore OPTO017
        return Answer(ticket);
    }

    /// <summary>Both operands of a condition that held, and of a guard that did not.</summary>
    public string BothChecked(string ticket)
    {
#pragma warning disable OPTO017 // for the calls after this guard, the classifier may not have run: the analyzer says so
        if (IsSafe(ticket) && Classify(ticket) == "refund") return Refund(ticket);
#pragma warning restore OPTO017
        if (!IsSafe(ticket) || Classify(ticket) == "spam") return "dropped";
        return Answer(ticket);
    }

    /// <summary>What a remembered answer holds, when there is one; a new answer, decided by there being none, when not.</summary>
    public string Recall(string ticket) => Remembered(ticket)?.Trim() ?? Answer(ticket);

    /// <summary>A switch on text made from a result decides which call runs.</summary>
    public string Switched(string ticket)
    {
        switch (Classify(ticket).ToUpperInvariant())
        {
            case "REFUND":
                return Refund(ticket);
            default:
                return Answer(ticket);
        }
    }

    /// <summary>The same with a switch expression.</summary>
    public string SwitchedExpression(string ticket) => Classify(ticket).Trim() switch
    {
        "refund" => Refund(ticket),
        _ => Answer(ticket),
    };

    /// <summary>An earlier arm's guard under a pattern that always matches: it failed whenever a later arm runs.</summary>
    public string GuardedArm(string ticket, int priority) => priority switch
    {
        _ when !IsSafe(ticket) => "refused",
        > 2 => Refund(ticket),
        _ => Answer(ticket),
    };

    /// <summary>The same in a switch statement: an earlier case's guard under a pattern that always matches.</summary>
    public string GuardedCase(string ticket, int priority)
    {
        switch (priority)
        {
            case var _ when !IsSafe(ticket):
                return "refused";
            case > 2:
                return Refund(ticket);
            default:
                return Answer(ticket);
        }
    }

    /// <summary>A filter's predicate decides, for each document, whether its summary is made.</summary>
    public List<string> SummarizeRelevant(IEnumerable<string> documents) =>
        documents.Where(d => IsRelevant(d)).Select(d => Summarize(d)).ToList();

    /// <summary>The same, with a loop over the filtered documents, and a second filter.</summary>
    public List<string> SummarizeEachRelevant(IEnumerable<string> documents)
    {
        var summaries = new List<string>();
        foreach (var d in documents.Where(d => d.Length > 1).TakeWhile(d => IsRelevant(d) && d != "stop")) summaries.Add(Summarize(d));
        return summaries;
    }

    /// <summary>The filtered documents held in a local for their only use, a loop.</summary>
    public List<string> SummarizeHeldRelevant(IEnumerable<string> documents)
    {
        var relevant = documents.Where(d => IsRelevant(d));
        var summaries = new List<string>();
        foreach (var d in relevant) summaries.Add(Summarize(d));
        return summaries;
    }

    /// <summary>The same, filtered twice through two locals, then mapped.</summary>
    public List<string> SummarizeHeldTwiceRelevant(IEnumerable<string> documents)
    {
        var longer = documents.Where(d => d.Length > 1);
        var relevant = longer.Where(d => IsRelevant(d));
        return relevant.Select(d => Summarize(d)).ToList();
    }

#pragma warning disable OPTO017 // A filter sorted before its elements are used: the tests show no check is linked, as OPTO017 says.
    /// <summary>Sorted between the filter and the selector: every predicate runs first, so none is followed.</summary>
    public List<string> SummarizeSortedRelevant(IEnumerable<string> documents) =>
        documents.Where(d => IsRelevant(d)).OrderBy(d => d, StringComparer.Ordinal).Select(d => Summarize(d)).ToList();
#pragma warning restore OPTO017
}
