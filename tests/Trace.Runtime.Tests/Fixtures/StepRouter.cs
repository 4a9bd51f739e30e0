using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>How much a router may retry, shared by all routers.</summary>
public static class RetryBudget
{
    [Trainable("How many times a reply is refined again.")]
    public static int Retries = 2;
}

/// <summary>The styles a router answers in.</summary>
public enum AnswerStyle
{
    Plain,
    Short,
}

/// <summary>Options a router holds, with a trainable named as the router's own.</summary>
public sealed class RouteOptions
{
    [Trainable("Whether the tool answers, for these options.")]
    public bool UseTool { get; set; } = true;
}

/// <summary>Glue code whose trainable values decide which traced calls run, and how often.</summary>
public class StepRouter
{
    [Trainable("How many refinement steps run.")]
    public int MaxSteps { get; set; } = 2;

    [Trainable("Whether the tool answers.")]
    public bool UseTool { get; set; }

    [Trainable("The voice of the answer.")]
    public string Persona { get; set; } = "calm";

    [Trainable("The style of the answer.")]
    public AnswerStyle Style { get; set; }

    [Traced] public string Refine(string draft) => draft + ".";

    [Traced] public string Tool(string question) => "tool:" + question;

    [Traced] public string Ask(string question) => "ask:" + question;

    /// <summary>A loop whose bound is trainable.</summary>
    public string Iterate(string question)
    {
        var draft = question;
        for (var i = 0; i < MaxSteps; i++) draft = Refine(draft);
        return draft;
    }

    /// <summary>A choice between two calls.</summary>
    public string Route(string question) => UseTool ? Tool(question) : Ask(question);

    /// <summary>An early return before the call.</summary>
    public string Early(string question)
    {
        if (!UseTool) return question;
        return Ask(Persona + question);
    }

    /// <summary>A switch on a trainable enum.</summary>
    public string Styled(string question) => Style switch
    {
        AnswerStyle.Short => Tool(question),
        _ => Ask(question),
    };

    /// <summary>A loop bounded by a static trainable.</summary>
    public string Retried(string question)
    {
        var reply = question;
        var tries = 0;
        while (tries++ < RetryBudget.Retries) reply = Refine(reply);
        return reply;
    }

    private readonly RouteOptions _options = new();

    /// <summary>A pattern on a held object: its member decides, not the router's own of the same name.</summary>
    public string Patterned(string question) => _options is { UseTool: true } ? Tool(question) : Ask(question);

    [Trainable("Replies longer than this end the loop.")]
    public int Limit { get; set; } = 3;

    [Trainable("Whether the answer is checked.")]
    public bool Verbose { get; set; }

    /// <summary>An agent's loop: a trainable bound, and a trainable test after the call that ends it.</summary>
    public string Loop(string question)
    {
        var reply = question;
        var steps = 0;
        var done = false;
        while (steps++ < MaxSteps && !done)
        {
            reply = Refine(reply);
            if (reply.Length > Limit) break;
        }

        return reply;
    }

    /// <summary>How many guarded answers were attempted.</summary>
    public int Attempts { get; private set; }

    /// <summary>A bound read into a local first, a guard in an else-if chain, a guard that throws inside a try.</summary>
    public string Guarded(string question)
    {
        var steps = MaxSteps;
        if (question.Length > 100) return question;
        else if (!UseTool) return question;
        try
        {
            if (Style == AnswerStyle.Short) throw new InvalidOperationException("short");
        }
        finally
        {
            Attempts++;
        }

        return steps > 0 ? Ask(question) : question;
    }

    /// <summary>A call in a lambda a framework method runs, decided around it.</summary>
    public string EachWord(string question)
    {
        var replies = new List<string>();
        if (UseTool) question.Split(' ').ToList().ForEach(word => replies.Add(Tool(word)));
        return replies.Count > 0 ? replies[0] : question;
    }

    /// <summary>Branches that do not decide the call after them: an inner loop's break, a caught throw, a later case's guard, a final continue.</summary>
    public string Undecided(string question)
    {
        if (UseTool)
        {
            foreach (var c in question) if (c == 'x') break;
            try { throw new InvalidOperationException(); } catch (InvalidOperationException) { }
        }

        var reply = question;
        for (var i = 0; i < 2; i++)
        {
            reply = Refine(reply);
            if (Verbose) continue;
        }

        switch (reply.Length)
        {
            case > 0:
                return Ask(reply);
            case 0 when Persona.Length > 0:
                return question;
            default:
                return reply;
        }
    }

    /// <summary>A condition read after the call, which does not decide it.</summary>
    public string Checked(string question)
    {
        var reply = Ask(question);
        if (UseTool) reply += "!";
        return reply;
    }
}
