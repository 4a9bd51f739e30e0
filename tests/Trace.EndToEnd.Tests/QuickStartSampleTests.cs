namespace Trace.EndToEnd.Tests;

/// <summary>The README's first command works: the QuickStart sample runs and shows what it promises.</summary>
public class QuickStartSampleTests
{
    [Test]
    public void The_quickstart_sample_runs_and_propagates_feedback_to_both_trainable_values()
    {
        var repository = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Trace.sln"))) repository = repository.Parent ?? throw new InvalidOperationException("No Trace.sln above the tests.");
        var artifacts = Path.Combine(Path.GetTempPath(), $"opto-quickstart-{Guid.NewGuid():N}");
        try
        {
            // A private artifacts folder: no clash with the solution build that is running these tests.
            var run = ProcessRunner.DotnetSucceeds(repository.FullName, ["run", "--project", "samples/QuickStart", "--artifacts-path", artifacts]);

            Assert.That(run.StandardOutput, Does.Contain("draft0     <- [classify0, customer0, SupportDesk.Greeting, SupportDesk.MaxWords]"), run.Describe());
            Assert.That(run.StandardOutput, Does.Contain("Backward reached 2 parameters"), run.Describe());
            Assert.That(run.StandardOutput, Does.Contain("flowchart TD"), run.Describe());
            Assert.That(run.StandardOutput, Does.Contain("Parameters saved to"), run.Describe());
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
