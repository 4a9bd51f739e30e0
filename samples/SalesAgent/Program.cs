using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using SalesAgent;

// The model: Azure OpenAI or OpenAI when the environment configures one, else the built-in offline demo model.
await using var offline = OfflineScript.Create();
IChatClient chat = SampleModel.Choose(offline);

// The original Trace README's sales agent: a customer writes in Spanish, the assistant should answer "Hola, Juan!".
const string Query = "Hola, soy Juan.";
const string ExpectedLanguage = "es";
const string CustomerName = "Juan";
var showPrompts = args.Contains("--show-prompts");

var assistant = new SalesAssistant(chat);
var optimizer = new OptoPrime(assistant.TrainableParameters(), chat);
var before = Snapshot(assistant);

for (var epoch = 1; epoch <= 5; epoch++)
{
    using var scope = TraceScope.Begin($"epoch {epoch}");
    var greeting = await assistant.RespondAsync(Query);
    var feedback = Checker.Judge(greeting, ExpectedLanguage, CustomerName);
    Console.WriteLine();
    Console.WriteLine($"Epoch {epoch}: \"{greeting}\" -> {feedback}");
    if (feedback == "Correct") break;

    optimizer.ZeroFeedback();
    optimizer.Backward(greeting, feedback);
    var step = await optimizer.StepAsync();

    if (showPrompts) Console.WriteLine($"  Prompt of step {step.Step}:\n{step.UserPrompt}\n  Answer:\n{step.RawAnswer}");
    Console.WriteLine($"  Step {step.Step} ({Tokens.Describe(step.Usage)}):");
    if (step.Reasoning is { } reasoning) Console.WriteLine($"    reasoning: {reasoning}");
    foreach (var change in step.Applied) Console.WriteLine($"    changed {change.Parameter.Name}: {Show(change.OldValue)} -> {Show(change.NewValue)}");
    foreach (var rejection in step.Rejected) Console.WriteLine($"    rejected {rejection}");
    if (step.NoChangeSuggested) Console.WriteLine("    the model suggested no change");
}

Console.WriteLine();
Console.WriteLine("Parameters before -> after:");
foreach (var parameter in assistant.TrainableParameters())
{
    var old = before[parameter.Name];
    var now = Show(parameter.Value);
    Console.WriteLine(old == now ? $"  {parameter.Name}: {now} (unchanged)" : $"  {parameter.Name}:\n    before: {old}\n    after:  {now}");
}

Console.WriteLine();
Console.WriteLine($"Tokens used by the optimizer: {Tokens.Describe(optimizer.TotalUsage)}");
var checkpoint = Path.Combine(AppContext.BaseDirectory, "salesagent.parameters.json");
ParameterStore.Save(assistant.TrainableParameters(), checkpoint);
Console.WriteLine($"Parameters saved to {checkpoint}");

static Dictionary<string, string> Snapshot(SalesAssistant assistant) =>
    assistant.TrainableParameters().ToDictionary(p => p.Name, p => Show(p.Value));

static string Show(object? value) => value switch
{
    string text => $"\"{text}\"",
    IDictionary<string, string> map => "{ " + string.Join(", ", map.Select(e => $"{e.Key}: \"{e.Value}\"")) + " }",
    _ => value?.ToString() ?? "null",
};
