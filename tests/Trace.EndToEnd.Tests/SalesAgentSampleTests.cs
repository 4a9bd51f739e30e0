namespace Trace.EndToEnd.Tests;

/// <summary>The README's main command works with no key: the sales agent sample optimizes against the offline demo model.</summary>
public class SalesAgentSampleTests
{
    private static readonly Dictionary<string, string?> s_noProvider = new()
    {
        ["AZURE_OPENAI_ENDPOINT"] = null,
        ["AZURE_OPENAI_API_KEY"] = null,
        ["AZURE_OPENAI_DEPLOYMENT"] = null,
        ["OPENAI_API_KEY"] = null,
        ["OPENAI_BASE_URL"] = null,
        ["OPENAI_MODEL"] = null,
    };

    [Test]
    public void The_sales_agent_sample_runs_offline_says_so_and_learns_the_spanish_greeting()
    {
        var repository = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Trace.sln"))) repository = repository.Parent ?? throw new InvalidOperationException("No Trace.sln above the tests.");
        var artifacts = Path.Combine(Path.GetTempPath(), $"opto-salesagent-{Guid.NewGuid():N}");
        try
        {
            var run = ProcessRunner.DotnetSucceeds(repository.FullName, ["run", "--project", "samples/SalesAgent", "--artifacts-path", artifacts], s_noProvider);
            var output = run.StandardOutput;

            Assert.That(output, Does.Contain("Model: the built-in offline demo model (scripted answers for this sample, not a language model)"), run.Describe());
            Assert.That(output, Does.Contain("Epoch 1: \"Hello, Juan!\" -> Incorrect"), run.Describe());
            Assert.That(output, Does.Contain("rejected SalesAssistant.Greetings: expected JSON for Dictionary<string, string>"), run.Describe());
            Assert.That(output, Does.Contain("Epoch 4: \"Hola, Juan!\" -> Correct"), run.Describe());
            Assert.That(output, Does.Contain("after:  { en: \"Hello\", es: \"Hola\" }"), run.Describe());
            Assert.That(output, Does.Match(@"Tokens used by the optimizer: \d+ in \+ \d+ out"), run.Describe());
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
