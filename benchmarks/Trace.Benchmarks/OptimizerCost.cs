using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Opto;
using Opto.Optimizers;

namespace Trace.Benchmarks;

/// <summary>
/// What one step of each optimizer sends for the same graph: requests and prompt tokens (o200k_base, system and user
/// messages): `dotnet run -c Release -- --optimizer-cost`. The model is scripted (candidates that differ, a choice,
/// gradients for every input, no update), so the figures are the optimizers' own, not a model's.
/// </summary>
public static class OptimizerCost
{
    private static readonly (string Name, Func<IEnumerable<ParameterNode>, IChatClient, Optimizer> Create)[] Optimizers =
    [
        ("OptoPrime", (p, c) => new OptoPrime(p, c)),
        ("OptoPrimeMulti (3, by the model)", (p, c) => new OptoPrimeMulti(p, c)),
        ("OptoPrimeMulti (3, majority)", (p, c) => new OptoPrimeMulti(p, c, new OptoPrimeMultiOptions { Selection = CandidateSelection.Majority })),
        ("OptoPrimeMulti (3, experts named by the model)", (p, c) => new OptoPrimeMulti(p, c, new OptoPrimeMultiOptions { Generation = CandidateGeneration.MultiExperts })),
        ("OPRO", (p, c) => new Opro(p, c)),
        ("TextGrad", (p, c) => new TextGrad(p, c)),
    ];

    public static int Run()
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        foreach (var (graph, rollout) in new (string, Func<Optimizer, IEnumerable<ParameterNode>>)[] { ("chain of 10 calls", Chain), ("one call reading 3 variables", FanIn) })
        {
            Console.WriteLine($"\n{graph}\n");
            Console.WriteLine("| optimizer | requests per step | prompt tokens per step | largest request |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, create) in Optimizers)
            {
                var model = new ScriptedModel();
                var optimizer = create(rollout(null!), model);
                rollout(optimizer);
                var step = optimizer.StepAsync().GetAwaiter().GetResult();
                var tokens = model.Prompts.Select(p => tokenizer.CountTokens(p)).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {step.Proposal.Requests} | {tokens.Sum():N0} | {tokens.Max():N0} |"));
            }
        }

        return 0;
    }

    // Called with null to get the parameters, then with the optimizer to record a rollout and give feedback.
    private static SupportPipeline? s_pipeline;
    private static LetterWriter? s_writer;

    private static IEnumerable<ParameterNode> Chain(Optimizer optimizer)
    {
        if (optimizer is null) return (s_pipeline = new SupportPipeline()).TrainableParameters();
        using var scope = TraceScope.Begin();
        var last = s_pipeline!.Converse(scope.Graph, 10);
        optimizer.Backward(last, "The customer says the reply repeats itself and never answers the question about cash.");
        return [];
    }

    private static IEnumerable<ParameterNode> FanIn(Optimizer optimizer)
    {
        if (optimizer is null) return (s_writer = new LetterWriter()).TrainableParameters();
        using var scope = TraceScope.Begin();
        var letter = s_writer!.Compose(new string("a blocked card".AsSpan()));
        optimizer.Backward(letter, "Too stiff, and it never says when the card will work again.");
        return [];
    }

    /// <summary>Answers each optimizer's requests so that every part of a step runs: candidates differ by temperature.</summary>
    private sealed class ScriptedModel : IChatClient
    {
        public List<string> Prompts { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            var system = list[0].Text;
            var user = list[^1].Text;
            lock (Prompts) Prompts.Add(system + "\n" + user);
            string answer;
            if (system.Contains("choose the most promising", StringComparison.Ordinal)) answer = """{"reasoning": "The first is closest to the feedback.", "choice": 1}""";
            else if (system.StartsWith("Name complementary experts", StringComparison.Ordinal)) answer = """{"experts": ["Support lead", "Copywriter", "Banking expert"]}""";
            else if (system.Contains("feedback engine", StringComparison.Ordinal))
            {
                var targets = user[(user.IndexOf("#Give feedback to\n", StringComparison.Ordinal) + 18)..].Split('\n')[0].Split(", ");
                answer = JsonSerializer.Serialize(new { feedback = targets.ToDictionary(t => t, _ => "Say plainly when the customer gets an answer; do not repeat the greeting.") });
            }
            else if (user.StartsWith("#Variable\n", StringComparison.Ordinal)) answer = "TERMINATE";
            else
            {
                var name = user.Split('\n').First(l => l.StartsWith("(string) ", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal));
                name = name["(string) ".Length..name.IndexOf('=', StringComparison.Ordinal)];
                answer = JsonSerializer.Serialize(new { reasoning = "Answer the question first.", answer = (string?)null, suggestion = new Dictionary<string, string> { [name] = $"Answer the question first ({options?.Temperature ?? 0:0.#})." } });
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = new UsageDetails() });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
