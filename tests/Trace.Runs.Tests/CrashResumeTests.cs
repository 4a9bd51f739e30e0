using System.Diagnostics;
using Opto.Runs;

namespace Trace.Runs.Tests;

/// <summary>
/// Training in a real child process, killed with SIGKILL at seeded random points (before the first step, between
/// steps, and as a step's commit starts), then resumed: the store opens, the committed steps are exactly the first
/// steps of the run never interrupted, each once, and the resumed run ends with the same parameters.
/// </summary>
[NonParallelizable]
public class CrashResumeTests
{
    private const int Runs = 8;
    private const int KillsPerRun = 3;

    [Test]
    public async Task Runs_killed_at_random_points_resume_to_the_parameters_of_a_run_never_interrupted()
    {
        var reference = await RunStoreTests.UninterruptedAsync();
        var random = new Random(2026);
        var (kills, duringCommit, committedBeforeKill) = (0, 0, 0);

        for (var run = 0; run < Runs; run++)
        {
            using var directory = new RunDirectory();
            var runPath = Path.Combine(directory.Path, "run");
            var previous = 0;
            for (var attempt = 0; attempt < KillsPerRun; attempt++)
            {
                // A third of the kills at a random time, the others as the commit of a random later step starts.
                var target = attempt % 3 == 0 ? (int?)null : random.Next(previous + 1, DeterministicRun.Steps + 1);
                var outcome = await KillAsync(runPath, directory.File("final.json"), target, delayMs: random.Next(0, 400), spinIterations: random.Next(0, 20_000));
                if (outcome.Finished) break;
                kills++;
                if (outcome.InCommit) duringCommit++;

                var committed = Committed(runPath);
                Assert.That(committed, Is.EqualTo(reference.AfterEachStep.Take(committed.Count)),
                    $"run {run}, kill {attempt}: the committed steps are the first {committed.Count} of the run never interrupted, each once");
                Assert.That(committed, Has.Count.GreaterThanOrEqualTo(previous), "no committed step was lost");
                if (outcome.InCommit && committed.Count == target) committedBeforeKill++;
                previous = committed.Count;
            }

            var final = await RunToEndAsync(runPath, directory.File("final.json"));
            Assert.That(final, Does.Contain("done after"), final);
            Assert.That(File.ReadAllText(directory.File("final.json")), Is.EqualTo(reference.Final), $"run {run}: the same final parameters");
            using var finished = SqliteRunStore.OpenRead(runPath);
            Assert.That(finished.ReadSteps().Select(s => s.ParametersAfter), Is.EqualTo(reference.AfterEachStep), $"run {run}: every step once, as never interrupted");
            Assert.That(finished.ReadRun().Finish, Is.Not.Null);
        }

        await TestContext.Out.WriteLineAsync($"{kills} kills, {duringCommit} after a commit had started ({committedBeforeKill} of those found the step committed).");
        Assert.That(kills, Is.GreaterThanOrEqualTo(20));
        Assert.That(duringCommit, Is.GreaterThan(0), "some kills came while a commit was under way");
    }

    private static async Task<(bool Finished, bool InCommit)> KillAsync(string runPath, string finalPath, int? commitOf, int delayMs, int spinIterations)
    {
        using var worker = Start(runPath, finalPath);
        var started = Stopwatch.StartNew();
        var inCommit = false;
        if (commitOf is null)
        {
            var exited = worker.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(delayMs)) == exited) return (true, false);
            worker.Kill();
        }
        else
        {
            while (await worker.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == $"commit {commitOf}")
                {
                    Thread.SpinWait(spinIterations);
                    worker.Kill();
                    inCommit = true;
                    break;
                }
            }
        }

        await worker.WaitForExitAsync();
        var rest = await worker.StandardOutput.ReadToEndAsync();
        // The worker may have printed the step committed before the signal landed.
        if (rest.Contains($"committed {commitOf}", StringComparison.Ordinal)) inCommit = false;
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), "the worker ran");
        return (rest.Contains("done after", StringComparison.Ordinal), inCommit);
    }

    // Killed before it created its store, or before its tables, a run has committed nothing.
    private static List<string> Committed(string runPath)
    {
        if (!File.Exists(Path.Combine(runPath, SqliteRunStore.FileName))) return [];
        SqliteRunStore store;
        try
        {
            store = SqliteRunStore.OpenRead(runPath);
        }
        catch (RunStoreException e) when (e.Message.Contains("holds no run yet", StringComparison.Ordinal))
        {
            return [];
        }

        using var opened = store;
        var steps = store.ReadSteps();
        Assert.That(steps.All(s => s.Batch.Rollouts.Count == DeterministicRun.BatchSize && s.Graphs.Count == DeterministicRun.BatchSize && s.Validation is not null),
            Is.True, "every committed step is whole: its rollouts, graphs and validation");
        return [.. steps.Select(s => s.ParametersAfter)];
    }

    private static async Task<string> RunToEndAsync(string runPath, string finalPath)
    {
        using var worker = Start(runPath, finalPath);
        var output = await worker.StandardOutput.ReadToEndAsync();
        var errors = await worker.StandardError.ReadToEndAsync();
        await worker.WaitForExitAsync();
        Assert.That(worker.ExitCode, Is.Zero, errors);
        return output;
    }

    private static Process Start(string runPath, string finalPath)
    {
        var assembly = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "train", runPath, finalPath }) info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException("The training worker did not start.");
    }
}
