using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Shapes where a producer's call site runs again before its result is used: the link must be right or absent.</summary>
public class Reentry : IReenterable
{
    private readonly Func<int, string> _self;
    private readonly Func<int, string> _later;

    /// <summary>Keeps a delegate of one of its traced methods, which calls itself through it.</summary>
#pragma warning disable OPTO003 // on purpose: the method calls itself through this delegate, where no interceptor runs
    public Reentry()
    {
        _self = RecurseThroughDelegate;
        _later = ConsumeBeforeReentering;
    }
#pragma warning restore OPTO003

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

#pragma warning disable OPTO003, OPTO004, OPTO017 // each re-enters itself where no interceptor runs: the links that would cut are reported, and absent
    /// <summary>A traced method that calls itself through a delegate made of it.</summary>
    [Traced]
    public string RecurseThroughDelegate(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) _self(n - 1);
        return Consume(s.Trim());
    }

    /// <summary>A traced method that calls itself through the interface it implements.</summary>
    [Traced]
    public string Again(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) ((IReenterable)this).Again(n - 1);
        return Consume(s.Trim());
    }

    /// <summary>A traced method that calls itself through <c>dynamic</c>.</summary>
    [Traced]
    public string RecurseDynamically(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) ((dynamic)this).RecurseDynamically(n - 1);
        return Consume(s.Trim());
    }

    /// <summary>A traced method that calls itself by reflection.</summary>
    [Traced]
    public string RecurseByReflection(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) typeof(Reentry).GetMethod(nameof(RecurseByReflection))!.Invoke(this, [n - 1]);
        return Consume(s.Trim());
    }

    /// <summary>A traced method that LINQ calls again, given as a method group.</summary>
    [Traced]
    public string RecurseThroughLinq(int n)
    {
        var s = Produce("level" + n);
        if (n > 0) _ = new[] { n - 1 }.Select(RecurseThroughLinq).ToList();
        return Consume(s.Trim());
    }
#pragma warning restore OPTO003, OPTO004, OPTO017

    /// <summary>A traced method entered again through a delegate only after its glue is read: each glue links to its own producer.</summary>
    [Traced]
    public string ConsumeBeforeReentering(int n)
    {
        var s = Produce("level" + n);
        var consumed = Consume(s.Trim());
        if (n > 0) _later(n - 1);
        return consumed;
    }
}

/// <summary>What <see cref="Reentry"/> implements, to be called through.</summary>
public interface IReenterable
{
    /// <summary>Runs again, <paramref name="n"/> levels down.</summary>
    string Again(int n);
}
