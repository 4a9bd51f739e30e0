using System.Runtime.CompilerServices;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// The methods whose calls are measured. <see cref="Join"/> picks the longer of its two arguments: both arguments
/// are read, nothing is allocated, and the result has an identity (it is one of the arguments), so the measured cost
/// of a traced call is the tracing itself, not the method's work.
/// </summary>
public sealed class Joiner
{
    private readonly Func<string, string, string> _pick = static (a, b) => a.Length >= b.Length ? a : b;

    /// <summary>Picks the longer of two texts.</summary>
    [Traced]
    public string Join(string a, string b) => a.Length >= b.Length ? a : b;

    /// <summary>Picks the longer of two texts; never inlined.</summary>
    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public string JoinNoInline(string a, string b) => a.Length >= b.Length ? a : b;

    /// <summary>
    /// The same logic through a delegate: the compiler cannot prove the body makes no traced call, so the call tracks
    /// the calls nested in it (an async-context switch on entry and exit).
    /// </summary>
    [Traced]
    public string JoinTracked(string a, string b) => _pick(a, b);

    /// <summary>The words of a text: a returned list, whose elements wait in the graph until they are passed on.</summary>
    [Traced]
    public List<string> Words(string text) => [.. text.Split(' ')];

    /// <summary>The same logic as <see cref="Join"/>, untraced.</summary>
    public string PlainJoin(string a, string b) => a.Length >= b.Length ? a : b;

    /// <summary>The same logic as <see cref="JoinNoInline"/>, untraced.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public string PlainJoinNoInline(string a, string b) => a.Length >= b.Length ? a : b;
}

/// <summary>
/// A chain of traced calls: <see cref="Start"/> reads a trainable property (so backward reaches one parameter),
/// and each <see cref="Step"/> takes the previous call's result and returns a new two-character string
/// (a new value per call, as real programs produce, so every node also has its own entry in the graph's
/// value-to-node map).
/// </summary>
public sealed class ChainAgent
{
    /// <summary>The system prompt, the one trainable value of the chain.</summary>
    [Trainable("The system prompt.")]
    public string SystemPrompt { get; set; } = "You are helpful.";

    /// <summary>Starts a reply from the system prompt.</summary>
    [Traced]
    public string Start(string customer) => string.Concat(SystemPrompt.AsSpan(0, 1), customer);

    /// <summary>Takes the next step from a text.</summary>
    [Traced]
    public string Step(string text) => string.Concat(text.AsSpan(0, 1), ".");

    /// <summary>Builds a chain of <paramref name="calls"/> traced calls (one <see cref="Start"/>, then steps) and returns the last result.</summary>
    public string Chain(string customer, int calls)
    {
        var current = Start(customer);
        for (var i = 1; i < calls; i++) current = Step(current);
        return current;
    }
}

/// <summary>
/// Glue that reads a trainable value, in an untraced method of the object that holds it (<c>Join(Prefix + a, b)</c>): the
/// glue node's parents are the value's parameter, found again on the call's receiver.
/// </summary>
public sealed class PromptedJoiner
{
    /// <summary>Put before the first text.</summary>
    [Trainable("A prefix.")]
    public string Prefix { get; set; } = ">";

    /// <summary>Picks the longer of two texts.</summary>
    [Traced]
    public string Join(string a, string b) => a.Length >= b.Length ? a : b;

    /// <summary>Joins the prefixed first text with the second.</summary>
    public string Prefixed(string a, string b) => Join(Prefix + a, b);
}
