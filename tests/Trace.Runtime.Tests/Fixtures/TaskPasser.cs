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
    public Task<List<int>> PassList(Task<List<int>> task) => task;

    [Traced]
    public ValueTask<List<int>> PassValueTask(ValueTask<List<int>> task) => task;

    [Traced]
    public async Task<string> Label(Task<int> score) => await score > 0 ? "positive" : "negative";

    [Traced]
    public string Shout(string text) => text.ToUpperInvariant();

    [Traced]
    public int Count(List<int> items) => items.Count;

    [Traced]
    public static int Twice(int number) => 2 * number;
}
