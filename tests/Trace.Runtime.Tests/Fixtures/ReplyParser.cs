using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>An agent that reads model replies the usual .NET way: Try methods with <c>out</c> results, and <c>ref</c> and <c>in</c> parameters.</summary>
public class ReplyParser
{
    [Trainable("How a reply is read.")]
    public string ReadInstruction { get; set; } = "Read";

    /// <summary>Reads a verdict out of a reply.</summary>
    [Traced]
    public bool TryRead(string reply, out string? verdict)
    {
        verdict = reply.Length == 0 ? null : $"{ReadInstruction}: {reply}";
        return verdict is not null;
    }

    /// <summary>Sets a label that is a literal.</summary>
    [Traced]
    public bool TryLabel(string reply, out string label)
    {
        label = "none";
        return reply.Length > 100;
    }

    /// <summary>Refines a prompt in place.</summary>
    [Traced]
    public void Refine(ref string prompt) => prompt = $"{ReadInstruction} {prompt}";

    /// <summary>Looks at a prompt passed by reference and leaves it as it is.</summary>
    [Traced]
    public int Look(ref string prompt) => prompt.Length;

    /// <summary>Measures a text passed by <c>in</c>.</summary>
    [Traced]
    public int Measure(in string text) => text.Length;

    /// <summary>Classifies a text.</summary>
    [Traced]
    public string Classify(string text) => text.Length > 10 ? "long" : "short";

    /// <summary>A verdict read, then classified.</summary>
    public string ReadThenClassify(string reply) => TryRead(reply, out var verdict) ? Classify(verdict!) : "none";

    /// <summary>A literal label set, then classified.</summary>
    public string LabelThenClassify(string reply)
    {
        TryLabel(reply, out var label);
        return Classify(label);
    }

    /// <summary>A prompt refined in place, then classified.</summary>
    public string RefinedThenClassified(string prompt)
    {
        Refine(ref prompt);
        return Classify(prompt);
    }

    /// <summary>A prompt looked at by reference and not changed, then classified.</summary>
    public string LookedAtThenClassified(string prompt)
    {
        _ = Look(ref prompt);
        return Classify(prompt);
    }

    /// <summary>A verdict read, then measured through an <c>in</c> parameter.</summary>
    public int ReadThenMeasured(string reply)
    {
        TryRead(reply, out var verdict);
        return Measure(in verdict!);
    }
}
