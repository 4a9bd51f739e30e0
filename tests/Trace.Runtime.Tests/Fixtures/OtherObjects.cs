using Microsoft.Extensions.Options;
using Opto;

namespace Trace.Runtime.Tests.Fixtures.OtherObjects;

/// <summary>Prompts kept in an object of their own, injected where they are used.</summary>
public class PromptBook
{
    [Trainable("How to summarize.")]
    public string SummaryInstruction { get; set; } = "Summarize in one line.";

    [Trainable("How to greet.")]
    public string Greeting { get; set; } = "Hello";
}

/// <summary>Settings that hold a prompt book, as bound from configuration.</summary>
public class AgentSettings
{
    public PromptBook Prompts { get; set; } = new();

    [Trainable("The system prompt.")]
    public string SystemPrompt { get; set; } = "You are terse.";
}

/// <summary>A shared default book.</summary>
public static class Prompts
{
    public static PromptBook Default { get; set; } = new();
}

/// <summary>A request that carries the book to use.</summary>
public record Request(PromptBook Book, string Text);

/// <summary>An agent whose prompts live in other objects.</summary>
public class Summarizer(PromptBook shared, IOptions<AgentSettings> options)
{
    private readonly PromptBook _book = new();
    private PromptBook? _missing;

    public AgentSettings Settings { get; set; } = new();

    /// <summary>The book in the private field.</summary>
    public PromptBook Book => _book;

    /// <summary>The book captured from the constructor.</summary>
    public PromptBook Shared => shared;

    /// <summary>Sets the optional book.</summary>
    public void UseMissing(PromptBook? book) => _missing = book;

    /// <summary>Summarizes with the instruction of the private book.</summary>
    [Traced]
    public string Summarize(string text) => $"{_book.SummaryInstruction} {text}";

    /// <summary>Greets with the greeting two properties away.</summary>
    [Traced]
    public string Greet(string name) => $"{this.Settings.Prompts.Greeting}, {name}";

    /// <summary>Answers with the system prompt of the options.</summary>
    [Traced]
    public string Answer(string question) => $"{options.Value.SystemPrompt} {question}";

    /// <summary>Summarizes with the request's own book.</summary>
    [Traced]
    public string Handle(Request request) => $"{request.Book.SummaryInstruction} {request.Text}";

    /// <summary>Greets with the shared default book.</summary>
    [Traced]
    public string Welcome(string name) => $"{Prompts.Default.Greeting}, {name}";

    /// <summary>Greets with the book given to the constructor.</summary>
    [Traced]
    public string Hello(string name) => $"{shared.Greeting}, {name}";

    /// <summary>Answers with the system prompt of the options, kept in a local first.</summary>
    [Traced]
    public string AnswerFromALocal(string question)
    {
        var settings = options.Value;
        var book = settings.Prompts;
        return $"{settings.SystemPrompt} {book.Greeting} {question}";
    }

    /// <summary>Summarizes with a book that may be absent.</summary>
    [Traced]
    public string Maybe(string text) => $"{_missing?.SummaryInstruction ?? "none"} {text}";
}

/// <summary>An agent whose system prompt is in reloadable options.</summary>
public class MonitoredAgent(IOptionsMonitor<AgentSettings> monitor)
{
    /// <summary>Answers with the system prompt of the options' current value.</summary>
    [Traced]
    public string Answer(string question) => $"{monitor.CurrentValue.SystemPrompt} {question}";
}

/// <summary>A model call with no prompt of its own.</summary>
public class Replier
{
    /// <summary>Answers the prompt it is given.</summary>
    [Traced]
    public string Reply(string prompt) => prompt.ToUpperInvariant();

    /// <summary>Answers statically.</summary>
    [Traced]
    public static string Say(string prompt) => prompt.ToLowerInvariant();
}

/// <summary>Glue code that reads prompts held by other objects into a traced call's argument, in methods that are not traced.</summary>
public class Assistant(PromptBook captured, IOptions<AgentSettings> options) : Replier
{
    private readonly PromptBook _book = new() { SummaryInstruction = "Own book." };
    private readonly Replier _replier = new();
    private PromptBook _mutable = new();

    /// <summary>Settings that hold a book, two properties away.</summary>
    public AgentSettings Settings { get; set; } = new();

    /// <summary>The book in the private readonly field.</summary>
    public PromptBook Book => _book;

    /// <summary>The book in the field <see cref="Swap"/> replaces.</summary>
    public PromptBook Mutable => _mutable;

    /// <summary>Replaces the book in the mutable field.</summary>
    public void Swap(PromptBook book) => _mutable = book;

    /// <summary>A private field's book.</summary>
    public string FromField(string q) => Reply(_book.SummaryInstruction + q);

    /// <summary>Two auto-properties away.</summary>
    public string FromChain(string q) => Reply($"{Settings.Prompts.Greeting}, {q}");

    /// <summary>A primary-constructor parameter.</summary>
    public string FromCaptured(string q) => Reply(captured.Greeting + q);

    /// <summary>Options, read in a traced method.</summary>
    [Traced]
    public string FromOptions(string q) => _replier.Reply(options.Value.SystemPrompt + " " + q);

    /// <summary>Options, read in an untraced synchronous method.</summary>
    public string FromOptionsUntraced(string q) => Reply(options.Value.SystemPrompt + " " + q);

    /// <summary>Through a local, from a readonly field.</summary>
    public string ThroughALocal(string q)
    {
        var prompt = _book.SummaryInstruction + q;
        return Reply(prompt);
    }

    /// <summary>The options' settings and a readonly field's book kept in locals, their prompts read in the argument.</summary>
    public string ThroughLocalObjects(string q)
    {
        var settings = options.Value;
        var book = _book;
        return Reply($"{settings.SystemPrompt} {book.SummaryInstruction} {q}");
    }

    /// <summary>A static member's book, given to a call on another object.</summary>
    public string FromStatic(string q) => _replier.Reply(Prompts.Default.Greeting + q);

    /// <summary>A static member's book, given to a static call.</summary>
    public static string FromStaticInStatic(string q) => Say(Prompts.Default.Greeting + q);

    /// <summary>A mutable field read in the argument itself: the object it holds as the call is made.</summary>
    public string FromMutable(string q) => Reply(_mutable.SummaryInstruction + q);

    /// <summary>A traced method that gives another object's call its own book.</summary>
    [Traced]
    public string Routed(string q) => _replier.Reply(_book.SummaryInstruction + q);
}

/// <summary>Two static books, read on two paths that differ only in their first type.</summary>
public static class FirstShelf
{
    /// <summary>The shelf's book.</summary>
    public static PromptBook Book { get; } = new() { Greeting = "First." };
}

/// <summary>The other static book.</summary>
public static class SecondShelf
{
    /// <summary>The shelf's book.</summary>
    public static PromptBook Book { get; } = new() { Greeting = "Second." };
}

/// <summary>Glue kept in a lambda by one call of a traced method and run by a call of the same method on another object.</summary>
public class Deferring
{
    private readonly PromptBook _book = new();
    private readonly Replier _replier = new();
    private Func<string>? _kept;
    private Func<string>? _keptLocal;

    /// <summary>The book in the private readonly field.</summary>
    public PromptBook Book => _book;

    /// <summary>Glues both shelves' greetings.</summary>
    public string BothShelves(string q) => _replier.Reply(FirstShelf.Book.Greeting + SecondShelf.Book.Greeting + q);

    /// <summary>Keeps a lambda over this object's book, and runs it, or the one <paramref name="other"/> kept.</summary>
    [Traced]
    public string Outer(Deferring? other, string q)
    {
        _kept ??= () => _replier.Reply(_book.SummaryInstruction + q);
        return other is null ? _kept() : other._kept!();
    }

    /// <summary>The same with a local function kept as a delegate.</summary>
    [Traced]
    public string OuterLocal(Deferring? other, string q)
    {
        string Run() => _replier.Reply(_book.SummaryInstruction + q);
        _keptLocal ??= Run;
        return other is null ? _keptLocal() : other._keptLocal!();
    }
}
