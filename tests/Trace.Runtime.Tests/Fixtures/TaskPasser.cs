using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Traced methods that return a task they did not make themselves (not async): the caller's task completes with it.</summary>
public class TaskPasser
{
    [Traced]
    public Task<int[]> All(Task<int> first, Task<int> second) => Task.WhenAll(first, second);

    [Traced]
    public Task<int> Pass(Task<int> task) => task;

    [Traced]
    public Task PassPlain(Task task) => task;

    [Traced]
    public Task<string> PassText(Task<string> task) => task;

    [Traced]
    public string Shout(string text) => text.ToUpperInvariant();
}
