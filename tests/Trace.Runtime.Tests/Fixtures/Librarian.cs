using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>A retrieval agent: one call returns several documents, and each is then worked on by another call.</summary>
public class Librarian
{
    [Trainable("How documents are searched for.")]
    public string SearchInstruction { get; set; } = "Search";

    [Trainable("How a document is summarized.")]
    public string SummaryInstruction { get; set; } = "Summarize";

    /// <summary>Searches for documents.</summary>
    [Traced]
    public List<string> Search(string query) => [$"{SearchInstruction} {query} one", $"{SearchInstruction} {query} two", "fixed"];

    /// <summary>Searches for documents, later.</summary>
    [Traced]
    public async Task<string[]> SearchAsync(string query)
    {
        await Task.Yield();
        return [$"{SearchInstruction} {query} one", $"{SearchInstruction} {query} two"];
    }

    /// <summary>Splits a text into a title and a body.</summary>
    [Traced]
    public (string Title, string Body) Split(string text) => (text[..1] + SearchInstruction, text[1..] + SearchInstruction);

    /// <summary>Loads documents.</summary>
    [Traced]
    public Document[] LoadAll(string query) => [new Document($"{SearchInstruction} {query} a b"), new Document($"{query} c d")];

    /// <summary>Orders documents.</summary>
    [Traced]
    public List<string> Rank(List<string> documents) => [.. documents.OrderBy(d => d.Length)];

    /// <summary>As many pages as asked for, each a new text.</summary>
    [Traced]
    public List<string> Pages(int count) => [.. Enumerable.Range(0, count).Select(i => $"{SearchInstruction} page {i}")];

    /// <summary>Keeps a document as it is.</summary>
    [Traced]
    public string Keep(string document) => document;

    /// <summary>Summarizes a document.</summary>
    [Traced]
    public string Summarize(string document) => $"{SummaryInstruction}: {document}";

    /// <summary>Documents by topic.</summary>
    [Traced]
    public Dictionary<string, string> ByTopic(string query) => new()
    {
        [$"{query}-billing"] = $"{SearchInstruction} {query} billing",
        [new string('t', 50)] = $"{SearchInstruction} {query} other",
    };

    public List<string> SummarizeEachTopic(string query)
    {
        var topics = ByTopic(query);
        var summaries = new List<string>();
        foreach (var (_, document) in topics) summaries.Add(Summarize(document));
        foreach (var topic in topics.Keys)
        {
            summaries.Add(Summarize(topic));
            break;
        }

        return summaries;
    }

    public List<string> SummarizeEach(string query)
    {
        var summaries = new List<string>();
        foreach (var document in Search(query)) summaries.Add(Summarize(document));
        return summaries;
    }

    public string SummarizeFirstTwice(string query)
    {
        var documents = Search(query);
        return Summarize(documents[0]) + Summarize(documents[0]);
    }

    public async Task<string> SummarizeSecondAsync(string query) => Summarize((await SearchAsync(query))[1]);

    public string SummarizeBody(string text)
    {
        var (_, body) = Split(text);
        return Summarize(body);
    }

    private readonly Func<string, string> _normalize = text => text;

    // The delegate could run this method again before Rank's result is used, so the compiler proves no flow here: the
    // element is linked by the runtime alone.
    public string SummarizeRanked(string query)
    {
        var summaries = new List<string> { Summarize(new string('x', 3)), Summarize(_normalize(query)) };
        return Summarize(Rank(summaries)[0]);
    }

    public async Task<string> SummarizeRankedTwiceAsync(string query)
    {
        await Task.Yield();
        var summaries = new List<string> { Summarize(new string('x', 3)), Summarize(query) };
        var ranked = Rank(summaries);
        return Summarize(ranked[0]) + Keep(ranked.First());
    }

    private readonly List<string> _history = [];

    /// <summary>The conversation so far.</summary>
    [Traced]
    public List<string> History() => _history;

    /// <summary>Each turn summarizes the first message of the history so far (or the query).</summary>
    public void Converse(string query, int turns)
    {
        _history.Add(Summarize(query));
        for (var turn = 1; turn < turns; turn++)
        {
            var history = History();
            _history.Add(Summarize(history[0]));
        }
    }

    public List<string> SummarizeLoaded(string query) => [.. LoadAll(query).Select(d => d.Summarize(2))];

    /// <summary>The first document found, later.</summary>
    [Traced]
    public async Task<string> FirstAsync(string query)
    {
        await Task.Yield();
        return $"{SearchInstruction} {query} first";
    }

    public List<string> SummarizeEachInLambda(string query)
    {
        var summaries = new List<string>();
        Search(query).ForEach(document => summaries.Add(Summarize(document)));
        return summaries;
    }

    public string SummarizeHandedBack(string query) => Apply(Keep(query + "!"), document => Summarize(document));

    public Task<string> SummarizeContinued(string query) => FirstAsync(query).ContinueWith(found => Summarize(found.Result), TaskScheduler.Default);

    public string SummarizeBlocking(string query) => Summarize(FirstAsync(query).Result);

    private static string Apply(string value, Func<string, string> work) => work(value);

    /// <summary>Fails for an empty query.</summary>
    [Traced]
    public string Strict(string query) => query.Length == 0 ? throw new InvalidOperationException($"{SearchInstruction}: empty query") : query;

    /// <summary>Summarizes what went wrong.</summary>
    [Traced]
    public string Explain(Exception error) => $"{SummaryInstruction}: {error.Message}";

    public string ExplainFailure(string query)
    {
        try
        {
            return Strict(query);
        }
        catch (InvalidOperationException e)
        {
            return Explain(e);
        }
    }

    /// <summary>Finds a first document for each query at once, then summarizes them together.</summary>
    public async Task<string> DigestAsync(List<string> queries)
    {
        var found = await Task.WhenAll(queries.Select(query => FirstAsync(query)));
        return Summarize(string.Join("\n", found));
    }

    /// <summary>Keeps the documents a search found with a query expression, then summarizes them together.</summary>
    public string DigestQueried(string query)
    {
        var kept = from document in Search(query) where document != "fixed" select Keep(document);
        return Summarize(string.Join("\n", kept));
    }

    public string DigestBuilt(string query)
    {
        var prompt = new System.Text.StringBuilder("Documents:\n");
        AppendDocuments(prompt, Search(query));
        return Summarize(prompt.ToString());
    }

    private static void AppendDocuments(System.Text.StringBuilder prompt, List<string> documents)
    {
        foreach (var document in documents) prompt.Append("- ").AppendLine(document);
    }
}
