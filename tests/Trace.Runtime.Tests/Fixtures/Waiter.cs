using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>An asynchronous method whose code the optimizer replaces.</summary>
public class Waiter
{
    /// <summary>Answers later.</summary>
    [Trainable]
    public async Task<string> AnswerAsync(string question)
    {
        await Task.Yield();
        return question + "!";
    }
}
