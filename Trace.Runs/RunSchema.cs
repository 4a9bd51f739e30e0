using Microsoft.Data.Sqlite;

namespace Opto.Runs;

// The tables of a run database. A step is a row of steps with its rollouts and graphs; step 0 holds the baseline
// validation's rollouts. Everything a step has is written in the transaction that inserts its row.
internal static class RunSchema
{
    public const string Format = "opto-run";
    public const int Version = 1;

    private const string Tables = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE run (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            started_at TEXT NOT NULL,
            description TEXT NOT NULL,
            finished_at TEXT,
            finish TEXT);
        CREATE TABLE steps (
            number INTEGER PRIMARY KEY,
            epoch INTEGER NOT NULL,
            batch_in_epoch INTEGER NOT NULL,
            committed_at TEXT NOT NULL,
            elapsed_ms REAL NOT NULL,
            batch_score REAL NOT NULL,
            batch_accuracy REAL NOT NULL,
            validation_score REAL,
            validation_accuracy REAL,
            parameters_before TEXT NOT NULL,
            parameters_after TEXT NOT NULL,
            optimizer TEXT NOT NULL,
            candidates TEXT NOT NULL,
            usage TEXT NOT NULL,
            state TEXT NOT NULL);
        CREATE TABLE rollouts (
            step INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('batch', 'validation')),
            position INTEGER NOT NULL,
            example_id TEXT NOT NULL,
            output TEXT,
            error TEXT,
            score REAL NOT NULL,
            correct INTEGER NOT NULL,
            feedback TEXT NOT NULL,
            feedback_reached INTEGER NOT NULL,
            agent_usage TEXT NOT NULL,
            guide_usage TEXT NOT NULL,
            usage_by_model TEXT,
            ran_on TEXT NOT NULL,
            PRIMARY KEY (step, kind, position));
        CREATE TABLE graphs (
            step INTEGER NOT NULL,
            position INTEGER NOT NULL,
            example_id TEXT NOT NULL,
            output INTEGER NOT NULL,
            nodes TEXT NOT NULL,
            PRIMARY KEY (step, position));
        """;

    // A writer's new file gets the tables; an existing one must be a run database of this version. A reader changes nothing.
    public static void Ensure(SqliteConnection connection, string path, bool writer)
    {
        if (writer)
        {
            using var pragma = connection.CreateCommand();
            // WAL: readers do not block the writer; FULL: a committed step survives the machine losing power, not only a killed process.
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
            pragma.ExecuteNonQuery();
        }

        using var check = connection.CreateCommand();
        check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        if ((long)check.ExecuteScalar()! == 0)
        {
            if (!writer) throw new RunStoreException($"'{path}' holds no run yet: its training has not started. Read it once training has begun.");
            using var transaction = connection.BeginTransaction();
            using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = Tables + $"INSERT INTO meta VALUES ('format', '{Format}'), ('version', '{Version}');";
            create.ExecuteNonQuery();
            transaction.Commit();
            return;
        }

        check.CommandText = "SELECT value FROM meta WHERE key = 'format'";
        string? format;
        try
        {
            format = check.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            format = null;
        }

        if (format != Format) throw new RunStoreException($"'{path}' is an SQLite database but not a run store (it has no '{Format}' marker). Open a run directory written by this library, or choose another directory.");
        check.CommandText = "SELECT value FROM meta WHERE key = 'version'";
        var version = check.ExecuteScalar() as string;
        if (version != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new RunStoreException($"'{path}' is a run store of format version {version}; this library reads version {Version}. Open it with the library version that wrote it.");
        }
    }
}
