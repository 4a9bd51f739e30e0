using System.Security.Cryptography;
using System.Text;
using Opto;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Testing;
using Opto.Training;

namespace Trace.Runs.Tests;

/// <summary>
/// A training run whose every step depends on everything before it: the scripted model labels a ticket by a hash of
/// its instruction and the ticket, and the optimizer's suggestion is a hash of its whole prompt (variables, feedback,
/// memory of past steps and the rejections it was shown). A step repeated, skipped, taken from another batch or with
/// other optimizer memory gives other final parameters.
/// </summary>
public static class DeterministicRun
{
    public const int TrainCount = 24;
    public const int BatchSize = 2;
    public const int Steps = TrainCount / BatchSize;

    public static readonly string[] Labels = ["billing", "technical", "other"];

    public static TrainerOptions Options(IRunStore? store) => new()
    {
        BatchSize = BatchSize,
        MaxParallelism = 2,
        Seed = 17,
        KeepBest = true,
        Store = store,
    };

    public static List<Example<string, string>> Train() =>
        [.. Enumerable.Range(1, TrainCount).Select(i => new Example<string, string>($"ticket {i}: about {Labels[i % 3]}", Labels[(i * 7) % 3], $"t{i:00}"))];

    public static List<Example<string, string>> Validation() =>
        [.. Enumerable.Range(1, 4).Select(i => new Example<string, string>($"check {i}: about {Labels[i % 3]}", Labels[(i * 5) % 3], $"v{i}"))];

    public static OfflineChatModel Model() => new OfflineChatModel()
        .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r => Suggestion(r.User))
        .When(_ => true, r => Labels[Hash(r.System + "|" + r.User) % 3]);

    public static (Trainer<string, string, string> Trainer, RunAgent Agent, OptoPrime Optimizer) Create(
        OfflineChatModel model, IRunStore? store, TextWriter? log = null, Func<TrainerOptions, TrainerOptions>? adjust = null)
    {
        var chat = model.CreateClient();
        var agent = new RunAgent(chat);
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat, new OptoPrimeOptions { MemorySize = 2 });
        var guide = new ExactMatchGuide<string, string>();
        var options = Options(store is null || log is null ? store : new AnnouncingStore(store, log));
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), guide, optimizer, adjust?.Invoke(options) ?? options);
        return (trainer, agent, optimizer);
    }

    /// <summary>Trains into the store in <paramref name="directory"/> (resuming it when it holds the run) and writes the final parameters.</summary>
    public static async Task<TrainingResult> TrainAsync(string directory, string finalParameters, TextWriter log)
    {
        await using var model = Model();
        using var store = SqliteRunStore.Open(directory);
        var (trainer, agent, _) = Create(model, store, log);
        var result = await trainer.TrainAsync(Train(), Validation());
        ParameterStore.Save(agent.TrainableParameters(), finalParameters);
        await log.WriteLineAsync($"done after {result.ResumedAfter} resumed steps");
        await log.FlushAsync();
        return result;
    }

    // Every few steps the suggestion is not an integer for an integer parameter: a rejection the next prompt shows.
    private static string Suggestion(string prompt)
    {
        var hash = Hash(prompt);
        var attempts = hash % 5 == 0 ? "\"many\"" : (hash % 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $$$"""{"reasoning": "r{{{hash % 1000}}}", "answer": null, "suggestion": {"RunAgent.Instruction": "Label it, variant {{{hash % 100_000}}}.", "RunAgent.Attempts": {{{attempts}}}}}""";
    }

    private static int Hash(string text) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))) & int.MaxValue);

    // Says on the log when a commit starts and ends, so a test can kill the process in the middle of one.
    private sealed class AnnouncingStore(IRunStore inner, TextWriter log) : IRunStore
    {
        public ValueTask<RunCheckpoint?> StartAsync(RunDescription run, CancellationToken cancellationToken) => inner.StartAsync(run, cancellationToken);

        public ValueTask CommitBaselineAsync(Evaluation validation, CancellationToken cancellationToken) => inner.CommitBaselineAsync(validation, cancellationToken);

        public async ValueTask CommitStepAsync(StepCommit step, CancellationToken cancellationToken)
        {
            log.WriteLine($"commit {step.Number}");
            log.Flush();
            await inner.CommitStepAsync(step, cancellationToken);
            log.WriteLine($"committed {step.Number}");
            log.Flush();
        }

        public ValueTask FinishAsync(RunFinish finish, CancellationToken cancellationToken) => inner.FinishAsync(finish, cancellationToken);
    }
}
