namespace Trace.EndToEnd.Tests;

/// <summary>The QuickStart sample runs and shows what it promises.</summary>
public class QuickStartSampleTests
{
    [Test]
    public void The_quickstart_sample_runs_and_propagates_feedback_to_both_trainable_values()
    {
        var run = SampleRunner.Run("samples/QuickStart");

        Assert.That(run.StandardOutput, Does.Contain("draft0     <- [classify0, customer0, SupportDesk.Greeting, SupportDesk.MaxWords]"), run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("Backward reached 2 parameters"), run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("flowchart TD"), run.Describe());
        Assert.That(run.StandardOutput, Does.Contain("Parameters saved to"), run.Describe());
    }
}
