using System.Security.Cryptography;
using System.Text;
using Opto;
using Opto.Code;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Testing;
using Opto.Training;

namespace Trace.Runs.Tests;

/// <summary>Resuming the runs that carry more than values: search steps, and code a step rewrote.</summary>
[NonParallelizable]
public class ResumeVariantsTests
{
    [Test]
    public async Task A_search_run_resumes_to_the_steps_of_a_run_never_interrupted()
    {
        static TrainerOptions Search(TrainerOptions options) => options with { Proposals = 2, SearchSample = 2 };
        await using var model = DeterministicRun.Model();
        var reference = await TrainAsync(store => DeterministicRun.Create(model, store, adjust: Search), stopAfter: null);
        var resumed = await TrainAsync(store => DeterministicRun.Create(model, store, adjust: Search), stopAfter: 4);

        Assert.That(resumed.Steps.Select(s => s.Candidates.Count), Is.All.EqualTo(3), "the current parameters and two proposals, every step");
        Assert.That(resumed.Steps.Select(s => s.ParametersAfter), Is.EqualTo(reference.Steps.Select(s => s.ParametersAfter)));
        Assert.That(resumed.Steps.Select(s => s.Candidates.Select(c => c.Score)), Is.EqualTo(reference.Steps.Select(s => s.Candidates.Select(c => c.Score))));
    }

    [Test]
    public async Task Code_rewritten_by_a_step_is_compiled_and_running_again_after_resuming()
    {
        var code = new CodeAgent(null!).TrainableParameters().OfType<CodeParameter>().Single();
        try
        {
            code.Reset();
            var reference = await TrainCodeAsync(stopAfter: null);
            code.Reset();
            var resumed = await TrainCodeAsync(stopAfter: 3);

            Assert.That(resumed.Steps.Select(s => s.ParametersAfter), Is.EqualTo(reference.Steps.Select(s => s.ParametersAfter)));
            Assert.That(resumed.Steps.Select(s => s.ParametersAfter), Has.Some.Contains("Length >"), "some step rewrote the code");
            Assert.That(code.IsReplaced, Is.True);
            Assert.That(code.Value, Is.EqualTo(reference.FinalCode), "the resumed run ends running the same code");
        }
        finally
        {
            code.Reset();
        }
    }

    // Trains into a fresh store; with stopAfter, stops after that step and resumes in a new trainer over the same store.
    private static async Task<IReadOnlyList<StepCommit>> TrainCore<TAgent>(Func<IRunStore, (Trainer<string, string, string> Trainer, TAgent Agent, OptoPrime Optimizer)> create, int? stopAfter, Func<Task>? between = null)
    {
        using var directory = new RunDirectory();
        if (stopAfter is { } stop)
        {
            using var first = SqliteRunStore.Open(directory.Path);
            var (trainer, _, _) = create(first);
            Assert.ThrowsAsync<OperationCanceledException>(() => trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation(),
                new Reporter(p => { if (p.Step == stop) throw new OperationCanceledException(); })));
            if (between is not null) await between();
        }

        using var store = SqliteRunStore.Open(directory.Path);
        var (resumed, _, _) = create(store);
        var result = await resumed.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
        Assert.That(result.ResumedAfter, Is.EqualTo(stopAfter ?? 0));
        return store.ReadSteps();
    }

    private static async Task<(IReadOnlyList<StepCommit> Steps, string? FinalCode)> TrainAsync(Func<IRunStore, (Trainer<string, string, string>, RunAgent, OptoPrime)> create, int? stopAfter) =>
        (await TrainCore(create, stopAfter), null);

    private static async Task<(IReadOnlyList<StepCommit> Steps, string FinalCode)> TrainCodeAsync(int? stopAfter)
    {
        await using var model = CodeModel();
        var code = new CodeAgent(null!).TrainableParameters().OfType<CodeParameter>().Single();
        // A new process starts with the method's original code: put it back before resuming.
        var steps = await TrainCore(store =>
        {
            var agent = new CodeAgent(model.CreateClient());
            var optimizer = new OptoPrime(agent.TrainableParameters(), model.CreateClient(), new OptoPrimeOptions { MemorySize = 1 });
            var trainer = new Trainer<string, string, string>((t, _) => agent.ClassifyAsync(t), new ExactMatchGuide<string, string>(), optimizer, DeterministicRun.Options(store));
            return (trainer, agent, optimizer);
        }, stopAfter, () => { code.Reset(); return Task.CompletedTask; });
        return (steps, (string)code.Value!);
    }

    // The labeller's model answers a sentence naming a label; the optimizer rewrites Label to keep answers of a
    // length that depends on its whole prompt, so each step's code differs with everything before it.
    private static OfflineChatModel CodeModel() => new OfflineChatModel()
        .When(r => r.System.Contains("#Variables", StringComparison.Ordinal), r =>
        {
            var hash = Hash(r.User);
            var body = $"answer.Trim().Length > {10 + hash % 20} ? answer.Trim().Split(' ')[^1].TrimEnd('.') : \\\"other\\\"";
            return $$$"""{"reasoning": "r{{{hash % 100}}}", "answer": null, "suggestion": {"CodeAgent.Label": "/// <summary>Reads the label from the model's answer.</summary>\npublic static string Label(string answer) => {{{body}}};"}}""";
        })
        .When(_ => true, r => $"It is {DeterministicRun.Labels[Hash(r.System + r.User) % 3]}.");

    private static int Hash(string text) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text))) & int.MaxValue);
}
