using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// Graphs whose output depends on many trainable parameters: the shape of an agent over many tools, documents or
/// examples. <see cref="SumChain"/> adds the parameters one call at a time; <see cref="SumAll"/> reads them all in
/// one call over a collection.
/// </summary>
public static class FanIn
{
    /// <summary>Appends one parameter's value to the total so far.</summary>
    [Traced]
    public static string Add(string total, Parameter<string> item) => total.Length > 32 ? item.Value : total + item.Value;

    /// <summary>Joins the first characters of every parameter's value.</summary>
    [Traced]
    public static string SumAll(IReadOnlyList<Parameter<string>> items)
    {
        var text = new char[Math.Min(items.Count, 64)];
        for (var i = 0; i < text.Length; i++) text[i] = items[i].Value[0];
        return new string(text);
    }

    /// <summary><paramref name="count"/> trainable values, each a short text of its own.</summary>
    public static List<Parameter<string>> Parameters(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Parameter<string>("v" + i, "Item" + i, "An item of the total."))];

    /// <summary>A chain of sums: <c>total = Add(total, p[i])</c> for every parameter; returns the last total.</summary>
    public static string SumChain(IReadOnlyList<Parameter<string>> parameters)
    {
        var total = new string('t', 1);
        foreach (var parameter in parameters) total = Add(total, parameter);
        return total;
    }
}
