using System.Globalization;
using Microsoft.Data.Sqlite;
using Opto.Training;

namespace Opto.Runs;

// The trainer's side: start or resume, then one transaction per step.
public sealed partial class SqliteRunStore
{
    /// <inheritdoc />
    public ValueTask<RunCheckpoint?> StartAsync(RunDescription run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureWriter();
        return ValueTask.FromResult(Guarded("start the run in", () =>
        {
            var stored = ReadDescription();
            if (stored is null)
            {
                using var insert = Command("INSERT INTO run (id, started_at, description) VALUES (1, $at, $description)");
                insert.Parameters.AddWithValue("$at", Now());
                insert.Parameters.AddWithValue("$description", RunJson.Write(run));
                insert.ExecuteNonQuery();
                return (RunCheckpoint?)null;
            }

            var differences = RunComparison.Differences(stored, run);
            if (differences.Count > 0)
            {
                throw new RunMismatchException(
                    $"The run store in '{Directory}' holds another run, so nothing was loaded:\n- {string.Join("\n- ", differences)}\n" +
                    "Resume it with the code, data and options it was started with, or train in another directory.", differences);
            }

            return Checkpoint(stored);
        }));
    }

    /// <inheritdoc />
    public ValueTask CommitBaselineAsync(Evaluation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validation);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureWriter();
        Guarded("commit the baseline validation to", () =>
        {
            using var transaction = _connection.BeginTransaction();
            InsertRollouts(transaction, 0, "validation", validation);
            transaction.Commit();
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CommitStepAsync(StepCommit step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureWriter();
        Guarded($"commit step {step.Number} to", () =>
        {
            using var transaction = _connection.BeginTransaction();
            using (var insert = Command("""
                INSERT INTO steps (number, epoch, batch_in_epoch, committed_at, elapsed_ms, batch_score, batch_accuracy, validation_score,
                    validation_accuracy, parameters_before, parameters_after, optimizer, candidates, usage, state)
                VALUES ($number, $epoch, $batch, $at, $elapsed, $score, $accuracy, $vscore, $vaccuracy, $before, $after, $optimizer, $candidates, $usage, $state)
                """, transaction))
            {
                insert.Parameters.AddWithValue("$number", step.Number);
                insert.Parameters.AddWithValue("$epoch", step.Epoch);
                insert.Parameters.AddWithValue("$batch", step.BatchInEpoch);
                insert.Parameters.AddWithValue("$at", Now());
                insert.Parameters.AddWithValue("$elapsed", step.Elapsed.TotalMilliseconds);
                insert.Parameters.AddWithValue("$score", step.Batch.MeanScore);
                insert.Parameters.AddWithValue("$accuracy", step.Batch.Accuracy);
                insert.Parameters.AddWithValue("$vscore", (object?)step.Validation?.MeanScore ?? DBNull.Value);
                insert.Parameters.AddWithValue("$vaccuracy", (object?)step.Validation?.Accuracy ?? DBNull.Value);
                insert.Parameters.AddWithValue("$before", step.ParametersBefore);
                insert.Parameters.AddWithValue("$after", step.ParametersAfter);
                insert.Parameters.AddWithValue("$optimizer", RunJson.Write(step.Log));
                insert.Parameters.AddWithValue("$candidates", RunJson.Write(step.Candidates));
                insert.Parameters.AddWithValue("$usage", RunJson.Write(step.Usage));
                insert.Parameters.AddWithValue("$state", RunJson.Write(step.State));
                insert.ExecuteNonQuery();
            }

            InsertRollouts(transaction, step.Number, "batch", step.Batch);
            if (step.Validation is { } validation) InsertRollouts(transaction, step.Number, "validation", validation);
            using (var graph = Command("INSERT INTO graphs (step, position, example_id, output, nodes) VALUES ($step, $position, $example, $output, $nodes)", transaction))
            {
                var position = graph.Parameters.Add("$position", SqliteType.Integer);
                var example = graph.Parameters.Add("$example", SqliteType.Text);
                var output = graph.Parameters.Add("$output", SqliteType.Integer);
                var nodes = graph.Parameters.Add("$nodes", SqliteType.Text);
                graph.Parameters.AddWithValue("$step", step.Number);
                for (var i = 0; i < step.Graphs.Count; i++)
                {
                    (position.Value, example.Value, output.Value, nodes.Value) = (i, step.Graphs[i].ExampleId, step.Graphs[i].Output, RunJson.Write(step.Graphs[i].Nodes));
                    graph.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask FinishAsync(RunFinish finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureWriter();
        Guarded("finish the run in", () =>
        {
            using var update = Command("UPDATE run SET finished_at = $at, finish = $finish WHERE id = 1");
            update.Parameters.AddWithValue("$at", Now());
            update.Parameters.AddWithValue("$finish", RunJson.Write(finish));
            return update.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    private void InsertRollouts(SqliteTransaction transaction, int step, string kind, Evaluation evaluation)
    {
        using var insert = Command("""
            INSERT INTO rollouts (step, kind, position, example_id, output, error, score, correct, feedback, feedback_reached, agent_usage, guide_usage, usage_by_model, ran_on)
            VALUES ($step, $kind, $position, $example, $output, $error, $score, $correct, $feedback, $reached, $agent, $guide, $models, $ranOn)
            """, transaction);
        insert.Parameters.AddWithValue("$step", step);
        insert.Parameters.AddWithValue("$kind", kind);
        var position = insert.Parameters.Add("$position", SqliteType.Integer);
        var example = insert.Parameters.Add("$example", SqliteType.Text);
        var output = insert.Parameters.Add("$output", SqliteType.Text);
        var error = insert.Parameters.Add("$error", SqliteType.Text);
        var score = insert.Parameters.Add("$score", SqliteType.Real);
        var correct = insert.Parameters.Add("$correct", SqliteType.Integer);
        var feedback = insert.Parameters.Add("$feedback", SqliteType.Text);
        var reached = insert.Parameters.Add("$reached", SqliteType.Integer);
        var agent = insert.Parameters.Add("$agent", SqliteType.Text);
        var guide = insert.Parameters.Add("$guide", SqliteType.Text);
        var models = insert.Parameters.Add("$models", SqliteType.Text);
        var ranOn = insert.Parameters.Add("$ranOn", SqliteType.Text);
        for (var i = 0; i < evaluation.Rollouts.Count; i++)
        {
            var rollout = evaluation.Rollouts[i];
            position.Value = i;
            example.Value = rollout.ExampleId;
            output.Value = (object?)rollout.Output ?? DBNull.Value;
            error.Value = (object?)rollout.Error ?? DBNull.Value;
            score.Value = rollout.Judgement.Score;
            correct.Value = rollout.Judgement.Correct ? 1 : 0;
            feedback.Value = rollout.Judgement.Feedback;
            reached.Value = rollout.FeedbackReached;
            agent.Value = RunJson.Write(rollout.AgentUsage);
            guide.Value = RunJson.Write(rollout.GuideUsage);
            models.Value = rollout.UsageByModel is { } byModel ? RunJson.Write(byModel) : DBNull.Value;
            ranOn.Value = rollout.RanOn;
            insert.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction ?? _snapshot;
        return command;
    }

    private void EnsureWriter()
    {
        if (_lock is null) throw new InvalidOperationException($"The run store in '{Directory}' was opened to read (OpenRead): open it with SqliteRunStore.Open to train.");
    }

    private T Guarded<T>(string doing, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e)
        {
            throw Failure(e, DatabasePath, doing);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            throw new RunStoreException($"Could not {doing} the run store '{DatabasePath}': a record in it is damaged ({e.Message}). Restore the file from a copy, or start a new run in another directory.", e);
        }
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
