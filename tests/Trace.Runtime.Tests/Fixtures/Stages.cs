using Opto;

namespace Trace.Runtime.Tests.Fixtures.Stages;

/// <summary>A stage of a conversation, with its own prompt.</summary>
public class Stage(string prompt)
{
    /// <summary>The stage's prompt.</summary>
    [Trainable] public string Prompt { get; set; } = prompt;
}

/// <summary>Moves through stages: each step answers with the current stage's prompt, then moves on.</summary>
public class Conversation
{
    private Stage _current = new("Greet.");
    private Stage _next = new("Ask what they need.");
    private Stage? _loaded;

    /// <summary>The current stage.</summary>
    public Stage Current => _current;

    /// <summary>The stage after it.</summary>
    public Stage Next => _next;

    /// <summary>Answers with the current stage's prompt, then makes the next stage current.</summary>
    [Traced]
    public string Step(string input)
    {
#pragma warning disable OPTO016 // what this shows: the read is reported, not linked to the stage made current after it
        var answer = _current.Prompt + " " + input;
#pragma warning restore OPTO016
        _current = _next;
        return answer;
    }

    /// <summary>Loads the stage once, then answers with its prompt: the stage read is the one kept.</summary>
    [Traced]
    public string Loaded(string input)
    {
        _loaded ??= new Stage("Loaded.");
        return _loaded.Prompt + " " + input;
    }

    /// <summary>The stage <see cref="Loaded"/> keeps.</summary>
    public Stage? LoadedStage => _loaded;
}
