using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Shapes where a producer's call site runs again before its result is used: the link must be right or absent.</summary>
public class Reentry
{
    [Trainable("A prompt read through a property with a body of its own.")]
    public string Prompt { get; set; } = "p";

    /// <summary>Produces a text.</summary>
    [Traced]
    public string Produce(string input) => input + "1";

    /// <summary>Consumes a text.</summary>
    [Traced]
    public string Consume(string text) => text + "#";

    /// <summary>Describes, reading the prompt.</summary>
    [Traced]
    public string Describe() => "about " + Prompt;

    /// <summary>A property whose getter makes a traced call through the `field` keyword's accessor.</summary>
    public string? Label { get => field ?? Describe(); set; }

    /// <summary>Reads the property: not a leaf, since the getter makes a traced call.</summary>
    [Traced]
    public string Outer() => Label + "?";

#pragma warning disable OPTO017 // the untraced recursion and the iterator are deliberately flows no link is claimed for
    /// <summary>Recursion between the producer and the consumer, in an untraced method: no link is claimed.</summary>
    public string Recurse(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) Recurse(n - 1);
        return Consume(s.Trim());
    }

    /// <summary>An iterator: its locals outlive each step, so no link is claimed.</summary>
    public IEnumerable<string> Steps(string input)
    {
        var s = Produce(input);
        yield return "started";
        yield return Consume(s.Trim());
    }

    /// <summary>`??=` runs the producer only for empty entries: no link is claimed.</summary>
    public void Fill(string?[] cache)
    {
        for (var i = 0; i < cache.Length; i++) Consume((cache[i] ??= Produce("item" + i)).Trim());
    }
#pragma warning restore OPTO017

    /// <summary>Recursion in a traced method: each call's glue links to its own producer.</summary>
    [Traced]
    public string RecurseTraced(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) RecurseTraced(n - 1);
        return Consume(s.Trim());
    }

}
