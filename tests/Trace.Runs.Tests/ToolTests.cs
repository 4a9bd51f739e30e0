using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Opto;
using Opto.Runs;
using Opto.Training;

namespace Trace.Runs.Tests;

/// <summary>The opto tool run as a child process, as a user runs it, against stores the deterministic run trained.</summary>
public partial class ToolTests
{
    private const string Unfinished = "unfinished (resume by training again with the same store)";

    [Test]
    public async Task List_shows_each_run_under_the_root_with_its_steps_best_score_status_and_optimizer()
    {
        using var root = new RunDirectory();
        var finished = Path.Combine(root.Path, "finished");
        var stopped = Path.Combine(root.Path, "nested", "stopped");
        await TrainAsync(finished);
        await TrainUntilCancelledAsync(stopped, afterStep: 5);

        var (code, output, error) = await RunToolAsync("list", root.Path);

        Assert.That((code, error), Is.EqualTo((0, "")));
        var lines = Lines(output);
        Assert.That(lines, Has.Length.EqualTo(3), output);
        Assert.That(Cells(lines[0]), Is.EqualTo(new[] { "RUN", "STARTED (UTC)", "STEPS", "BEST", "STATUS", "OPTIMIZER" }));
        using var store = SqliteRunStore.OpenRead(finished);
        var run = store.ReadRun();
        var row = Cells(lines[1]);
        Assert.That(row[0], Is.EqualTo("finished"));
        Assert.That(row[1], Is.EqualTo(run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        Assert.That(row[2], Is.EqualTo(DeterministicRun.Steps.ToString(CultureInfo.InvariantCulture)));
        Assert.That(Number(row[3]), Is.EqualTo(run.BestValidationScore!.Value).Within(0.0005));
        Assert.That(row[4..], Is.EqualTo(new[] { "finished", "OptoPrime" }));
        var other = Cells(lines[2]);
        Assert.That((other[0], other[2], other[4]), Is.EqualTo((Path.Combine("nested", "stopped"), "5", "unfinished")));
    }

    [Test]
    public async Task Report_writes_the_run_s_page_into_its_directory_or_where_asked()
    {
        using var directory = new RunDirectory();
        await TrainAsync(directory.Path);

        var (code, output, error) = await RunToolAsync("report", directory.Path, "--no-graphviz");
        var (elsewhereCode, _, _) = await RunToolAsync("report", directory.Path, "-o", directory.File("elsewhere.html"));

        Assert.That((code, error, elsewhereCode), Is.EqualTo((0, "", 0)));
        var page = File.ReadAllText(Path.Combine(directory.Path, "report.html"));
        Assert.That(output, Does.Contain($"to '{Path.Combine(directory.Path, "report.html")}'"));
        Assert.That(page, Does.StartWith("<!DOCTYPE html>").And.Contain("Laid out by the built-in layout"));
        Assert.That(File.ReadAllText(directory.File("elsewhere.html")), Does.Contain($"<a href=\"#step-{DeterministicRun.Steps}\">"));
    }

    [Test]
    public async Task Show_lists_the_description_and_every_step_with_the_scores_and_changes_the_store_holds()
    {
        using var directory = new RunDirectory();
        await TrainAsync(directory.Path);

        var (code, output, error) = await RunToolAsync("show", directory.Path);

        Assert.That((code, error), Is.EqualTo((0, "")));
        using var store = SqliteRunStore.OpenRead(directory.Path);
        var run = store.ReadRun();
        Assert.That(output, Does.Contain("Algorithm:   minibatch").And.Contain("Optimizer:   OptoPrime"));
        Assert.That(output, Does.Contain("RunAgent.Instruction (string)").And.Contain("RunAgent.Attempts (int)"));
        Assert.That(output, Does.Contain("Examples:    24 training, 4 validation").And.Contain("batchSize=2").And.Contain("seed=17"));
        Assert.That(Number(Regex.Match(output, @"Baseline:\s+validation (\S+)").Groups[1].Value), Is.EqualTo(run.InitialValidation!.MeanScore).Within(0.0005));

        var lines = Lines(output);
        var header = Array.FindIndex(lines, l => l.StartsWith("STEP", StringComparison.Ordinal));
        Assert.That(Cells(lines[header]), Is.EqualTo(new[] { "STEP", "EPOCH", "BATCH", "VALIDATION", "REJECTED", "REQUESTS", "TOKENS", "ELAPSED", "APPLIED" }));
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).Select(Cells).ToList();
        Assert.That(rows, Has.Count.EqualTo(run.Steps.Count).And.Count.EqualTo(DeterministicRun.Steps));
        for (var i = 0; i < rows.Count; i++)
        {
            var step = run.Steps[i];
            var commit = store.ReadStep(step.Number)!;
            var applied = commit.Log.Applied.Count == 0 ? "-" : string.Join(", ", commit.Log.Applied.Select(c => c.Name));
            Assert.That(rows[i][0], Is.EqualTo(step.Number.ToString(CultureInfo.InvariantCulture)));
            Assert.That(rows[i][1], Is.EqualTo(step.Epoch.ToString(CultureInfo.InvariantCulture)));
            Assert.That(Number(rows[i][2]), Is.EqualTo(step.BatchScore).Within(0.0005), $"step {step.Number}'s batch score");
            Assert.That(Number(rows[i][3]), Is.EqualTo(step.ValidationScore!.Value).Within(0.0005), $"step {step.Number}'s validation score");
            Assert.That(rows[i][4], Is.EqualTo(commit.Log.Rejected.Count.ToString(CultureInfo.InvariantCulture)));
            Assert.That(rows[i][5], Is.EqualTo(commit.Log.Proposal.NotSentReason is null ? "1" : "0"), "OptoPrime asks once per step");
            Assert.That(rows[i][6], Is.EqualTo(step.Usage.Total.TotalTokenCount!.Value.ToString(CultureInfo.InvariantCulture)));
            Assert.That(rows[i][8], Is.EqualTo(applied));
        }

        Assert.That(rows.Select(r => r[8]), Has.Some.EqualTo("-").And.Some.Contains("RunAgent.Instruction"), "some steps applied changes, some had theirs rejected");
        Assert.That(output, Does.Contain("Status:      finished ").And.Contain($"after 12 steps; best step {run.Finish!.BestStep};").And.Not.Contain(Unfinished));
    }

    [Test]
    public async Task Show_counts_every_request_a_search_step_made()
    {
        using var directory = new RunDirectory();
        await using (var model = DeterministicRun.Model())
        {
            using var store = SqliteRunStore.Open(directory.Path);
            var (trainer, _, _) = DeterministicRun.Create(model, store, adjust: o => o with { Proposals = 2, Epochs = 1 });
            await trainer.TrainAsync(DeterministicRun.Train().Take(4).ToList(), DeterministicRun.Validation());
        }

        var (code, output, _) = await RunToolAsync("show", directory.Path);

        Assert.That(code, Is.Zero);
        var lines = Lines(output);
        var header = Array.FindIndex(lines, l => l.StartsWith("STEP", StringComparison.Ordinal));
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).Select(Cells).ToList();
        Assert.That(rows.Select(r => r[5]), Has.All.EqualTo("2"), "two proposals asked per step, whichever was applied");
    }

    [Test]
    public async Task Export_writes_the_parameters_the_store_exports_and_says_which_step_they_come_from()
    {
        using var directory = new RunDirectory();
        await TrainAsync(directory.Path);
        using var store = SqliteRunStore.OpenRead(directory.Path);
        var bestStep = store.ExportParameters(CheckpointKind.Best, directory.File("expected-best.json"));
        var lastStep = store.ExportParameters(CheckpointKind.Last, directory.File("expected-last.json"));

        var best = await RunToolAsync("export", directory.Path, "--best", "--output", directory.File("best.json"));
        var last = await RunToolAsync("export", directory.Path, "--last", "-o", directory.File("last.json"));
        var byDefault = await RunToolAsync("export", directory.Path, "--output", directory.File("default.json"));

        Assert.That((best.Code, best.Error, last.Code, last.Error, byDefault.Code), Is.EqualTo((0, "", 0, "", 0)));
        Assert.That(best.Output, Does.Contain($"best parameters, from step {bestStep},"));
        Assert.That(last.Output, Does.Contain($"last parameters, from step {lastStep},"));
        Assert.That(bestStep, Is.Not.EqualTo(lastStep), "the two exports differ, so each comparison tells them apart");
        Assert.That(File.ReadAllText(directory.File("best.json")), Is.EqualTo(File.ReadAllText(directory.File("expected-best.json"))));
        Assert.That(File.ReadAllText(directory.File("last.json")), Is.EqualTo(File.ReadAllText(directory.File("expected-last.json"))));
        Assert.That(File.ReadAllText(directory.File("default.json")), Is.EqualTo(File.ReadAllText(directory.File("expected-best.json"))));

        await using var model = DeterministicRun.Model();
        var agent = new RunAgent(model.CreateClient());
        ParameterStore.Load(agent.TrainableParameters(), directory.File("best.json"));
        Assert.That(ParameterStore.ToJson(agent.TrainableParameters()), Is.EqualTo(bestStep == 0 ? store.ReadRun().Description.InitialParameters : store.ReadStep(bestStep)!.ParametersAfter));
    }

    [Test]
    public async Task Both_best_and_last_is_a_usage_error()
    {
        using var directory = new RunDirectory();
        await TrainAsync(directory.Path);

        var (code, _, error) = await RunToolAsync("export", directory.Path, "--best", "--last", "--output", directory.File("both.json"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("not both"));
        Assert.That(File.Exists(directory.File("both.json")), Is.False);
    }

    [Test]
    public async Task A_directory_that_is_not_a_run_store_or_a_damaged_one_fails_with_the_message_on_stderr_and_exit_code_1()
    {
        using var empty = new RunDirectory();
        var expected = Assert.Throws<RunStoreException>(() => SqliteRunStore.OpenRead(empty.Path))!.Message;
        using var damaged = new RunDirectory();
        File.WriteAllBytes(damaged.File(SqliteRunStore.FileName), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);

        var show = await RunToolAsync("show", empty.Path);
        var export = await RunToolAsync("export", empty.Path, "--output", empty.File("out.json"));
        var broken = await RunToolAsync("show", damaged.Path);
        var missing = await RunToolAsync("list", Path.Combine(empty.Path, "nothing"));

        Assert.That((show.Code, show.Output, show.Error.Trim()), Is.EqualTo((1, "", expected)));
        Assert.That((export.Code, export.Error.Trim()), Is.EqualTo((1, expected)));
        Assert.That(File.Exists(empty.File("out.json")), Is.False);
        Assert.That(broken.Code, Is.EqualTo(1));
        Assert.That(broken.Error, Does.Contain("the file is not a database or is damaged"));
        Assert.That(missing.Code, Is.EqualTo(1));
        Assert.That(missing.Error, Does.Contain("does not exist"));
        foreach (var error in new[] { show.Error, export.Error, broken.Error, missing.Error })
        {
            Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
        }
    }

    [Test]
    public async Task An_unfinished_run_says_it_is_unfinished_and_how_to_resume_it()
    {
        using var directory = new RunDirectory();
        await TrainUntilCancelledAsync(directory.Path, afterStep: 5);

        var (code, output, error) = await RunToolAsync("show", directory.Path);

        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain($"Status:      {Unfinished}"));
        Assert.That(Lines(output).Count(l => StepRow().IsMatch(l)), Is.EqualTo(5));
    }

    private static async Task TrainAsync(string directory)
    {
        var result = await DeterministicRun.TrainAsync(directory, Path.Combine(directory, "final.json"), TextWriter.Null);
        Assert.That(result.Steps, Has.Count.EqualTo(DeterministicRun.Steps));
    }

    private static async Task TrainUntilCancelledAsync(string directory, int afterStep)
    {
        using var cancellation = new CancellationTokenSource();
        await using var model = DeterministicRun.Model();
        using var store = SqliteRunStore.Open(directory);
        var (trainer, _, _) = DeterministicRun.Create(model, store);
        var progress = new Reporter(p => { if (p.Step == afterStep) cancellation.Cancel(); });
        Assert.That(async () => await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(), progress, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private static async Task<(int Code, string Output, string Error)> RunToolAsync(params string[] arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "Opto.Runs.Tool.dll");
        Assert.That(File.Exists(tool), Is.True, $"the tool is built next to the tests: {tool}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(tool);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The tool did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await error);
    }

    private static string[] Lines(string output) => output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private static string[] Cells(string line) => TwoSpacesOrMore().Split(line.Trim());

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex TwoSpacesOrMore();

    [GeneratedRegex(@"^\d+\s{2,}\d+\s{2,}\d\.\d{3}\s")]
    private static partial Regex StepRow();
}
