using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Looks things up with a trainable query template.</summary>
public class Retriever
{
    [Trainable("How a topic becomes a search query.")]
    public string QueryTemplate { get; set; } = "about {0}";

    /// <summary>Finds documents on a topic.</summary>
    [Traced]
    public string Find(string topic) => string.Format(System.Globalization.CultureInfo.InvariantCulture, QueryTemplate, topic);

    /// <summary>Finds documents on a topic, later.</summary>
    [Traced]
    public async Task<string> FindAsync(string topic)
    {
        await Task.Yield();
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, QueryTemplate, topic);
    }

    /// <summary>Fails on purpose, after reading the template.</summary>
    [Traced]
    public string Broken(string topic) => throw new InvalidOperationException(QueryTemplate + topic);
}

/// <summary>Writes with the help of a retriever it holds: traced calls nested in traced calls, on another object.</summary>
public class Writer(Retriever retriever)
{
    [Trainable("The writing style.")]
    public string Style { get; set; } = "plain";

    /// <summary>Writes about a topic, looking it up through an untraced helper.</summary>
    [Traced]
    public string Write(string topic) => Lookup(topic) + " in " + Style;

    /// <summary>Writes without reading anything trainable itself.</summary>
    [Traced]
    public string Relay(string topic) => retriever.Find(topic).ToUpperInvariant();

    /// <summary>Writes asynchronously: the nested call runs after an await.</summary>
    [Traced]
    public async Task<string> WriteAsync(string topic)
    {
        await Task.Yield();
        var found = await retriever.FindAsync(topic);
        return found + "!";
    }

    /// <summary>Writes on another thread.</summary>
    [Traced]
    public string WriteOnPool(string topic) => Task.Run(() => retriever.Find(topic)).GetAwaiter().GetResult();

    /// <summary>Writes after a nested call that fails, then fails itself.</summary>
    [Traced]
    public string WriteOrFail(string topic)
    {
        try
        {
            return retriever.Broken(topic);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("cannot write", e);
        }
    }

    /// <summary>Uses an explicit parameter that only a nested call receives: the compiler cannot see where it comes from.</summary>
    [Traced]
    public string WithHintFrom(Func<Parameter<string>> source) => Echo(source()) + Style;

    /// <summary>Reads an explicit parameter's value.</summary>
    [Traced]
    public static string Echo(Parameter<string> hint) => hint.Value;

    private string Lookup(string topic) => retriever.Find(topic);
}

/// <summary>Makes a nested traced call with the async context's flow suppressed, as libraries that start background work do.</summary>
public class Suppressor(Writer writer, Retriever other)
{
    /// <summary>Relays with the flow suppressed, then finds with another retriever.</summary>
    [Traced]
    public string RelayThenFind(string topic)
    {
        string relayed;
        using (ExecutionContext.SuppressFlow()) relayed = writer.Relay(topic);
        return relayed + other.Find(topic);
    }
}

/// <summary>Sets an async-local value of its own, whose changes are observed, before a nested traced call.</summary>
public class LocalSetter(Retriever retriever)
{
    /// <summary>Every change notification of <see cref="Local"/>: previous value, new value, and whether a context switch caused it.</summary>
    public static readonly List<string> Changes = [];

    public static readonly AsyncLocal<string?> Local = new(change =>
    {
        lock (Changes) Changes.Add($"{change.PreviousValue}->{change.CurrentValue}:{change.ThreadContextChanged}");
    });

    /// <summary>Sets the value, then finds.</summary>
    [Traced]
    public string SetThenFind(string value)
    {
        Local.Value = value;
        return retriever.Find(value);
    }
}

/// <summary>Three levels: an editor calls a writer that calls a retriever.</summary>
public class Editor(Writer writer)
{
    /// <summary>Edits a text about a topic.</summary>
    [Traced]
    public string Edit(string topic) => writer.Write(topic).Trim();
}

/// <summary>Calls that take many values at once: the wide fan-in of agents over tools, documents or examples.</summary>
public static class Merger
{
    /// <summary>Joins texts.</summary>
    [Traced]
    public static string Join(IReadOnlyList<string> texts) => string.Join("|", texts);

    /// <summary>Joins an array of texts.</summary>
    [Traced]
    public static string JoinArray(string[] texts) => string.Join("|", texts);

    /// <summary>Joins the values of a dictionary.</summary>
    [Traced]
    public static string JoinValues(Dictionary<string, string> byName) => string.Join("|", byName.Values);

    /// <summary>Joins a pair.</summary>
    [Traced]
    public static string JoinPair((string First, string Second) pair) => pair.First + "|" + pair.Second;

    /// <summary>Joins any sequence, lazily produced or not.</summary>
    [Traced]
    public static string JoinSequence(IEnumerable<string> texts) => string.Join("|", texts);

    /// <summary>Sums explicit parameters.</summary>
    [Traced]
    public static int Sum(IReadOnlyList<Parameter<int>> parameters) => parameters.Sum(p => p.Value);

    /// <summary>Sums numbers, which carry no identity.</summary>
    [Traced]
    public static int SumNumbers(List<int> numbers) => numbers.Sum();
}

/// <summary>Explicit parameters held in fields, properties and a captured primary-constructor parameter, never passed as arguments.</summary>
public class Hinted(Parameter<string> tone)
{
    private readonly Parameter<string> _hint = new("be brief", "Hinted.Hint");
    private readonly List<Parameter<string>> _rules = [new("no jargon", "Rule0"), new("cite sources", "Rule1")];

    /// <summary>A limit shared by every instance.</summary>
    public static Parameter<int> Limit { get; } = new(3, "Hinted.Limit");

    /// <summary>The hint, for tests.</summary>
    public Parameter<string> Hint => _hint;

    /// <summary>The rules, for tests.</summary>
    public IReadOnlyList<Parameter<string>> Rules => _rules;

    /// <summary>Writes with the hint.</summary>
    [Traced]
    public string Write(string topic) => _hint.Value + " " + topic;

    /// <summary>Writes in the tone given at construction.</summary>
    [Traced]
    public string Toned(string topic) => tone.Value + " " + topic;

    /// <summary>Reads the shared limit.</summary>
    [Traced]
    public int Limited(string topic) => Math.Min(Limit.Value, topic.Length);

    /// <summary>Writes following every rule.</summary>
    [Traced]
    public string Ruled(string topic) => string.Join(", ", _rules.Select(r => r.Value)) + " " + topic;
}

/// <summary>Sets ambient state for its caller, as code that starts an Activity or sets a culture does.</summary>
public static class Ambient
{
    /// <summary>The ambient value.</summary>
    public static readonly AsyncLocal<string?> Value = new();

    /// <summary>Sets the ambient value for the caller.</summary>
    [Traced]
    public static string Set(string value)
    {
        Value.Value = value;
        return value;
    }
}

/// <summary>Starts an activity and leaves it current, as instrumentation does.</summary>
public static class Starter
{
    /// <summary>Starts an activity.</summary>
    [Traced]
    public static System.Diagnostics.Activity? Start(System.Diagnostics.ActivitySource source) => source.StartActivity("work");
}

/// <summary>Async methods that complete at once with a literal.</summary>
public static class Literals
{
    /// <summary>Says yes at once.</summary>
    [Traced]
    public static Task<string> YesAsync() => Task.FromResult("yes");

    /// <summary>Says yes at once, as a value task.</summary>
    [Traced]
    public static ValueTask<string> YesValueAsync() => ValueTask.FromResult("yes");

    /// <summary>Returns its input.</summary>
    [Traced]
    public static string Same(string text) => text;

    /// <summary>A long prompt constant: 50,000 characters, folded into one literal by the compiler.</summary>
    [Traced]
    public static string LongPrompt() => Long50000;

    private const string Long10 = "Be brief. ";
    private const string Long100 = Long10 + Long10 + Long10 + Long10 + Long10 + Long10 + Long10 + Long10 + Long10 + Long10;
    private const string Long1000 = Long100 + Long100 + Long100 + Long100 + Long100 + Long100 + Long100 + Long100 + Long100 + Long100;
    private const string Long10000 = Long1000 + Long1000 + Long1000 + Long1000 + Long1000 + Long1000 + Long1000 + Long1000 + Long1000 + Long1000;
    private const string Long50000 = Long10000 + Long10000 + Long10000 + Long10000 + Long10000;
}

/// <summary>Labels for values the runtime shares: enum names, small numbers, empty arrays.</summary>
public static class Labels
{
    /// <summary>Escapes quotes (returns its argument when there are none).</summary>
    [Traced]
    public static string Escape(string label) => label.Replace("\"", "\\\"");

    /// <summary>Escapes quotes later.</summary>
    [Traced]
    public static async Task<string> EscapeAsync(string label)
    {
        await Task.Yield();
        return label.Replace("\"", "\\\"");
    }

    /// <summary>Measures a label.</summary>
    [Traced]
    public static int Measure(string label) => label.Length;

    /// <summary>A score's digits.</summary>
    [Traced]
    public static string Score(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the non-empty items (the shared empty array when none is).</summary>
    [Traced]
    public static string[] Filter(string[] items) => items.Where(i => i.Length > 0).ToArray();

    /// <summary>Counts items.</summary>
    [Traced]
    public static int Count(string[] items) => items.Length;

    private static readonly string s_one = new('1', 1);

    /// <summary>A field the class made itself and hands out every time, as a parser's field cache does.</summary>
    [Traced]
    public static string One() => s_one;
}
