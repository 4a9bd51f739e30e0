namespace Trace.EndToEnd.Tests;

/// <summary>The training sample trains a ticket classifier against the offline demo model and says so.</summary>
public class TrainingSampleTests
{
    [Test]
    public void The_training_sample_runs_offline_and_improves_the_validation_score()
    {
        var run = SampleRunner.Run("samples/Training");
        var output = run.StandardOutput;

        Assert.That(output, Does.StartWith("Model: the built-in offline demo model (scripted answers for this sample, not a language model)"), run.Describe());
        Assert.That(output, Does.Contain("Training on 18 tickets, validating on 6."), run.Describe());
        Assert.That(output, Does.Match(@"epoch 1  step 1/\d+  batch 0\.00  validation \d\.\d\d  tokens \d+ in"), run.Describe());
        Assert.That(output, Does.Contain("Validation before: mean score 0, accuracy 0 % over 6 examples"), run.Describe());
        Assert.That(output, Does.Contain("Validation after:  mean score 1, accuracy 100 % over 6 examples"), run.Describe());
        Assert.That(output, Does.Contain("TicketClassifier.Instruction = \"Answer with one word: billing, technical or other.\""), run.Describe());
    }
}
