using System.Collections;
using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>
/// A list of the program's own that counts its enumerations and refuses to be enumerated when asked to (as a library
/// does to prove a count-only path never enumerates): tracing must not enumerate it where the call untraced would not.
/// </summary>
public sealed class Counted<T>(IReadOnlyList<T> items, bool refuse = false) : IList<T>, IReadOnlyCollection<T>
{
    public int Enumerations { get; private set; }

    public int Count => items.Count;

    public bool IsReadOnly => true;

    public IEnumerator<T> GetEnumerator()
    {
        Enumerations++;
        if (refuse) throw new InvalidOperationException("This collection must not be enumerated.");
        return items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(T item) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public bool Contains(T item) => items.Contains(item);

    // Copying is not enumerating: a combiner enumerates, so tracing must too.
    public void CopyTo(T[] array, int arrayIndex) => throw new NotSupportedException("Enumerate me instead.");

    public bool Remove(T item) => throw new NotSupportedException();

    public T this[int index] { get => items[index]; set => throw new NotSupportedException(); }

    public int IndexOf(T item) => items.ToList().IndexOf(item);

    public void Insert(int index, T item) => throw new NotSupportedException();

    public void RemoveAt(int index) => throw new NotSupportedException();
}

/// <summary>A dictionary of the program's own whose enumeration is its own code.</summary>
public sealed class CountedPairs(Dictionary<string, string> pairs, bool refuse = false) : IReadOnlyDictionary<string, string>
{
    public int Enumerations { get; private set; }

    public string this[string key] => pairs[key];

    public IEnumerable<string> Keys => pairs.Keys;

    public IEnumerable<string> Values => pairs.Values;

    public int Count => pairs.Count;

    public bool ContainsKey(string key) => pairs.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => pairs.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        Enumerations++;
        if (refuse) throw new InvalidOperationException("This dictionary must not be enumerated.");
        return pairs.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Traced methods that only count what they are given, and one that hands back a collection of its own.</summary>
public static class Tally
{
    /// <summary>Counts a sequence without enumerating it when it knows its count.</summary>
    [Traced]
    public static int CountOf<T>(IEnumerable<T> source) => source is ICollection<T> collection ? collection.Count : source.Count();

    /// <summary>Counts texts.</summary>
    [Traced]
    public static int CountTexts(IReadOnlyCollection<string> texts) => texts.Count;

    /// <summary>Counts entries.</summary>
    [Traced]
    public static int CountEntries(IReadOnlyDictionary<string, string> entries) => entries.Count;

    /// <summary>Wraps texts in a collection that must not be enumerated.</summary>
    [Traced]
    public static Counted<string> Wrap(string first, string second) => new([first, second], refuse: true);

    /// <summary>Joins texts.</summary>
    [Traced]
    public static string Join(IReadOnlyCollection<string> texts) => string.Join("|", texts);

    // Untraced generic code calling a traced method: its interceptor is generic, and sees only T.
    public static int CountThrough<T>(IEnumerable<T> source) => CountOf(source);
}

/// <summary>A collection class of the program's own, filled with an initializer.</summary>
public sealed class Bag : IReadOnlyCollection<string>
{
    private readonly List<string> _items = [];

    public int Count => _items.Count;

    public void Add(string item) => _items.Add(item);

    public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
