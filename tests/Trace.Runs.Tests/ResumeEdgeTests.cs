using Microsoft.Data.Sqlite;
using Opto;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Runs.Reports;
using Opto.Training;

namespace Trace.Runs.Tests;

/// <summary>The edges of keeping and resuming a run: finished runs, early stopping, cancelling, readers, damaged records.</summary>
public class ResumeEdgeTests
{
    [Test]
    public async Task Training_a_finished_run_again_changes_nothing_and_puts_its_final_parameters_back()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        string final;
        RunFinish finish;
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, agent, _) = DeterministicRun.Create(model, store);
            await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
            final = ParameterStore.ToJson(agent.TrainableParameters());
            finish = store.ReadRun().Finish!;
        }

        var finishedAt = Read(directory, "SELECT finished_at FROM run");
        using var again = SqliteRunStore.Open(directory.Path);
        var (rerun, fresh, optimizer) = DeterministicRun.Create(model, again);
        var result = await rerun.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());

        Assert.That((result.ResumedAfter, result.Steps.Count, result.BestStep, result.RestoredBest), Is.EqualTo((DeterministicRun.Steps, 0, finish.BestStep, finish.RestoredBest)));
        Assert.That(ParameterStore.ToJson(fresh.TrainableParameters()), Is.EqualTo(final));
        Assert.That(optimizer.Log, Is.Empty, "no model was asked");
        Assert.That(Read(directory, "SELECT finished_at FROM run"), Is.EqualTo(finishedAt), "the stored finish stays");
        Assert.That(result.Usage.Total.TotalTokenCount, Is.EqualTo(again.ReadRun().Steps.Sum(s => s.Usage.Total.TotalTokenCount ?? 0) + (result.InitialValidation!.Usage.Total.TotalTokenCount ?? 0)));
        Assert.That(result.Usage.Total.TotalTokenCount, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_run_that_stops_early_stops_at_the_same_step_after_a_resume_and_restores_the_same_best()
    {
        static TrainerOptions Patient(TrainerOptions options) => options with { Patience = 2, Epochs = 3 };
        await using var model = DeterministicRun.Model();
        using var reference = new RunDirectory();
        TrainingResult whole;
        string wholeFinal;
        using (var store = SqliteRunStore.Open(reference.Path))
        {
            var (trainer, agent, _) = DeterministicRun.Create(model, store, adjust: Patient);
            whole = await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
            wholeFinal = ParameterStore.ToJson(agent.TrainableParameters());
        }

        Assume.That(whole.StoppedEarly && whole.BestStep < whole.Steps.Count - 1, "the scripted run stops early after a best step that is not its last");
        using var directory = new RunDirectory();
        var stopAt = whole.BestStep + 1; // after the best step: the resumed part must restore a step from before the resume
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store, adjust: Patient);
            Assert.ThrowsAsync<OperationCanceledException>(() => trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(),
                new Reporter(p => { if (p.Step == stopAt) throw new OperationCanceledException(); })));
        }

        using var resumedStore = SqliteRunStore.Open(directory.Path);
        var (resumed, resumedAgent, _) = DeterministicRun.Create(model, resumedStore, adjust: Patient);
        var progress = new List<TrainingProgress>();
        var result = await resumed.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), new Reporter(progress.Add));

        Assert.That((result.StoppedEarly, result.BestStep, result.RestoredBest), Is.EqualTo((true, whole.BestStep, true)));
        Assert.That(result.ResumedAfter + result.Steps.Count, Is.EqualTo(whole.Steps.Count));
        Assert.That(ParameterStore.ToJson(resumedAgent.TrainableParameters()), Is.EqualTo(wholeFinal), "the best step, from before the resume, was restored");
        Assert.That(progress.Select(p => p.ResumedAfter), Is.All.EqualTo(stopAt));
        Assert.That(progress[0].Usage.Optimizer.TotalTokenCount, Is.GreaterThan(result.Steps[0].Usage.Optimizer.TotalTokenCount ?? 0), "the tokens of the steps before the resume count");
    }

    [Test]
    public async Task Cancelling_in_the_middle_of_a_step_keeps_the_steps_before_it_committed_and_the_parameters_they_ended_with()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using var cancellation = new CancellationTokenSource();
        using var store = SqliteRunStore.Open(directory.Path);
        // Cancelled as step 2's first rollout is judged.
        var judged = 0;
        var agent = new RunAgent(model.CreateClient());
        var guided = new Trainer<string, string, string>((t, token) => agent.ClassifyAsync(t), new LambdaGuide<string, string, string>((example, output) =>
        {
            if (Interlocked.Increment(ref judged) == 4 + 2 + 4 + 1) cancellation.Cancel(); // baseline (4), step 1's batch (2) and validation (4), step 2's first
            return new Judgement(output == example.Expected ? 1 : 0, $"Expected {example.Expected}.", output == example.Expected);
        }), new OptoPrime(agent.TrainableParameters(), model.CreateClient()), DeterministicRun.Options(store) with { MaxParallelism = 1 });

        Assert.That(async () => await guided.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), cancellationToken: cancellation.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(store.ReadRun().Steps.Select(s => s.Number), Is.EqualTo(new[] { 1 }));
        Assert.That(store.ReadRun().InitialValidation, Is.Not.Null);
        Assert.That(ParameterStore.ToJson(agent.TrainableParameters()), Is.EqualTo(store.ReadStep(1)!.ParametersAfter), "memory and store agree");
    }

    [Test]
    public async Task A_run_without_validation_has_no_best_parameters_to_export_and_says_to_export_the_last()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using var store = SqliteRunStore.Open(directory.Path);
        var (trainer, _, _) = DeterministicRun.Create(model, store);
        await trainer.TrainAsync(DeterministicRun.Train());

        var error = Assert.Throws<RunStoreException>(() => store.ExportParameters(CheckpointKind.Best, directory.File("best.json")));
        var last = store.ExportParameters(CheckpointKind.Last, directory.File("last.json"));

        Assert.That(error!.Message, Does.Contain("trained without a validation set").And.Contain("export the last ones"));
        Assert.That(File.Exists(directory.File("best.json")), Is.False);
        Assert.That(last, Is.EqualTo(DeterministicRun.Steps));
    }

    [Test]
    public async Task A_reader_opened_while_the_run_trains_reads_committed_steps_and_cannot_write()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using var store = SqliteRunStore.Open(directory.Path);
        var seen = new List<int>();
        var (trainer, _, _) = DeterministicRun.Create(model, store);
        await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), new Reporter(p =>
        {
            if (p.Step % 4 != 0) return;
            using var reader = SqliteRunStore.OpenRead(directory.Path);
            seen.Add(reader.ReadRunAndSteps().Steps.Count);
        }));

        using var read = SqliteRunStore.OpenRead(directory.Path);
        var write = Assert.ThrowsAsync<InvalidOperationException>(() => read.FinishAsync(new RunFinish(0, 0, false, false, "{}"), default).AsTask());

        Assert.That(seen, Is.EqualTo(new[] { 4, 8, 12 }), "each reader saw every step committed so far");
        Assert.That(write!.Message, Does.Contain("opened to read"));
    }

    [Test]
    public async Task A_damaged_record_is_a_clear_error_not_a_parser_s_exception()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store);
            await trainer.TrainAsync(DeterministicRun.Train().Take(4).ToList(), DeterministicRun.Validation());
        }

        Execute(directory, "UPDATE steps SET state = '{\"bestStep\": ' WHERE number = 2");
        using var read = SqliteRunStore.OpenRead(directory.Path);

        var error = Assert.Throws<RunStoreException>(() => read.ReadSteps());
        Assert.That(error!.Message, Does.Contain("a record in it is damaged").And.Contain("step 2's trainer state"));
        Assert.That(read.ReadStep(1), Is.Not.Null, "the other steps still read");
    }

    [Test]
    public async Task A_run_resumed_before_its_first_step_starts_from_the_parameters_it_was_measured_with()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var (trainer, _, _) = DeterministicRun.Create(model, store);
            Assert.ThrowsAsync<OperationCanceledException>(() => trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(),
                new Reporter(_ => throw new OperationCanceledException())));
            Execute(directory, "DELETE FROM steps; DELETE FROM rollouts WHERE step > 0; DELETE FROM graphs;"); // as if it stopped before step 1's commit
        }

        using var resumedStore = SqliteRunStore.Open(directory.Path);
        var (resumed, agent, _) = DeterministicRun.Create(model, resumedStore);
        agent.Instruction = "Changed in the code since the run started.";
        var result = await resumed.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());

        var reference = await RunStoreTests.UninterruptedAsync();
        Assert.That(result.ResumedAfter, Is.Zero);
        Assert.That(resumedStore.ReadSteps().Select(s => s.ParametersAfter), Is.EqualTo(reference.AfterEachStep), "the run went on from the stored starting values");
    }

    [Test]
    public async Task The_report_encodes_every_text_it_shows_and_draws_an_empty_graph()
    {
        using var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        const string hostile = "</p><script>alert('x')</script><img src=x onerror=alert(1)>";
        using (var store = SqliteRunStore.Open(directory.Path))
        {
            var instruction = new Parameter<string>(hostile, "Hostile" + hostile);
            var trainer = new Trainer<string, string, string>((input, _) => Task.FromResult(hostile + input), // no traced call: an empty graph
                new LambdaGuide<string, string, string>((_, _) => new Judgement(0, hostile, false)), new OptoPrime([instruction], model.CreateClient()),
                DeterministicRun.Options(store));
            await trainer.TrainAsync([new("a", "b", hostile), new("c", "d", "second")], [new("e", "f", hostile)]);
        }

        using var read = SqliteRunStore.OpenRead(directory.Path);
        var page = RunReport.Render(read);

        Assert.That(page, Does.Not.Contain("<script").And.Not.Contain("<img"));
        Assert.That(page, Does.Contain("&lt;/p&gt;&lt;script&gt;"));
        Assert.That(page, Does.Contain("Laid out by nobody (it is empty)"));
    }

    private static object? Read(RunDirectory directory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={directory.File(SqliteRunStore.FileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(RunDirectory directory, string sql) => Read(directory, sql);
}
