using System.CommandLine;
using System.Text.Json.Nodes;
using Opto.Training;

namespace Opto.Runs.Tool;

/// <summary><c>opto show &lt;run-dir&gt;</c>: a run's description, baseline, steps and how it finished.</summary>
internal static class ShowCommand
{
    public const string Unfinished = "unfinished (resume by training again with the same store)";

    public static Command Create()
    {
        var directory = new Argument<string>("run-dir") { Description = "The run's directory (the one holding its run.db)." };
        var command = new Command("show", "Shows a run: what it trains and how, the validation before training, each step's scores, changes, tokens and time, and how it finished.")
        {
            directory,
        };
        command.SetAction(parsed => Failures.Guard(parsed, output => Run(parsed.GetRequiredValue(directory), output)));
        return command;
    }

    private static int Run(string directory, TextWriter output)
    {
        using var store = SqliteRunStore.OpenRead(directory);
        var (run, all) = store.ReadRunAndSteps();
        var steps = all.ToDictionary(s => s.Number);
        WriteDescription(run, output);
        output.WriteLine();
        WriteSteps(run, steps, output);
        output.WriteLine();
        output.WriteLine($"Status:      {Status(run)}");
        return 0;
    }

    private static void WriteDescription(RunRecord run, TextWriter output)
    {
        var description = run.Description;
        output.WriteLine($"Run:         {run.Directory}");
        output.WriteLine($"Started:     {Format.Time(run.StartedAt)} UTC");
        output.WriteLine($"Algorithm:   {description.Algorithm}");
        output.WriteLine($"Optimizer:   {description.Optimizer}");
        output.WriteLine($"Parameters:  {string.Join(", ", description.Parameters.Select(p => $"{p.Name} ({p.Type})"))}");
        output.WriteLine($"Examples:    {Format.Count(description.TrainCount)} training, {Format.Count(description.ValidationCount)} validation");
        output.WriteLine($"Options:     {Options(description.Options)}");
        output.WriteLine($"Baseline:    {Baseline(run.InitialValidation)}");
    }

    private static void WriteSteps(RunRecord run, IReadOnlyDictionary<int, StepCommit> steps, TextWriter output)
    {
        if (run.Steps.Count == 0)
        {
            output.WriteLine("No steps committed yet.");
            return;
        }

        var table = new TextTable("STEP", "EPOCH", "BATCH", "VALIDATION", "REJECTED", "REQUESTS", "TOKENS", "ELAPSED", "APPLIED");
        foreach (var step in run.Steps)
        {
            var optimizer = steps.TryGetValue(step.Number, out var commit) ? commit.Log : null;
            var applied = optimizer is null || optimizer.Applied.Count == 0 ? Format.None : string.Join(", ", optimizer.Applied.Select(c => c.Name));
            table.Add(Format.Count(step.Number), Format.Count(step.Epoch), Format.Score(step.BatchScore), Format.Score(step.ValidationScore),
                optimizer is null ? Format.None : Format.Count(optimizer.Rejected.Count), commit is null ? Format.None : Format.Count(Requests(commit)),
                Format.Tokens(step.Usage.Total), Format.Elapsed(step.Elapsed), applied);
        }

        table.WriteTo(output);
    }

    // A search step asked for every candidate it scored, the one applied or none.
    private static int Requests(StepCommit commit) =>
        commit.Candidates.Count > 0 ? commit.Candidates.Sum(c => c.Proposal?.Requests ?? 0) : commit.Log.Proposal.Requests;

    private static string Options(JsonObject options) =>
        options.Count == 0 ? Format.None : string.Join(", ", options.Select(o => $"{o.Key}={o.Value?.ToJsonString() ?? "null"}"));

    private static string Baseline(Evaluation? baseline) => baseline is null
        ? "no validation before training"
        : $"validation {Format.Score(baseline.MeanScore)} (accuracy {Format.Percent(baseline.Accuracy)} over {Format.Count(baseline.Rollouts.Count)} examples)";

    private static string Status(RunRecord run) => run.Finish is not { } finish
        ? Unfinished
        : $"finished {(run.FinishedAt is { } at ? Format.Time(at) + " UTC " : "")}after {Format.Count(finish.Steps)} steps; best step {Format.Count(finish.BestStep)}" +
          $"{(finish.BestStep == 0 ? " (the parameters before training)" : "")}; best parameters {(finish.RestoredBest ? "restored" : "not restored")}; " +
          $"{(finish.StoppedEarly ? "stopped early" : "not stopped early")}";
}
