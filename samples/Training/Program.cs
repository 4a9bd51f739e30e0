using Microsoft.Extensions.AI;
using Opto;
using Opto.Code;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Runs.Reports;
using Opto.Training;
using Spectre.Console;
using Training;

// --optimizer optoprime|optoprime-multi|opro|textgrad (default optoprime); --run <directory> or --runs <root>.
var arguments = SampleArguments.Parse(args);

// The model: Azure OpenAI or OpenAI when the environment configures one, else the built-in offline demo model.
await using var offline = OfflineScript.Create(arguments.Optimizer);
IChatClient chat = SampleModel.Choose(offline);

// 24 labelled support tickets: three quarters to learn from, a quarter to validate on.
var tickets = Dataset.FromJsonLines<string, string>(Path.Combine(AppContext.BaseDirectory, "tickets.jsonl"), "ticket", "label", "id");
var (train, validation, _) = tickets.Split(validation: 0.25, seed: 7);

// Each run is kept in its own directory (an SQLite run store): every step as it is applied. A new one under runs/
// (or --runs <root>) by default; --run <directory> names it, and training a directory again resumes the run it holds.
var runDirectory = Path.GetFullPath(arguments.Run ?? Path.Combine(arguments.Runs ?? "runs", $"tickets-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
using var store = SqliteRunStore.Open(runDirectory);

// The agent's own calls are counted per rollout through UseTrainingUsage; the optimizer's are in its step logs.
var classifier = new TicketClassifier(chat.AsBuilder().UseTrainingUsage().Build());
// One line chooses the optimizer; the trainer, the store and the report work with any of them.
Optimizer optimizer = arguments.Optimizer switch
{
    "optoprime-multi" => new OptoPrimeMulti(classifier.TrainableParameters(), chat),
    "opro" => new Opro(classifier.TrainableParameters(), chat),
    "textgrad" => new TextGrad(classifier.TrainableParameters(), chat),
    _ => new OptoPrime(classifier.TrainableParameters(), chat),
};
Console.WriteLine($"Optimizer: {optimizer.GetType().Name}.");
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
    if (step.Log.Proposal.Selection is { } selection) Console.WriteLine($"  step {step.Number}: {selection}");
    foreach (var change in step.Log.Applied)
    {
        Console.WriteLine($"  step {step.Number} changed {change.Parameter.Name}:");
        Console.WriteLine("    " + change.NewValue?.ToString()?.ReplaceLineEndings("\n    "));
    }
}

Console.WriteLine($"Tokens: {result.Usage}");
var requests = result.Steps.Sum(s => s.Log.Proposal.Requests);
Console.WriteLine($"Requests to the optimizer's model: {requests} in {result.Steps.Count} steps ({string.Join(", ", result.Steps.Select(s => s.Log.Proposal.Requests))}).");

// The run's page, and its best parameters as a file the application can load (ParameterStore.Load).
var report = Path.Combine(runDirectory, "report.html");
RunReport.Write(store, report);
var bestStep = store.ExportParameters(CheckpointKind.Best, Path.Combine(runDirectory, "best-parameters.json"));
Console.WriteLine($"Run kept in {runDirectory}: report.html, and best-parameters.json (step {bestStep}).");
