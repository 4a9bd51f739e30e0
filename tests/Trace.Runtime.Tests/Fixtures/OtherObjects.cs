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
