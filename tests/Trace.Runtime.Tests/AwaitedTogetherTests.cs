using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>
/// The results of traced calls awaited together (<c>await Task.WhenAll(a, b)</c>) and read each by its place
/// (<c>results[1]</c>) link, through glue, to the call at that place and no other.
/// </summary>
public class AwaitedTogetherTests
{
    [Test]
    public async Task Each_result_read_by_its_place_links_to_its_own_call()
    {
        var panel = new Panel();
        using var scope = TraceScope.Begin();

        var verdict = await panel.DebatedAsync("tabs or spaces");

        Assert.That(verdict, Is.EqualTo("Judge(For: For: tabs or spaces\nAgainst: Against: tabs or spaces)"));
        Assert.That(InputOf(scope, "judge0").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "argueFor0", "argueAgainst0" }));
        Assert.That(Reached(scope, "judge0"), Is.EquivalentTo(new[] { "Panel.JudgeInstruction", "Panel.ForInstruction", "Panel.AgainstInstruction" }));
    }

    [Test]
    public async Task A_result_read_alone_links_to_its_call_not_to_the_one_awaited_with_it()
    {
        var panel = new Panel();
        using var scope = TraceScope.Begin();

        await panel.ObjectionOnlyAsync("q");
        await panel.ObjectionOnlyAsync("r");

        Assert.That(InputOf(scope, "judge0").Parents.Select(p => p.Name), Is.EqualTo(new[] { "argueAgainst0" }));
        Assert.That(InputOf(scope, "judge1").Parents.Select(p => p.Name), Is.EqualTo(new[] { "argueAgainst1" }), "each run's own call");
        Assert.That(Reached(scope, "judge1"), Is.EquivalentTo(new[] { "Panel.JudgeInstruction", "Panel.AgainstInstruction" }));
    }

    [Test]
    public async Task A_number_read_by_its_place_links_to_the_task_started_for_that_place()
    {
        var panel = new Panel();
        using var scope = TraceScope.Begin();

        var verdict = await panel.FirstScoreAsync("q");

        Assert.That(verdict, Is.EqualTo("Judge(40)"));
        // A call that returned a running task is recorded (and numbered) when its task completes, in whichever order the two
        // complete: the score call is told apart by what it was asked.
        var scoreCall = (MessageNode)InputOf(scope, "judgeScore0").Parents.Single();
        Assert.That(scoreCall.Name, Does.StartWith("score"));
        Assert.That(scoreCall.Inputs.Single().Value.Value, Is.EqualTo("q"), "not the second score, awaited with it");
        Assert.That(scoreCall.Value, Is.EqualTo(4));
    }
}
