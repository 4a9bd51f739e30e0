namespace Trace.EndToEnd.Tests;

/// <summary>The README's main command works with no key: the sales agent sample optimizes against the offline demo model.</summary>
public class SalesAgentSampleTests
{
    [Test]
    public void The_sales_agent_sample_runs_offline_says_so_and_learns_the_spanish_greeting()
    {
        var run = SampleRunner.Run("samples/SalesAgent");
        var output = run.StandardOutput;

        Assert.That(output, Does.Contain("Model: the built-in offline demo model (scripted answers for this sample, not a language model)"), run.Describe());
        Assert.That(output, Does.Contain("Epoch 1: \"Hello, Juan!\" -> Incorrect"), run.Describe());
        Assert.That(output, Does.Contain("rejected SalesAssistant.Greetings: expected JSON for Dictionary<string, string>"), run.Describe());
        Assert.That(output, Does.Contain("Epoch 4: \"Hola, Juan!\" -> Correct"), run.Describe());
        Assert.That(output, Does.Contain("after:  { en: \"Hello\", es: \"Hola\" }"), run.Describe());
        Assert.That(output, Does.Match(@"Tokens used by the optimizer: \d+ in \+ \d+ out"), run.Describe());
    }
}
