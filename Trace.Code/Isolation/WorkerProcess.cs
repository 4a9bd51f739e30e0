using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Opto.Code.Isolation;

/// <summary>
/// One worker process as the host sees it: started with the runtime's heap limit, fed one trial at a time over standard
/// input, watched for its working set, killed when a trial overruns or is cancelled. A worker that died or was killed is
/// not used again.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int ErrorPartLength = 1_500;
    private static readonly TimeSpan s_memoryPoll = TimeSpan.FromMilliseconds(25);

    private readonly Process _process;
    private readonly StringBuilder _errorHead = new();
    private readonly StringBuilder _errors = new();
    private readonly long _workingSetLimit;
    private long _nextId;
    private volatile bool _killedForMemory;

    private WorkerProcess(Process process, long workingSetLimit)
    {
        _process = process;
        _workingSetLimit = workingSetLimit;
    }

    /// <summary>Whether the process is gone or was given up on.</summary>
    public bool IsDead { get; private set; }

    /// <summary>How many trials this worker has run.</summary>
    public int Trials { get; private set; }

    public static async Task<WorkerProcess> StartAsync(IsolatedCodeOptions options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(WorkerEntry.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(WorkerEntry.Ensure());
        start.Environment["DOTNET_GCHeapHardLimit"] = options.MemoryLimit.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("The code worker process did not start.");
        var worker = new WorkerProcess(process, options.MemoryLimit + options.RuntimeAllowance);
        process.ErrorDataReceived += (_, e) => worker.KeepError(e.Data);
        process.BeginErrorReadLine();
        process.StandardInput.NewLine = "\n";
        process.StandardInput.AutoFlush = false;
        foreach (var path in Compiling.MetadataReferences.AssemblyFiles()) await process.StandardInput.WriteLineAsync(path).ConfigureAwait(false);
        await process.StandardInput.WriteLineAsync().ConfigureAwait(false);
        await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeLimit);
        var (ready, ended) = await worker.ReadReplyAsync(timeout.Token).ConfigureAwait(false);
        if (ready is null)
        {
            worker.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException(ended ?? $"The code worker did not start within {options.StartTimeLimit.TotalSeconds:0.#} s (IsolatedCodeOptions.StartTimeLimit).");
        }

        return worker;
    }

    /// <summary>Runs one trial; a worker that does not answer in time, uses too much memory or dies is killed and reported.</summary>
    public async Task<WorkerReply> RunAsync(string trial, WorkerCandidate[] candidates, string input, TimeSpan limit, CancellationToken cancellationToken)
    {
        Trials++;
        var request = new WorkerRequest(++_nextId, trial, candidates, input, limit.TotalMilliseconds);
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, WorkerJson.Messages)).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return Died(request.Id);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        using var watch = WatchMemory(timeout);
        var (reply, ended) = await ReadReplyAsync(timeout.Token).ConfigureAwait(false);
        if (reply is not null)
        {
            // A worker that ran out of memory ends itself after answering.
            if (reply.Id == request.Id && reply.Outcome == IsolatedOutcome.OutOfMemory) IsDead = true;
            if (reply.Id == request.Id) return reply;
            ended = $"{NotAReply}: an answer to trial {reply.Id} during trial {request.Id}.";
        }

        Kill();
        cancellationToken.ThrowIfCancellationRequested();
        if (_killedForMemory)
        {
            return new WorkerReply(request.Id, IsolatedOutcome.OutOfMemory, null,
                $"The worker's working set passed {Mib(_workingSetLimit)} (IsolatedCodeOptions.MemoryLimit + RuntimeAllowance); it was killed.");
        }

        if (ended is null)
        {
            return new WorkerReply(request.Id, IsolatedOutcome.TimedOut, null,
                $"The trial did not finish within {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (IsolatedCodeOptions.TimeLimit); the worker was killed.");
        }

        return ended.StartsWith(NotAReply, StringComparison.Ordinal) ? new WorkerReply(request.Id, IsolatedOutcome.Crashed, null, ended) : Died(request.Id);
    }

    private const string NotAReply = "The code worker wrote something that is not a reply";

    private WorkerReply Died(long id)
    {
        Kill();
        WaitForEnd();
        var exit = _process.HasExited ? _process.ExitCode : -1;
        var tail = ErrorOutput();
        var what = tail.Contains("Stack overflow", StringComparison.Ordinal) ? "a stack overflow"
            : tail.Contains("OutOfMemoryException", StringComparison.Ordinal) ? "running out of memory"
            : $"exit code {exit}";
        var outcome = what == "running out of memory" ? IsolatedOutcome.OutOfMemory : IsolatedOutcome.Crashed;
        return new WorkerReply(id, outcome, null, $"The worker process died during the trial ({what})." + (tail.Length == 0 ? "" : $" Its error output:\n{tail}"));
    }

    // A reply line, or (null, why) when the worker ended, wrote something that is not a reply, or the token fired.
    private async Task<(WorkerReply? Reply, string? Ended)> ReadReplyAsync(CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (null, null);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }

        if (line is null)
        {
            IsDead = true;
            WaitForEnd();
            var tail = ErrorOutput();
            return (null, $"The code worker exited ({(_process.HasExited ? $"exit code {_process.ExitCode}" : "no exit code")}).{(tail.Length == 0 ? "" : $" Its error output:\n{tail}")}");
        }

        try
        {
            return (JsonSerializer.Deserialize<WorkerReply>(line, WorkerJson.Messages), null);
        }
        catch (JsonException)
        {
            IsDead = true;
            return (null, $"{NotAReply} (its standard output is the host's): {Tail(line)}");
        }
    }

    private IDisposable WatchMemory(CancellationTokenSource stop)
    {
        var timer = new Timer(_ =>
        {
            try
            {
                _process.Refresh();
                if (_process.HasExited || _process.WorkingSet64 <= _workingSetLimit) return;
                _killedForMemory = true;
                stop.Cancel();
            }
            catch (InvalidOperationException)
            {
                // The process ended between the checks, or the trial ended and disposed the token source.
            }
        }, null, s_memoryPoll, s_memoryPoll);
        return timer;
    }

    // The first lines say what happened ("Stack overflow."), the last ones where: both are kept, the middle dropped.
    private void KeepError(string? line)
    {
        if (line is null) return;
        lock (_errors)
        {
            if (_errorHead.Length < ErrorPartLength)
            {
                _errorHead.Append(line).Append('\n');
                return;
            }

            _errors.Append(line).Append('\n');
            if (_errors.Length > 2 * ErrorPartLength) _errors.Remove(0, _errors.Length - ErrorPartLength);
        }
    }

    private string ErrorOutput()
    {
        lock (_errors)
        {
            var tail = _errors.Length > ErrorPartLength ? "...\n" + _errors.ToString(_errors.Length - ErrorPartLength, ErrorPartLength) : _errors.ToString();
            return (_errorHead + tail).Trim();
        }
    }

    // The timed wait lets a stuck process go; the untimed one then drains the error output read so far.
    private void WaitForEnd()
    {
        if (_process.WaitForExit(2_000)) _process.WaitForExit();
    }

    private static string Tail(string text) => text.Length <= ErrorPartLength ? text : "..." + text[^ErrorPartLength..];

    private static string Mib(long bytes) => $"{bytes / (1024 * 1024)} MiB";

    private void Kill()
    {
        IsDead = true;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Lets the worker end on its own (its input closes), then kills it if it does not.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(2_000)) Kill();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            Kill();
        }

        IsDead = true;
        _process.Dispose();
    }
}
