using System.Diagnostics;
using System.Text.Json;

namespace Opto.Code.Isolation;

/// <summary>
/// Runs candidate code in worker processes, so that what one process cannot survive (a stack overflow in a callee, a
/// native crash, memory exhaustion, a thread that ignores every budget) ends a worker, not the application. Each trial
/// installs the candidates in a worker (same compiler, policy, budget and recursion limits as in-process swaps, with the
/// settings of the host's <see cref="CodeParameter"/>), runs an <see cref="ICodeTrial{TInput, TOutput}"/> and returns
/// its output, or how it failed as feedback. A dead or killed worker is replaced for the next trial. The host's code
/// parameters are not changed: install the winner with <see cref="ParameterNode.SetValue"/> once it is chosen.
/// </summary>
/// <remarks>
/// A worker is a <c>dotnet</c> process of the host's runtime that loads the host's assemblies from their files, so the
/// trial and the trainable methods must live in assemblies loaded from files (a normal build output).
/// Workers start on first use and are reused between trials; dispose the runner to stop them.
/// </remarks>
public sealed class IsolatedCodeRunner : IAsyncDisposable, IDisposable
{
    private readonly IsolatedCodeOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<WorkerProcess> _idle = new();
    private readonly Lock _lock = new();
    private int _started;
    private bool _disposed;

    /// <summary>Creates a runner; no worker starts until the first trial.</summary>
    /// <param name="options">Limits of the workers; default <see cref="IsolatedCodeOptions"/>.</param>
    public IsolatedCodeRunner(IsolatedCodeOptions? options = null)
    {
        _options = options ?? new IsolatedCodeOptions();
        _options.Validate();
        _slots = new SemaphoreSlim(_options.Workers, _options.Workers);
    }

    /// <summary>How many worker processes this runner has started, replacements included.</summary>
    public int WorkersStarted => Volatile.Read(ref _started);

    /// <summary>
    /// Runs <typeparamref name="TTrial"/> on <paramref name="input"/> in a worker where each code parameter of
    /// <paramref name="code"/> runs the given code (other trainable methods run their original code).
    /// </summary>
    /// <typeparam name="TTrial">The trial; a public class with a parameterless constructor, in an assembly loaded from a file.</typeparam>
    /// <typeparam name="TInput">Its input, sent as JSON.</typeparam>
    /// <typeparam name="TOutput">Its output, returned as JSON.</typeparam>
    /// <param name="code">The candidate code of each code parameter to try (empty: the original code everywhere).</param>
    /// <param name="input">The trial's input.</param>
    /// <param name="cancellationToken">Cancels the trial; the worker running it is killed.</param>
    public async Task<IsolatedRun<TOutput>> RunAsync<TTrial, TInput, TOutput>(
        IReadOnlyDictionary<CodeParameter, string> code, TInput input, CancellationToken cancellationToken = default)
        where TTrial : ICodeTrial<TInput, TOutput>, new()
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var trial = typeof(TTrial);
        if (string.IsNullOrEmpty(trial.Assembly.Location) || trial.AssemblyQualifiedName is null)
        {
            throw new InvalidOperationException($"{trial.FullName} is not in an assembly loaded from a file, so a worker process cannot load it. Declare the trial in a project's assembly.");
        }

        var candidates = code.Select(pair => Candidate(pair.Key, pair.Value)).ToArray();
        var json = JsonSerializer.Serialize(input, WorkerJson.Values);

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        WorkerProcess? worker = null;
        try
        {
            var started = false;
            worker = TakeIdle();
            if (worker is null)
            {
                worker = await WorkerProcess.StartAsync(_options, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _started);
                started = true;
            }

            var clock = Stopwatch.StartNew();
            var reply = await worker.RunAsync(trial.AssemblyQualifiedName, candidates, json, _options.TimeLimit, cancellationToken).ConfigureAwait(false);
            var output = reply.Outcome == IsolatedOutcome.Completed && reply.Output is not null
                ? JsonSerializer.Deserialize<TOutput>(reply.Output, WorkerJson.Values)
                : default;
            return new IsolatedRun<TOutput>(reply.Outcome, output, reply.Message, clock.Elapsed, started);
        }
        finally
        {
            Return(worker);
            _slots.Release();
        }
    }

    private static WorkerCandidate Candidate(CodeParameter parameter, string code)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(code);
        var declaring = parameter.Member.DeclaringType;
        if (string.IsNullOrEmpty(declaring.Assembly.Location) || declaring.AssemblyQualifiedName is null)
        {
            throw new InvalidOperationException($"{declaring.FullName} is not in an assembly loaded from a file, so a worker process cannot load {parameter.Name}.");
        }

        return new WorkerCandidate(
            declaring.AssemblyQualifiedName,
            parameter.Name,
            code,
            parameter.Policy.Allowed,
            [.. parameter.Policy.AllowedNamespaces],
            parameter.TimeBudget?.TotalMilliseconds,
            parameter.MaxRecursionDepth,
            parameter.CompileTimeLimit.TotalMilliseconds);
    }

    private WorkerProcess? TakeIdle()
    {
        lock (_lock)
        {
            return _idle.TryPop(out var worker) ? worker : null;
        }
    }

    private void Return(WorkerProcess? worker)
    {
        if (worker is null) return;
        var keep = !worker.IsDead && !(_options.TrialsPerWorker is { } most && worker.Trials >= most);
        lock (_lock)
        {
            if (keep && !_disposed)
            {
                _idle.Push(worker);
                return;
            }
        }

        worker.Dispose();
    }

    /// <summary>Stops the idle workers (a trial still running keeps its worker until it ends, then stops it).</summary>
    public void Dispose()
    {
        List<WorkerProcess> idle;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var worker in idle) worker.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
