using System.Globalization;
using Microsoft.Data.Sqlite;
using Opto.Optimizers;
using Opto.Training;

namespace Opto.Runs;

// Reading a run back: for a resumed trainer, a report, the command-line tool or a test.
public sealed partial class SqliteRunStore
{
    /// <summary>The run at a glance: its description, times, baseline and steps' scores.</summary>
    /// <exception cref="RunStoreException">The store holds no run yet, or cannot be read.</exception>
    public RunRecord ReadRun() => Guarded("read", () =>
    {
        using var command = Command("SELECT started_at, description, finished_at, finish FROM run WHERE id = 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw new RunStoreException($"The run store in '{Directory}' holds no run yet: no training has started in it.");
        var started = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        var description = RunJson.Read<RunDescription>(reader.GetString(1), "run description");
        DateTimeOffset? finished = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
        var finish = reader.IsDBNull(3) ? null : RunJson.Read<RunFinish>(reader.GetString(3), "finish");
        return new RunRecord(Directory, description, started, finished, finish, ReadEvaluation(0, "validation"), ReadSummaries());
    });

    /// <summary>Every committed step in full, in order (prompts, answers, rollouts, graphs).</summary>
    public IReadOnlyList<StepCommit> ReadSteps() => Guarded("read", () =>
    {
        using var command = Command("SELECT number FROM steps ORDER BY number");
        using var reader = command.ExecuteReader();
        var numbers = new List<int>();
        while (reader.Read()) numbers.Add(reader.GetInt32(0));
        return (IReadOnlyList<StepCommit>)[.. numbers.Select(n => ReadStepCore(n)!)];
    });

    /// <summary>The run at a glance and every step in full, read from one snapshot: a step committed meanwhile is in both or in neither.</summary>
    public (RunRecord Run, IReadOnlyList<StepCommit> Steps) ReadRunAndSteps() => Guarded("read", () =>
    {
        using var snapshot = _connection.BeginTransaction(deferred: true);
        _snapshot = snapshot;
        try
        {
            return (ReadRun(), ReadSteps());
        }
        finally
        {
            _snapshot = null;
        }
    });

    /// <summary>One committed step in full, or <see langword="null"/> when there is no such step.</summary>
    /// <param name="number">The step's number, from 1.</param>
    public StepCommit? ReadStep(int number) => Guarded("read", () => ReadStepCore(number));

    /// <summary>
    /// Writes the run's best or last parameters as a <see cref="ParameterStore"/> file, to ship with the application
    /// (<c>ParameterStore.Load(agent.TrainableParameters(), path)</c>).
    /// </summary>
    /// <param name="kind">The best validation's parameters, or those after the last step.</param>
    /// <param name="path">The file to write (replaced atomically).</param>
    /// <returns>The step the parameters are from; 0 for the parameters before training.</returns>
    public int ExportParameters(CheckpointKind kind, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (step, json) = Guarded("read", () => kind == CheckpointKind.Best ? BestParameters() : LastParameters());
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, full, overwrite: true);
        return step;
    }

    private RunDescription? ReadDescription()
    {
        using var command = Command("SELECT description FROM run WHERE id = 1");
        return command.ExecuteScalar() is string json ? RunJson.Read<RunDescription>(json, "run description") : null;
    }

    private RunCheckpoint Checkpoint(RunDescription description)
    {
        var baseline = ReadEvaluation(0, "validation");
        var last = LastNumber() is { } number ? ReadStepCore(number) : null;
        var bestStep = last?.State.BestStep ?? 0;
        var bestValidation = bestStep == 0 ? baseline : ReadEvaluation(bestStep, "validation");
        var bestParameters = bestStep == 0 ? (baseline is null ? null : description.InitialParameters) : ReadParametersAfter(bestStep);
        using var finished = Command("SELECT finish FROM run WHERE id = 1");
        var finish = finished.ExecuteScalar() is string json ? RunJson.Read<RunFinish>(json, "finish") : null;
        var usage = TrainingUsage.Sum(ReadSummaries().Select(s => s.Usage));
        return new RunCheckpoint(description.InitialParameters, baseline, last, bestValidation, bestParameters, usage, finish);
    }

    private (int Step, string Json) BestParameters()
    {
        var description = ReadDescription() ?? throw new RunStoreException($"The run store in '{Directory}' holds no run yet: there are no parameters to export.");
        if (description.ValidationCount == 0)
        {
            throw new RunStoreException($"The run in '{Directory}' trained without a validation set, so no parameters were measured best: export the last ones (CheckpointKind.Last; opto export --last).");
        }

        var last = LastNumber() is { } number ? ReadStepCore(number) : null;
        var best = last?.State.BestStep ?? 0;
        return (best, best == 0 ? description.InitialParameters : ReadParametersAfter(best)!);
    }

    private (int Step, string Json) LastParameters()
    {
        var description = ReadDescription() ?? throw new RunStoreException($"The run store in '{Directory}' holds no run yet: there are no parameters to export.");
        return LastNumber() is { } number ? (number, ReadParametersAfter(number)!) : (0, description.InitialParameters);
    }

    private int? LastNumber()
    {
        using var command = Command("SELECT max(number) FROM steps");
        return command.ExecuteScalar() is long number ? (int)number : null;
    }

    private string? ReadParametersAfter(int step)
    {
        using var command = Command("SELECT parameters_after FROM steps WHERE number = $number");
        command.Parameters.AddWithValue("$number", step);
        return command.ExecuteScalar() as string;
    }

    private StepCommit? ReadStepCore(int number)
    {
        using var command = Command("""
            SELECT epoch, batch_in_epoch, elapsed_ms, parameters_before, parameters_after, optimizer, candidates, usage, state
            FROM steps WHERE number = $number
            """);
        command.Parameters.AddWithValue("$number", number);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var what = $"step {number}";
        return new StepCommit(
            number,
            reader.GetInt32(0),
            reader.GetInt32(1),
            ReadEvaluation(number, "batch") ?? new Evaluation([]),
            ReadEvaluation(number, "validation"),
            RunJson.Read<StepRecord>(reader.GetString(5), what + "'s optimizer log"),
            RunJson.Read<List<CandidateRecord>>(reader.GetString(6), what + "'s candidates"),
            reader.GetString(3),
            reader.GetString(4),
            RunJson.Read<TrainingUsage>(reader.GetString(7), what + "'s usage"),
            TimeSpan.FromMilliseconds(reader.GetDouble(2)),
            ReadGraphs(number),
            RunJson.Read<TrainerState>(reader.GetString(8), what + "'s trainer state"));
    }

    private Evaluation? ReadEvaluation(int step, string kind)
    {
        using var command = Command("""
            SELECT example_id, output, error, score, correct, feedback, feedback_reached, agent_usage, guide_usage, usage_by_model, ran_on
            FROM rollouts WHERE step = $step AND kind = $kind ORDER BY position
            """);
        command.Parameters.AddWithValue("$step", step);
        command.Parameters.AddWithValue("$kind", kind);
        using var reader = command.ExecuteReader();
        var rollouts = new List<RolloutResult>();
        while (reader.Read())
        {
            rollouts.Add(new RolloutResult(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                new Judgement(reader.GetDouble(3), reader.GetString(5), reader.GetInt64(4) != 0),
                reader.GetInt32(6),
                RunJson.Read<Microsoft.Extensions.AI.UsageDetails>(reader.GetString(7), "rollout usage"),
                RunJson.Read<Microsoft.Extensions.AI.UsageDetails>(reader.GetString(8), "rollout usage"),
                reader.IsDBNull(9) ? null : RunJson.Read<Dictionary<string, Microsoft.Extensions.AI.UsageDetails>>(reader.GetString(9), "rollout usage by model"))
            {
                RanOn = reader.GetString(10),
            });
        }

        return rollouts.Count == 0 ? null : new Evaluation(rollouts);
    }

    private List<GraphRecord> ReadGraphs(int step)
    {
        using var command = Command("SELECT example_id, output, nodes FROM graphs WHERE step = $step ORDER BY position");
        command.Parameters.AddWithValue("$step", step);
        using var reader = command.ExecuteReader();
        var graphs = new List<GraphRecord>();
        while (reader.Read())
        {
            graphs.Add(new GraphRecord(reader.GetString(0), reader.GetInt32(1), RunJson.Read<List<GraphNodeRecord>>(reader.GetString(2), $"step {step}'s graph")));
        }

        return graphs;
    }

    private List<StepSummary> ReadSummaries()
    {
        using var command = Command("""
            SELECT number, epoch, batch_score, batch_accuracy, validation_score, validation_accuracy, elapsed_ms, committed_at, usage
            FROM steps ORDER BY number
            """);
        using var reader = command.ExecuteReader();
        var steps = new List<StepSummary>();
        while (reader.Read())
        {
            steps.Add(new StepSummary(
                reader.GetInt32(0),
                reader.GetInt32(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5),
                TimeSpan.FromMilliseconds(reader.GetDouble(6)),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                RunJson.Read<TrainingUsage>(reader.GetString(8), $"step {reader.GetInt32(0)}'s usage")));
        }

        return steps;
    }
}
