using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opto.Training;

// What the trainer tells a run store: the run's description and each step as plain data.
public sealed partial class Trainer<TInput, TExpected, TOutput>
{
    private RunDescription Describe(Dataset<TInput, TExpected> train, Dataset<TInput, TExpected>? validation)
    {
        var options = new JsonObject
        {
            ["epochs"] = _options.Epochs,
            ["batchSize"] = _options.BatchSize,
            ["seed"] = _options.Seed,
            ["validateEvery"] = _options.ValidateEvery,
            ["keepBest"] = _options.KeepBest,
            ["patience"] = _options.Patience,
            ["proposals"] = _options.Proposals,
            ["searchSample"] = _options.SearchSample,
        };
        var parameters = _optimizer.Parameters.Select(p => new ParameterSignature(p.Name, TypeNames.Display(p.ValueType, qualified: true))).ToList();
        return new RunDescription(_options.Proposals > 1 ? "search" : "minibatch", options, _optimizer.GetType().Name,
            Fingerprint(train, validation), train.Count, validation?.Count ?? 0, parameters, ParameterStore.ToJson(_optimizer.Parameters));
    }

    // The examples in order, each as JSON where it can be (its text otherwise), hashed: the same data gives the same print.
    private static string Fingerprint(Dataset<TInput, TExpected> train, Dataset<TInput, TExpected>? validation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string part, IEnumerable<Example<TInput, TExpected>> examples)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            foreach (var example in examples)
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"\u001e{example.Id}\u001f{Text(example.Input)}\u001f{Text(example.Expected)}"));
            }
        }

        Add("train", train);
        if (validation is not null) Add("\u001dvalidation", validation);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Text<T>(T value)
    {
        try
        {
            return JsonSerializer.Serialize(value, ParameterStore.JsonOptions);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return ValueText.Format(value, int.MaxValue);
        }
    }

    // Takes up a stored run: every value is read (and code compiled) before anything changes, and a failure while
    // applying puts the optimizer's state back, so a store that does not fit changes nothing. Returns the best
    // parameters' values, when the run has them.
    private object?[]? Resume(RunCheckpoint checkpoint)
    {
        var last = checkpoint.LastStep;
        var current = last is null
            ? ParameterStore.ReadValues(_optimizer.Parameters, checkpoint.InitialParameters, "the run store's starting parameters")
            : ParameterStore.ReadValues(_optimizer.Parameters, last.ParametersAfter, $"step {last.Number} of the run store");
        object?[]? best = checkpoint.BestParameters is { } saved
            ? [.. ParameterStore.ReadValues(_optimizer.Parameters, saved, "the best parameters of the run store").Select(v => v.Value)]
            : null;
        var previousState = _optimizer.ExportState();
        if (last is not null) _optimizer.ImportState(last.State.OptimizerState);
        try
        {
            ParameterStore.Apply(current);
        }
        catch
        {
            _optimizer.ImportState(previousState);
            throw;
        }

        return best;
    }

    private StepCommit Commit(TrainingStep step, int batchInEpoch, string parametersBefore, IReadOnlyList<RolloutOutcome> rollouts, TrainerState state) => new(
        step.Number,
        step.Epoch,
        batchInEpoch,
        step.Batch,
        step.Validation,
        step.Log.ToRecord(),
        [.. step.Candidates.Select(c => new CandidateRecord(c.Proposal?.ToRecord(), c.Score, c.Chosen))],
        parametersBefore,
        ParameterStore.ToJson(_optimizer.Parameters),
        step.Usage,
        step.Elapsed,
        [.. rollouts.Select(r => GraphRecord.From(r.ExampleId, r.OutputNode))],
        state);
}
