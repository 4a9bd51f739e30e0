using Microsoft.Data.Sqlite;
using Opto;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Training;

namespace Trace.Runs.Tests;

/// <summary>The SQLite run store with real database files: what a run keeps, checkpoints, resuming, and bad files.</summary>
public class RunStoreTests
{
    [Test]
    public async Task Every_step_is_committed_with_its_scores_prompts_parameters_and_graphs_and_reads_back()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        TrainingResult result;
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store);
            result = await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
        }

        using var read = SqliteRunStore.OpenRead(directory.Path);
        var run = read.ReadRun();
        var steps = read.ReadSteps();

        Assert.That(run.Steps.Select(s => s.Number), Is.EqualTo(Enumerable.Range(1, DeterministicRun.Steps)));
        Assert.That(run.Steps.Select(s => s.BatchScore), Is.EqualTo(result.Steps.Select(s => s.Batch.MeanScore)));
        Assert.That(run.Steps.Select(s => s.ValidationScore), Is.EqualTo(result.Steps.Select(s => (double?)s.Validation!.MeanScore)));
        Assert.That(run.InitialValidation!.Rollouts.Select(r => r.ExampleId), Is.EqualTo(new[] { "v1", "v2", "v3", "v4" }));
        Assert.That(run.Finish!.Steps, Is.EqualTo(DeterministicRun.Steps));
        Assert.That(run.Description.Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "RunAgent.Instruction", "RunAgent.Attempts" }));
        Assert.That(run.Description.Algorithm, Is.EqualTo("minibatch"));

        for (var i = 0; i < steps.Count; i++)
        {
            Assert.That(steps[i].Log.UserPrompt, Is.EqualTo(result.Steps[i].Log.Proposal.UserPrompt), $"step {i + 1}'s prompt");
            Assert.That(steps[i].Log.RawAnswer, Does.StartWith("{\"reasoning\""));
            Assert.That(steps[i].Batch.Rollouts.Select(r => (r.ExampleId, r.Output, r.Judgement.Score)),
                Is.EqualTo(result.Steps[i].Batch.Rollouts.Select(r => (r.ExampleId, r.Output, r.Judgement.Score))));
            Assert.That(steps[i].Graphs, Has.Count.EqualTo(DeterministicRun.BatchSize));
            var graph = steps[i].Graphs[0];
            Assert.That(graph.Nodes.Select(n => (n.Kind, n.Name)), Is.EquivalentTo(new[] { ("input", "ticket0"), ("parameter", "RunAgent.Instruction"), ("parameter", "RunAgent.Attempts"), ("call", "classify0") }),
                "the output and what it came from: the ticket and the members its body read");
            Assert.That(graph.Nodes[graph.Output].Value, Is.EqualTo($"\"{steps[i].Batch.Rollouts[0].Output}\""), "the value as the optimizer showed it");
            Assert.That(graph.Nodes[graph.Output].Parents.Select(p => graph.Nodes[p].Name), Is.EquivalentTo(new[] { "ticket0", "RunAgent.Instruction", "RunAgent.Attempts" }));
            Assert.That(steps[i].Batch.Rollouts.Select(r => r.RanOn), Is.All.EqualTo("this process"));
            Assert.That(steps[i].Usage.Optimizer.TotalTokenCount, Is.GreaterThan(0));
            if (i > 0) Assert.That(steps[i].ParametersBefore, Is.EqualTo(steps[i - 1].ParametersAfter), "each step starts where the last ended");
        }

        Assert.That(steps.SelectMany(s => s.Log.Rejected), Is.Not.Empty, "the scripted optimizer's type errors were kept");
    }

    [Test]
    public async Task The_best_and_the_last_parameters_export_as_parameter_files_an_application_loads()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        RunAgent trained;
        TrainingResult result;
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, agent, _) = DeterministicRun.Create(model, store);
            result = await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
            trained = agent;
        }

        using var read = SqliteRunStore.OpenRead(directory.Path);
        var bestStep = read.ExportParameters(CheckpointKind.Best, directory.File("best.json"));
        var lastStep = read.ExportParameters(CheckpointKind.Last, directory.File("last.json"));
        var best = new RunAgent(model.CreateClient());
        var last = new RunAgent(model.CreateClient());
        ParameterStore.Load(best.TrainableParameters(), directory.File("best.json"));
        ParameterStore.Load(last.TrainableParameters(), directory.File("last.json"));

        Assert.That(bestStep, Is.EqualTo(result.BestStep));
        Assert.That(lastStep, Is.EqualTo(DeterministicRun.Steps));
        Assert.That((best.Instruction, best.Attempts), Is.EqualTo((trained.Instruction, trained.Attempts)), "the run restored its best parameters at the end");
        var lastValues = read.ReadStep(lastStep)!.ParametersAfter;
        Assert.That(ParameterStore.ToJson(last.TrainableParameters()), Is.EqualTo(lastValues));
        Assert.That(last.Instruction, Does.StartWith("Label it, variant"));
    }

    [Test]
    public async Task A_run_cancelled_half_way_resumes_to_the_parameters_of_an_uninterrupted_run()
    {
        var reference = await UninterruptedAsync();
        using var directory = new RunDirectory();
        using var cancellation = new CancellationTokenSource();
        await using (var model = DeterministicRun.Model())
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store);
            var progress = new Reporter(p => { if (p.Step == 5) cancellation.Cancel(); });
            Assert.That(async () => await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), progress, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        }

        await using var resumedModel = DeterministicRun.Model();
        using var resumedStore = SqliteRunStore.Open(directory.Path);
        var (resumed, agent, optimizer) = DeterministicRun.Create(resumedModel, resumedStore);
        var result = await resumed.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());

        Assert.That(result.ResumedAfter, Is.EqualTo(5));
        Assert.That(result.Steps.Select(s => s.Number), Is.EqualTo(Enumerable.Range(6, DeterministicRun.Steps - 5)));
        Assert.That(optimizer.Log[0].Step, Is.EqualTo(6), "the optimizer numbers its steps on");
        Assert.That(ParameterStore.ToJson(agent.TrainableParameters()), Is.EqualTo(reference.Final));
        Assert.That(resumedStore.ReadSteps().Select(s => s.ParametersAfter), Is.EqualTo(reference.AfterEachStep), "every step as in the run never interrupted");
    }

    [Test]
    public async Task A_store_of_another_run_lists_every_difference_and_loads_nothing()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store);
            Assert.ThrowsAsync<OperationCanceledException>(() => trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), new Reporter(p => { if (p.Step == 1) throw new OperationCanceledException(); })));
        }

        // The same names, but Attempts is now text, Instruction is gone, Tone is new; and the data and batch size differ.
        var attempts = new Parameter<string>("one", "RunAgent.Attempts");
        var tone = new Parameter<string>("warm", "RunAgent.Tone");
        using var reopened = SqliteRunStore.Open(directory.Path);
        var other = new Trainer<string, string, string>((t, _) => Task.FromResult(attempts.Value + t), new ExactMatchGuide<string, string>(),
            new OptoPrime([attempts, tone], model.CreateClient()), DeterministicRun.Options(reopened) with { BatchSize = 3 });

        var error = Assert.ThrowsAsync<RunMismatchException>(() => other.TrainAsync(DeterministicRun.Train().Take(20).ToList(), DeterministicRun.Validation()));

        Assert.That(error!.Differences, Has.Count.EqualTo(5), error.Message);
        Assert.That(error.Message, Does.Contain("parameter 'RunAgent.Attempts' was int and is now string"));
        Assert.That(error.Message, Does.Contain("parameter 'RunAgent.Instruction' (string) is in the store but not in the code"));
        Assert.That(error.Message, Does.Contain("parameter 'RunAgent.Tone' (string) is in the code but not in the store"));
        Assert.That(error.Message, Does.Contain("the option batchSize was 2 and is now 3"));
        Assert.That(error.Message, Does.Contain("the data differ: 24 training and 4 validation examples"));
        Assert.That((attempts.Value, tone.Value), Is.EqualTo(("one", "warm")), "nothing was loaded");
        Assert.That(reopened.ReadRun().Steps, Has.Count.EqualTo(1), "and nothing was written");
    }

    [Test]
    public async Task A_full_disk_during_a_commit_stops_the_run_clearly_keeps_every_earlier_step_and_the_run_resumes()
    {
        var reference = await UninterruptedAsync();
        using var directory = new RunDirectory();
        await using (var model = DeterministicRun.Model())
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store);
            var progress = new Reporter(p => { if (p.Step == 3) store.LimitGrowth(pages: 1); });
            var error = Assert.ThrowsAsync<RunStoreException>(() => trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), progress));
            Assert.That(error!.Message, Does.Contain("Could not commit step 4 to the run store").And.Contain("the disk or the database is full").And.Contain("Every step committed before is intact"));
        }

        using (var read = SqliteRunStore.OpenRead(directory.Path))
        {
            var steps = read.ReadSteps();
            Assert.That(steps.Select(s => s.Number), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(steps.All(s => s.Graphs.Count == DeterministicRun.BatchSize && s.Batch.Rollouts.Count == DeterministicRun.BatchSize), Is.True);
        }

        await using var resumedModel = DeterministicRun.Model();
        using var resumedStore = SqliteRunStore.Open(directory.Path);
        var (resumed, agent, _) = DeterministicRun.Create(resumedModel, resumedStore);
        var result = await resumed.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
        Assert.That(result.ResumedAfter, Is.EqualTo(3));
        Assert.That(ParameterStore.ToJson(agent.TrainableParameters()), Is.EqualTo(reference.Final));
        Assert.That(resumedStore.ReadSteps().Select(s => s.ParametersAfter), Is.EqualTo(reference.AfterEachStep));
    }

    [Test]
    public void A_second_trainer_on_the_same_run_a_damaged_file_and_a_foreign_database_are_refused_clearly()
    {
        using var directory = new RunDirectory();
        using (SqliteRunStore.Open(directory.Path))
        {
            var busy = Assert.Throws<RunStoreException>(() => SqliteRunStore.Open(directory.Path));
            Assert.That(busy!.Message, Does.Contain("Another process is training the run in"));
        }

        using var damaged = new RunDirectory();
        File.WriteAllBytes(damaged.File(SqliteRunStore.FileName), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        var corrupt = Assert.Throws<RunStoreException>(() => SqliteRunStore.Open(damaged.Path));
        Assert.That(corrupt!.Message, Does.Contain("the file is not a database or is damaged"));

        using var foreign = new RunDirectory();
        using (var connection = new SqliteConnection($"Data Source={foreign.File(SqliteRunStore.FileName)};Pooling=false"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY)";
            create.ExecuteNonQuery();
        }

        var notOurs = Assert.Throws<RunStoreException>(() => SqliteRunStore.Open(foreign.Path));
        Assert.That(notOurs!.Message, Does.Contain("is an SQLite database but not a run store"));
        var missing = Assert.Throws<RunStoreException>(() => SqliteRunStore.OpenRead(Path.Combine(foreign.Path, "nothing")));
        Assert.That(missing!.Message, Does.Contain("holds no run store"));
    }

    [Test]
    public async Task A_database_locked_by_another_program_stops_the_commit_clearly_and_keeps_the_earlier_steps()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using var store = SqliteRunStore.Open(directory.Path, lockTimeout: TimeSpan.FromSeconds(1));
        using var other = new SqliteConnection($"Data Source={directory.File(SqliteRunStore.FileName)};Pooling=false");
        SqliteTransaction? holding = null;
        var (trainer, _, _) = DeterministicRun.Create(model, store);
        var progress = new Reporter(p =>
        {
            if (p.Step != 2) return;
            other.Open();
            holding = other.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: holds the write lock
        });

        var error = Assert.ThrowsAsync<RunStoreException>(() => trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), progress));
        holding!.Rollback();

        Assert.That(error!.Message, Does.Contain("Could not commit step 3 to the run store").And.Contain("locked by another connection"));
        Assert.That(store.ReadRun().Steps.Select(s => s.Number), Is.EqualTo(new[] { 1, 2 }));
    }

    // The final parameters and the parameters after each step of the run never interrupted.
    internal static async Task<(string Final, IReadOnlyList<string> AfterEachStep)> UninterruptedAsync()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using var store = SqliteRunStore.Open(directory.Path);
        var (trainer, agent, _) = DeterministicRun.Create(model, store);
        await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
        return (ParameterStore.ToJson(agent.TrainableParameters()), [.. store.ReadSteps().Select(s => s.ParametersAfter)]);
    }
}
