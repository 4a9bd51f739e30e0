using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Opto;
using Opto.Optimizers;
using Opto.Orleans;
using Opto.Training;
using Opto.Training.Remote;
using Cluster;

// The model: Azure OpenAI or OpenAI when the environment configures one, else the built-in offline demo model.
await using var offline = OfflineScript.Create();
IChatClient chat = SampleModel.Choose(offline);

// Two silos on this machine, as two hosts of one localhost cluster: each registers the classifier under "tickets" and
// runs at most 8 rollouts at a time. In a real deployment each silo is its own process on its own machine.
var silos = new List<IHost>();
for (var i = 0; i < 2; i++)
{
    var silo = Host.CreateDefaultBuilder()
        .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
        .UseOrleans(builder => builder
            .UseLocalhostClustering(siloPort: 11111 + i, gatewayPort: 30000 + i, primarySiloEndpoint: new IPEndPoint(IPAddress.Loopback, 11111))
            .ConfigureServices(services => services.AddOptoRolloutHost((_, host) => host.Add("tickets", () =>
            {
                var classifier = new TicketClassifier(chat);
                return new RemoteAgent<string, string, string>(classifier.TrainableParameters(), (ticket, _) => classifier.ClassifyAsync(ticket),
                    new ExactMatchGuide<string, string>(incorrectFeedback: "Expected the label {expected}, got \"{output}\"."));
            }), maxConcurrentRollouts: 8)))
        .Build();
    await silo.StartAsync();
    silos.Add(silo);
}

// The trainer is a cluster client, as it would be on its own machine: it reaches the silos through their gateways.
using var client = Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
    .UseOrleansClient(builder => builder.UseLocalhostClustering(gatewayPorts: [30000, 30001]))
    .Build();
await client.StartAsync();

try
{
    var tickets = Dataset.FromJsonLines<string, string>(Path.Combine(AppContext.BaseDirectory, "tickets.jsonl"), "ticket", "label", "id");
    var (train, validation, _) = tickets.Split(validation: 0.25, seed: 7);
    var classifier = new TicketClassifier(chat);
    var optimizer = new OptoPrime(classifier.TrainableParameters(), chat);
    var trainer = new Trainer<string, string, string>(
        (ticket, _) => classifier.ClassifyAsync(ticket),
        new ExactMatchGuide<string, string>(incorrectFeedback: "Expected the label {expected}, got \"{output}\"."),
        optimizer,
        new TrainerOptions
        {
            BatchSize = 6, Epochs = 2, Seed = 7, Patience = 2,
            Executor = new OrleansRolloutExecutor(client.Services.GetRequiredService<IClusterClient>(), "tickets", maxParallelism: 16),
        });

    Console.WriteLine($"Training on {train.Count} tickets, validating on {validation.Count}, with the rollouts on 2 silos.");
    var result = await trainer.TrainAsync(train, validation);
    foreach (var step in result.Steps)
    {
        var ranOn = string.Join(", ", step.Batch.Rollouts.GroupBy(r => r.RanOn).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} on {g.Key}"));
        Console.WriteLine($"step {step.Number}: batch {step.Batch.MeanScore:0.00}, validation {step.Validation?.MeanScore:0.00}; rollouts: {ranOn}");
    }

    Console.WriteLine($"Validation before: {result.InitialValidation}");
    Console.WriteLine($"Validation after:  {result.BestValidation} (the parameters of step {result.BestStep})");
    foreach (var parameter in optimizer.Parameters) Console.WriteLine($"  {parameter.Name} = \"{parameter.Value}\"");
}
finally
{
    await client.StopAsync();
    // The silo that is not the primary leaves first, while the primary still keeps the membership table.
    for (var i = silos.Count - 1; i >= 0; i--) await silos[i].StopAsync();
}
