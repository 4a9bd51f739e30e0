namespace Trace.EndToEnd.Tests;

/// <summary>The training sample trains a ticket classifier against the offline demo model and says so.</summary>
public class TrainingSampleTests
{
    [Test]
    public void The_training_sample_runs_offline_and_improves_the_validation_score()
    {
        var runs = Path.Combine(Path.GetTempPath(), $"opto-sample-runs-{Guid.NewGuid():N}");
        try
        {
            Check(SampleRunner.Run("samples/Training", "--runs", runs), runs);
        }
        finally
        {
            if (Directory.Exists(runs)) Directory.Delete(runs, recursive: true);
        }
    }

    [Test]
    public void Each_optimizer_trains_the_sample_offline_with_one_option()
    {
        var runs = Path.Combine(Path.GetTempPath(), $"opto-sample-runs-{Guid.NewGuid():N}");
        try
        {
            string[] optimizers = ["optoprime-multi", "opro", "textgrad"];
            var results = SampleRunner.RunEach("samples/Training", [.. optimizers.Select(o => new[] { "--optimizer", o, "--runs", Path.Combine(runs, o) })]);
            var (multi, opro, textgrad) = (results[0], results[1], results[2]);

            foreach (var (run, name) in results.Zip(new[] { "OptoPrimeMulti", "Opro", "TextGrad" }))
            {
                Assert.That(run.StandardOutput, Does.StartWith("Model: the built-in offline demo model"), run.Describe());
                Assert.That(run.StandardOutput, Does.Contain($"Optimizer: {name}."), run.Describe());
                Assert.That(run.StandardOutput, Does.Contain("Validation after:  mean score 1, accuracy 100 % over 6 examples"), run.Describe());
                Assert.That(run.StandardOutput, Does.Contain("if (answer.Contains(label, StringComparison.OrdinalIgnoreCase)) return label;"), run.Describe());
            }

            Assert.That(multi.StandardOutput, Does.Contain("step 1: The model chose candidate").And.Contain("Requests to the optimizer's model: 14 in 4 steps (4, 4, 3, 3)."), multi.Describe());
            Assert.That(opro.StandardOutput, Does.Contain("Requests to the optimizer's model: 4 in 4 steps (1, 1, 1, 1)."), opro.Describe());
            Assert.That(textgrad.StandardOutput, Does.Contain("step 1 changed TicketClassifier.Rules:").And.Contain("step 1 changed TicketClassifier.ToLabel:"), textgrad.Describe());
            Assert.That(textgrad.StandardOutput, Does.Match(@"Requests to the optimizer's model: \d+ in \d+ steps \(9,"), textgrad.Describe());
        }
        finally
        {
            if (Directory.Exists(runs)) Directory.Delete(runs, recursive: true);
        }
    }

    private static void Check(ProcessResult run, string runs)
    {
        var output = run.StandardOutput;

        Assert.That(output, Does.StartWith("Model: the built-in offline demo model (scripted answers for this sample, not a language model)"), run.Describe());
        Assert.That(output, Does.Contain("Training on 18 tickets, validating on 6."), run.Describe());
        Assert.That(output, Does.Match(@"epoch 1  step 1/\d+  batch 0\.00  validation \d\.\d\d  tokens [\d,. ]+  left ~\d+s"), run.Describe());
        Assert.That(output, Does.Contain("Validation before: mean score 0, accuracy 0 % over 6 examples"), run.Describe());
        Assert.That(output, Does.Contain("Validation after:  mean score 1, accuracy 100 % over 6 examples"), run.Describe());
        Assert.That(output, Does.Contain("step 1 changed TicketClassifier.ToLabel:"), run.Describe());
        Assert.That(output, Does.Contain("if (answer.Contains(label, StringComparison.OrdinalIgnoreCase)) return label;"), run.Describe());
        Assert.That(output, Does.Contain("step 2 changed TicketClassifier.Rules:"), run.Describe());
        Assert.That(output, Does.Match(@"Tokens: agent [1-9]\d* in \+ [1-9]\d* out = \d+ tokens; guide 0 in \+ 0 out = 0 tokens; optimizer [1-9]"), run.Describe());
        var directory = Directory.GetDirectories(runs).Single();
        Assert.That(output, Does.Contain($"Run kept in {directory}: report.html, and best-parameters.json (step 2)."), run.Describe());
        Assert.That(File.ReadAllText(Path.Combine(directory, "report.html")), Does.Contain("Step 1: TicketClassifier.ToLabel changed"));
        Assert.That(File.ReadAllText(Path.Combine(directory, "best-parameters.json")), Does.Contain("charged twice is billing"));
    }
}
