using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Opto.Providers;
using Opto.Testing;
using Opto.Training;
using Spectre.Console;
using Training;

// The model: Azure OpenAI or OpenAI when the environment configures one, else the built-in offline demo model.
await using var offline = OfflineScript.Create();
IChatClient chat;
if (ChatClientFactory.FromEnvironment() is { } configured)
{
    chat = configured.Client;
    Console.WriteLine($"Model: {configured.Settings}");
}
else
{
    chat = offline.CreateClient();
    Console.WriteLine($"Model: {OfflineChatModel.Disclosure}, at {offline.Endpoint}.");
    Console.WriteLine("       No AZURE_OPENAI_* or OPENAI_* variables are set; set them to run this sample against a real model.");
}

// Redirected output (a log, a test) keeps each step on one line.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 400;

// 24 labelled support tickets: three quarters to learn from, a quarter to validate on.
var tickets = Dataset.FromJsonLines<string, string>(Path.Combine(AppContext.BaseDirectory, "tickets.jsonl"), "ticket", "label", "id");
var (train, validation, _) = tickets.Split(validation: 0.25, seed: 7);
var classifier = new TicketClassifier(chat);
var optimizer = new OptoPrime(classifier.TrainableParameters(), chat);
var trainer = new Trainer<string, string, string>(
    (ticket, _) => classifier.ClassifyAsync(ticket),
    new ExactMatchGuide<string, string>(incorrectFeedback: "Expected the label {expected}, got \"{output}\"."),
    optimizer,
    new TrainerOptions { BatchSize = 6, Epochs = 2, MaxParallelism = 6, Seed = 7, Patience = 2 });

Console.WriteLine($"Training on {train.Count} tickets, validating on {validation.Count}.");
var result = await trainer.TrainAsync(train, validation, new StepReport(optimizer));

AnsiConsole.MarkupLine($"Validation before: [yellow]{Markup.Escape(result.InitialValidation!.ToString())}[/]");
AnsiConsole.MarkupLine($"Validation after:  [green]{Markup.Escape(result.BestValidation!.ToString())}[/] (the parameters of step {result.BestStep}{(result.StoppedEarly ? ", stopped early" : "")})");
foreach (var parameter in optimizer.Parameters) Console.WriteLine($"  {parameter.Name} = \"{parameter.Value}\"");
Console.WriteLine($"Tokens used by the optimizer: {Tokens.Describe(optimizer.TotalUsage)}");

/// <summary>One line per step: epoch, step, batch score, validation score, tokens and the time left.</summary>
internal sealed class StepReport(Optimizer optimizer) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        var left = value.Step == 0 ? TimeSpan.Zero : value.Elapsed / value.Step * (value.TotalSteps - value.Step);
        var validation = value.ValidationScore is { } score ? $"{score:0.00}" : "-";
        AnsiConsole.MarkupLine(
            $"epoch {value.Epoch}  step {value.Step}/{value.TotalSteps}  batch [blue]{value.BatchScore:0.00}[/]  validation [green]{validation}[/]  " +
            $"tokens {Markup.Escape(Tokens.Describe(optimizer.TotalUsage))}  left ~{left.TotalSeconds:0}s");
    }
}
