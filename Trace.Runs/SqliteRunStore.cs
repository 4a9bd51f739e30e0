using Microsoft.Data.Sqlite;
using Opto.Training;

namespace Opto.Runs;

/// <summary>
/// A training run kept in an SQLite database, <c>run.db</c> in its own directory: the zero-setup store. Each step is
/// one transaction, committed after the step is applied, so a crash at any point leaves every earlier step intact and
/// the run resumes after the last one.
/// </summary>
/// <remarks>
/// Open the store for training with <see cref="Open"/> (one process at a time: a second one gets a clear error) and
/// give it to <see cref="TrainerOptions.Store"/>; read runs with <see cref="OpenRead"/>, also while one is training.
/// </remarks>
public sealed partial class SqliteRunStore : IRunStore, IDisposable
{
    /// <summary>The database file's name in a run directory.</summary>
    public const string FileName = "run.db";

    private const string LockName = "run.lock";
    private readonly SqliteConnection _connection;
    private readonly FileStream? _lock;
    private SqliteTransaction? _snapshot;

    private SqliteRunStore(string directory, SqliteConnection connection, FileStream? writerLock)
    {
        Directory = directory;
        _connection = connection;
        _lock = writerLock;
    }

    /// <summary>The run's directory.</summary>
    public string Directory { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(Directory, FileName);

    /// <summary>Opens the run in <paramref name="directory"/> for training, creating the directory and the database when they do not exist.</summary>
    /// <param name="directory">The run's directory; one run per directory.</param>
    /// <param name="lockTimeout">How long a write waits for a lock another program holds on the database, rounded up to whole seconds; default 5 seconds.</param>
    /// <exception cref="RunStoreException">Another process is training this run, or the file is not a run store or is damaged.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lockTimeout"/> is not positive.</exception>
    public static SqliteRunStore Open(string directory, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (lockTimeout is { } timeout && timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lockTimeout), timeout, "The lock timeout must be positive (it is rounded up to whole seconds).");
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        FileStream writerLock;
        try
        {
            // The operating system releases this lock when the process ends, however it ends.
            writerLock = new FileStream(Path.Combine(full, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new RunStoreException($"Another process is training the run in '{full}' (its {LockName} is held). Wait for it to end, or train in another directory.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RunStoreException($"Cannot train the run in '{full}': this process may not write there ({e.Message}). Choose a directory it can write to.", e);
        }

        try
        {
            return new SqliteRunStore(full, Connect(Path.Combine(full, FileName), SqliteOpenMode.ReadWriteCreate, lockTimeout), writerLock);
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the run in <paramref name="directory"/> to read it, also while another process trains it: the database is
    /// opened read-only, and the store's training methods (<see cref="IRunStore"/>) refuse to write.
    /// </summary>
    /// <param name="directory">A run directory.</param>
    /// <exception cref="RunStoreException">The directory holds no run store, or its file is not one or is damaged.</exception>
    public static SqliteRunStore OpenRead(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        var path = Path.Combine(full, FileName);
        if (!File.Exists(path)) throw new RunStoreException($"'{full}' holds no run store (no {FileName}). Pass a directory a training run wrote.");
        return new SqliteRunStore(full, Connect(path, SqliteOpenMode.ReadOnly, null), null);
    }

    /// <summary>The run directories under <paramref name="root"/> (each directory with a <c>run.db</c>, at any depth), sorted.</summary>
    /// <param name="root">Where runs are kept.</param>
    public static IReadOnlyList<string> FindRuns(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        if (!System.IO.Directory.Exists(root)) return [];
        return [.. System.IO.Directory.EnumerateFiles(root, FileName, SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!)
            .Order(StringComparer.Ordinal)];
    }

    // A database that can grow no further than it is now plus a few pages: how tests run out of disk.
    internal void LimitGrowth(int pages)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        var count = (long)command.ExecuteScalar()!;
        command.CommandText = $"PRAGMA max_page_count = {count + pages}";
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _lock?.Dispose();
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode, TimeSpan? lockTimeout)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling((lockTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            RunSchema.Ensure(connection, path, writer: mode != SqliteOpenMode.ReadOnly);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Failure(e, path, "open");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // SQLite's result codes, said in words, with what is still safe. "doing" reads "Could not {doing} the run store".
    internal static RunStoreException Failure(SqliteException e, string path, string doing) => e.SqliteErrorCode switch
    {
        13 => new RunStoreException($"Could not {doing} the run store '{path}': the disk or the database is full ({e.Message}). Every step committed before is intact; free space and resume the run.", e),
        5 or 6 => new RunStoreException($"Could not {doing} the run store '{path}': the database is locked by another connection ({e.Message}). Every step committed before is intact; close the other program and resume.", e),
        11 or 26 => new RunStoreException($"Could not {doing} the run store '{path}': the file is not a database or is damaged ({e.Message}). Restore it from a copy, or start a new run in another directory.", e),
        _ => new RunStoreException($"Could not {doing} the run store '{path}': {e.Message} Every step committed before is intact.", e),
    };
}
