using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>An agent whose calls return objects that other traced calls then run on.</summary>
public class Reader
{
    [Trainable("How a document is loaded.")]
    public string LoadInstruction { get; set; } = "Load";

    /// <summary>Loads a document.</summary>
    [Traced]
    public Document Load(string path) => new($"{LoadInstruction}: {path}");

    /// <summary>Loads a document, later.</summary>
    [Traced]
    public async Task<Document> LoadAsync(string path)
    {
        await Task.Yield();
        return new Document($"{LoadInstruction}: {path}");
    }

    /// <summary>Starts a summary.</summary>
    [Traced]
    public SummaryBuilder Begin(string title) => new(title);

    public string SummarizeLoaded(string path)
    {
        var document = Load(path);
        return document.Summarize(3);
    }

    public string SummarizeChained(string path) => Load(path).Summarize(2);

    public async Task<string> SummarizeAsync(string path)
    {
        var document = await LoadAsync(path);
        return await document.SummarizeAsync();
    }

    /// <summary>A document the program made itself, then passed to a traced call before calling its method.</summary>
    public string SummarizeOwn(string text)
    {
        var document = new Document(text);
        Keep(document);
        return document.Summarize(1);
    }

    /// <summary>Keeps a document.</summary>
    [Traced]
    public int Keep(Document document) => document.Text.Length;

    public string Build(string title, string first, string second) => Begin(title).With(first).With(second).Render();

    public string Fail(string path) => Load(path).Fail();

    public string Held(string path)
    {
        _held = Load(path);
        return _held.Summarize(1);
    }

    private Document? _held;

    /// <summary>Measures a text.</summary>
    [Traced]
    public Stats Measure(string text) => new(text.Length, LoadInstruction.Length);

    public async Task<string> DescribeFirstPageAsync(string path)
    {
        await Task.Yield();
        return Load(path).Pages[0].Describe();
    }

    public async Task<string> DescribeMeasuredAsync(string text)
    {
        await Task.Yield();
        var stats = Measure(text);
        var doubled = Measure(text).Doubled();
        return stats.Describe() + doubled.Describe();
    }
}

/// <summary>The size of a text.</summary>
public record struct Stats(int Length, int Weight)
{
    /// <summary>Describes the size.</summary>
    [Traced]
    public string Describe() => $"{Length}/{Weight}";

    public readonly Stats Doubled() => new(Length * 2, Weight * 2);
}

/// <summary>A page of a document.</summary>
public class Page(string text)
{
    public string Text { get; } = text;

    /// <summary>Describes the page.</summary>
    [Traced]
    public string Describe() => "page: " + Text;
}

/// <summary>A loaded document.</summary>
public class Document(string text)
{
    public string Text { get; } = text;

    public List<Page> Pages { get; } = [.. text.Split(' ').Select(t => new Page(t))];

    /// <summary>Summarizes the document in a few words.</summary>
    [Traced]
    public string Summarize(int words) => string.Join(' ', Text.Split(' ').Take(words)) + Suffix();

    /// <summary>Summarizes the document, later.</summary>
    [Traced]
    public async Task<string> SummarizeAsync()
    {
        await Task.Yield();
        return Summarize(1);
    }

    /// <summary>The end of a summary.</summary>
    [Traced]
    public string Suffix() => new('.', 1);

    /// <summary>Fails to read the document.</summary>
    [Traced]
    public string Fail() => throw new InvalidOperationException("unreadable: " + Text);
}

/// <summary>A summary built step by step.</summary>
public class SummaryBuilder(string title)
{
    private readonly List<string> _lines = [title];

    /// <summary>Adds a line.</summary>
    [Traced]
    public SummaryBuilder With(string line)
    {
        _lines.Add(line);
        return this;
    }

    /// <summary>The summary's text.</summary>
    [Traced]
    public string Render() => string.Join("\n", _lines);
}
