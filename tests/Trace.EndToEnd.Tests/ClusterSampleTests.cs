using System.Text.RegularExpressions;

namespace Trace.EndToEnd.Tests;

/// <summary>The cluster sample starts two Orleans silos on localhost and trains with its rollouts on both.</summary>
public class ClusterSampleTests
{
    [Test]
    public void The_cluster_sample_trains_with_the_rollouts_on_two_silos_against_the_offline_model()
    {
        var run = SampleRunner.Run("samples/Cluster");
        var output = run.StandardOutput;

        Assert.That(output, Does.StartWith("Model: the built-in offline demo model (scripted answers for this sample, not a language model)"), run.Describe());
        Assert.That(output, Does.Contain("Training on 18 tickets, validating on 6, with the rollouts on 2 silos."), run.Describe());
        var silos = Regex.Matches(output, @"\d+ on (S127\.0\.0\.1:\d+:\d+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(silos, Has.Count.EqualTo(2), run.Describe());
        Assert.That(output, Does.Contain("Validation after:  mean score 1, accuracy 100 % over 6 examples"), run.Describe());
        Assert.That(output, Does.Contain("TicketClassifier.Rules = \"Being charged twice is billing. Not being able to log in is technical.\""), run.Describe());
    }
}
