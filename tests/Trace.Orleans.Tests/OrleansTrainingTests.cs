using Opto;
using Opto.Optimizers;
using Opto.Orleans;
using Opto.Training;

namespace Trace.Orleans.Tests;

/// <summary>Training with rollouts on an Orleans cluster in this process (Orleans' test cluster, several silos).</summary>
[NonParallelizable]
public class OrleansTrainingTests
{
    [Test]
    public async Task A_run_on_two_silos_takes_the_same_steps_as_a_run_in_process()
    {
        var local = await TrainAsync(executor: null);
        var cluster = await Cluster.StartAsync(2);
        var spans = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == OptoTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        try
        {
            var remote = await TrainAsync(new OrleansRolloutExecutor(cluster.Client, "labels", maxParallelism: 8));
            var steps = spans.Where(a => a.OperationName == "opto.training.step").ToList();
            var remoteSpans = spans.Where(a => a.OperationName == "opto.training.remote_rollout").ToList();
            Assert.That(remoteSpans, Has.Count.EqualTo(remote.Result.Steps.Count * 6 + (remote.Result.Steps.Count + 1) * 6), "a span on a silo for every rollout: the batches and the validations");
            var underSteps = remoteSpans.Where(r => r.ParentSpanId != default).ToList();
            Assert.That(remoteSpans.Count - underSteps.Count, Is.EqualTo(6), "only the validation before training runs outside a step's span");
            Assert.That(underSteps.Select(a => a.TraceId).Distinct(), Is.SubsetOf(steps.Select(s => s.TraceId)), "the others join the trace of the trainer's step");
            Assert.That(steps.SelectMany(s => remoteSpans.Where(r => r.ParentSpanId == s.SpanId)).Count(), Is.EqualTo(remote.Result.Steps.Count * 6 * 2),
                "under each step: its batch's six and its validation's six");

            Assert.That(remote.Prompts, Is.EqualTo(local.Prompts), "the optimizer saw the same problems");
            Assert.That(remote.Instruction, Is.EqualTo(local.Instruction).And.StartsWith("Label it, variant"));
            Assert.That(remote.Result.Steps.Select(s => s.Batch.MeanScore), Is.EqualTo(local.Result.Steps.Select(s => s.Batch.MeanScore)));
            var silos = remote.Result.Steps.SelectMany(s => s.Batch.Rollouts).Select(r => r.RanOn).Distinct().ToList();
            Assert.That(silos, Has.Count.EqualTo(2), "the rollouts ran on both silos: " + string.Join(", ", silos));
            Assert.That(remote.Result.Steps.SelectMany(s => s.Batch.Rollouts).Select(r => r.FeedbackReached), Is.All.EqualTo(1));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task A_method_s_code_trained_with_its_rollouts_on_silos_takes_the_same_steps_as_in_process()
    {
        var code = new CodeLabelAgent(null!).TrainableParameters().OfType<Opto.Code.CodeParameter>().Single();
        code.Reset();
        var local = await TrainCodeAsync(executor: null);
        code.Reset();
        var cluster = await Cluster.StartAsync(2);
        try
        {
            var remote = await TrainCodeAsync(new OrleansRolloutExecutor(cluster.Client, "code-labels", maxParallelism: 8));

            Assert.That(remote.Prompts, Is.EqualTo(local.Prompts));
            Assert.That(remote.Outputs, Is.EqualTo(local.Outputs));
            Assert.That(local.Outputs[^1], Does.Match(@"-\d+$"), "the last batch ran with code a step wrote");
            Assert.That(remote.RanOn, Has.Count.EqualTo(2));
        }
        finally
        {
            code.Reset();
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task A_silo_killed_in_the_middle_of_a_batch_loses_no_rollout_and_counts_none_twice()
    {
        var examples = Cluster.Examples(24);
        var expected = await EvaluateAsync(executor: null, examples);
        var cluster = await Cluster.StartAsync(3);
        Cluster.Latency = TimeSpan.FromMilliseconds(400);
        try
        {
            var executor = new OrleansRolloutExecutor(cluster.Client, "labels", maxParallelism: 24) { MaxAttempts = 20, RetryDelay = TimeSpan.FromMilliseconds(250) };
            var evaluation = EvaluateAsync(executor, examples);
            await Task.Delay(150); // every rollout is out, waiting on its model
            var victim = cluster.SecondarySilos[0];
            await cluster.KillSiloAsync(victim);

            var result = await evaluation;

            Assert.That(result.Rollouts.Select(r => r.ExampleId), Is.EqualTo(examples.Select(e => e.Id)), "every example once, in order");
            Assert.That(result.Rollouts.Select(r => (r.Output, r.Judgement.Score)), Is.EqualTo(expected.Rollouts.Select(r => (r.Output, r.Judgement.Score))));
            var survivors = cluster.GetActiveSilos().Select(s => s.SiloAddress.ToString()).ToList();
            Assert.That(result.Rollouts.Select(r => r.RanOn).Distinct(), Is.SubsetOf(survivors), "everything finished on a silo still alive (named as the cluster names it)");
            Assert.That(survivors, Has.None.EqualTo(victim.SiloAddress.ToString()));
            Assert.That(executor.Resent, Is.GreaterThan(0), "the rollouts that were on it were sent again");
        }
        finally
        {
            Cluster.Latency = TimeSpan.Zero;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<(List<string> Prompts, List<string?> Outputs, List<string> RanOn)> TrainCodeAsync(IRolloutExecutor? executor)
    {
        var agent = new CodeLabelAgent(Cluster.CodeModel.CreateClient());
        var optimizer = new OptoPrime(agent.TrainableParameters(), Cluster.CodeModel.CreateClient());
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), new ExactMatchGuide<string, string>(), optimizer,
            new TrainerOptions { BatchSize = 4, Seed = 1, MaxParallelism = 8, Executor = executor });
        var result = await trainer.TrainAsync(Cluster.Examples(12));
        var rollouts = result.Steps.SelectMany(s => s.Batch.Rollouts).ToList();
        return ([.. optimizer.Log.Select(s => s.Proposal.UserPrompt)], [.. rollouts.Select(r => r.Output)], [.. rollouts.Select(r => r.RanOn).Distinct()]);
    }

    private static Task<Evaluation> EvaluateAsync(IRolloutExecutor? executor, List<Example<string, string>> examples)
    {
        var agent = new LabelAgent(Cluster.Model.CreateClient());
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), new ExactMatchGuide<string, string>(),
            new OptoPrime(agent.TrainableParameters(), Cluster.Model.CreateClient()), new TrainerOptions { MaxParallelism = 24, Executor = executor });
        return trainer.EvaluateAsync(examples);
    }

    private static async Task<(List<string> Prompts, string Instruction, TrainingResult Result)> TrainAsync(IRolloutExecutor? executor)
    {
        var agent = new LabelAgent(Cluster.Model.CreateClient());
        var optimizer = new OptoPrime(agent.TrainableParameters(), Cluster.Model.CreateClient(), new OptoPrimeOptions { MemorySize = 2 });
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), new ExactMatchGuide<string, string>(), optimizer,
            new TrainerOptions { BatchSize = 6, Seed = 3, MaxParallelism = 8, KeepBest = false, Executor = executor });
        var result = await trainer.TrainAsync(Cluster.Examples(24), Cluster.Examples(6, offset: 100));
        return ([.. optimizer.Log.Select(s => s.Proposal.UserPrompt)], agent.Instruction, result);
    }
}
