using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A small agent with the shapes users write: trainable values, traced methods reading them.</summary>
public class Agent
{
    [Trainable("The system prompt.", Constraint = "At most one sentence.")]
    public string SystemPrompt { get; set; } = "You are helpful.";

    [Trainable("Words kept in a reply.")]
    private int _maxWords = 5;

    [Trainable]
    public static double Temperature = 0.5;

    public int MaxWords => _maxWords;

    /// <summary>Replies to a customer using the system prompt.</summary>
    [Traced]
    public string Reply(string customer) => $"{SystemPrompt} Hello {customer}";

    /// <summary>Shortens a reply to the word budget.</summary>
    [Traced]
    public string Shorten(string reply) => string.Join(' ', reply.Split(' ').Take(Budget()));

    /// <summary>Returns the same object it was given.</summary>
    [Traced]
    public string Echo(string text) => text;

    /// <summary>Counts words.</summary>
    [Traced]
    public int CountWords(string text) => text.Split(' ').Length;

    /// <summary>Returns zero.</summary>
    [Traced]
    public int Zero() => 0;

    /// <summary>Adds one.</summary>
    [Traced]
    public int Increment(int value) => value + 1;

    /// <summary>Says yes, as a literal.</summary>
    [Traced]
    public string Yes() => "yes";

    /// <summary>Takes the next step from a text.</summary>
    [Traced]
    public string Next(string text) => string.Concat(text.AsSpan(0, 1), ".");

    /// <summary>Combines two texts.</summary>
    [Traced]
    public string Combine(string left, string right) => left + "|" + right;

    /// <summary>Reads the temperature.</summary>
    [Traced]
    public double Sample(string prompt) => Temperature * prompt.Length;

    /// <summary>Rejects forbidden words.</summary>
    [Traced]
    public string Validate(string text) =>
        text.Contains("forbidden", StringComparison.Ordinal) ? throw new ArgumentException("The text has a forbidden word.", nameof(text)) : text;

    /// <summary>Validates, through another traced call.</summary>
    [Traced]
    public string ValidateTwice(string text) => Validate(text);

    /// <summary>Replies asynchronously.</summary>
    [Traced]
    public async Task<string> ReplyAsync(string customer)
    {
        await Task.Yield();
        return $"{SystemPrompt} Hi {customer}";
    }

    /// <summary>Replies asynchronously, without allocating a task when it can.</summary>
    [Traced]
    public async ValueTask<string> ReplyValueAsync(string customer)
    {
        await Task.Yield();
        return $"{SystemPrompt} Hey {customer}";
    }

    /// <summary>Logs asynchronously.</summary>
    [Traced]
    public async Task LogAsync(string line)
    {
        await Task.Yield();
        Log.Add(line);
    }

    /// <summary>Fails asynchronously.</summary>
    [Traced]
    public async Task<string> FailAsync(string text)
    {
        await Task.Yield();
        throw new InvalidOperationException($"cannot handle {text}");
    }

    public List<string> Log { get; } = [];

    /// <summary>A traced method that is private.</summary>
    [Traced]
    private string Secret(string text) => text.ToUpperInvariant();

    public string CallSecret(string text) => Secret(text);

    public string[] InLambda(string[] texts) => texts.Select(t => Echo(t)).ToArray();

    // An untraced helper reading a trainable member: the compiler follows it.
    private int Budget() => _maxWords;

    /// <summary>A virtual traced method.</summary>
    [Traced]
    public virtual string Describe(string text) => "agent:" + text;
}

public sealed class LoudAgent : Agent
{
    [Trainable("How loud.")]
    public string Suffix { get; set; } = "!";

    // The tests check that a base call runs untraced, which is exactly what OPTO013 warns about.
#pragma warning disable OPTO013
    public override string Describe(string text) => base.Describe(text) + Suffix;
#pragma warning restore OPTO013
}

public static class Tools
{
    /// <summary>Doubles a number.</summary>
    [Traced]
    public static int Double(int value) => value * 2;

    /// <summary>Adds two numbers.</summary>
    [Traced]
    public static int Sum(int a, int b) => a + b;

    /// <summary>Fails.</summary>
    [Traced]
    public static int Fail() => throw new InvalidOperationException("no number");

    /// <summary>Returns its argument.</summary>
    [Traced]
    public static T Identity<T>(T value) => value;

    /// <summary>Exclaims a text.</summary>
    [Traced]
    public static string Exclaim(this string text) => text + "!";
}

public struct Counter
{
    public int Count;

    /// <summary>Adds to the counter.</summary>
    [Traced]
    public int Add(int amount) => Count += amount;
}
