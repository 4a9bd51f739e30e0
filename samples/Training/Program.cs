using Microsoft.Extensions.AI;
using Opto;
using Opto.Code;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Runs.Reports;
using Opto.Training;
using Spectre.Console;
using Training;

// The model: Azure OpenAI or OpenAI when the environment configures one, else the built-in offline demo model.
await using var offline = OfflineScript.Create();
IChatClient chat = SampleModel.Choose(offline);

// 24 labelled support tickets: three quarters to learn from, a quarter to validate on.
var tickets = Dataset.FromJsonLines<string, string>(Path.Combine(AppContext.BaseDirectory, "tickets.jsonl"), "ticket", "label", "id");
var (train, validation, _) = tickets.Split(validation: 0.25, seed: 7);

// Each run is kept in its own directory (an SQLite run store): every step as it is applied. A new one under runs/
// (or --runs <root>) by default; --run <directory> names it, and training a directory again resumes the run it holds.
var runDirectory = Path.GetFullPath(args switch
{
    ["--run", var directory, ..] => directory,
    ["--runs", var root, ..] => Path.Combine(root, $"tickets-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
    _ => Path.Combine("runs", $"tickets-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
});
using var store = SqliteRunStore.Open(runDirectory);

// The agent's own calls are counted per rollout through UseTrainingUsage; the optimizer's are in its step logs.
var classifier = new TicketClassifier(chat.AsBuilder().UseTrainingUsage().Build());
var optimizer = new OptoPrime(classifier.TrainableParameters(), chat);
var trainer = new Trainer<string, string, string>(
    (ticket, _) => classifier.ClassifyAsync(ticket),
    new ExactMatchGuide<string, string>(incorrectFeedback: "Expected the label {expected}, got \"{output}\"."),
    optimizer,
    new TrainerOptions { BatchSize = 6, Epochs = 2, MaxParallelism = 6, Seed = 7, Patience = 2, Store = store });

Console.WriteLine($"Training on {train.Count} tickets, validating on {validation.Count}.");
TrainingResult result;
try
{
    result = await TrainingDisplay.RunAsync(progress => trainer.TrainAsync(train, validation, progress));
}
finally
{
    foreach (var code in optimizer.Parameters.OfType<CodeParameter>()) code.Reset(); // the sample leaves the type as it found it
}

AnsiConsole.MarkupLine($"Validation before: [yellow]{Markup.Escape(result.InitialValidation!.ToString())}[/]");
AnsiConsole.MarkupLine($"Validation after:  [green]{Markup.Escape(result.BestValidation!.ToString())}[/] (the parameters of step {result.BestStep}{(result.StoppedEarly ? ", stopped early" : "")})");
foreach (var step in result.Steps)
{
    foreach (var change in step.Log.Applied)
    {
        Console.WriteLine($"  step {step.Number} changed {change.Parameter.Name}:");
        Console.WriteLine("    " + change.NewValue?.ToString()?.ReplaceLineEndings("\n    "));
    }
}

Console.WriteLine($"Tokens: {result.Usage}");

// The run's page, and its best parameters as a file the application can load (ParameterStore.Load).
var report = Path.Combine(runDirectory, "report.html");
RunReport.Write(store, report);
var bestStep = store.ExportParameters(CheckpointKind.Best, Path.Combine(runDirectory, "best-parameters.json"));
Console.WriteLine($"Run kept in {runDirectory}: report.html, and best-parameters.json (step {bestStep}).");
