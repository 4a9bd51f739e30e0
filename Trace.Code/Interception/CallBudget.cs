using System.ComponentModel;
using System.Diagnostics;
using Opto.Code;

namespace Opto.Interception;

/// <summary>
/// The time and recursion budget of one call of replacement code. The compiler of replacement code passes it to the
/// body and inserts <see cref="Check"/> at the start of the method and of every loop and local function body, so code
/// that runs too long stops at its next checkpoint with <see cref="CodeBudgetExceededException"/>; calls of the
/// method itself share the budget and count depth, and so do calls of replacement code that start while one runs on
/// the same thread (re-entry through host code). Used by generated code only.
/// </summary>
/// <remarks>
/// A checkpoint reads the clock only when a shared tick, advanced every 10 ms by one timer that runs while budgets
/// are in use, has moved since its last read (and every 256 checkpoints besides): a tight loop pays two plain reads
/// per iteration, and a call is stopped at its first checkpoint after the deadline, so within about one tick plus one
/// iteration of it, whatever an iteration costs.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CallBudget
{
    // The clock is read when the tick moved, and every 256 checkpoints in case the timer has stopped or is late.
    private const int ChecksPerClockRead = 256;
    private const int TickMilliseconds = 10;

    // The timer stops after this many ticks in which no budget read the clock, and restarts at the next read.
    private const int IdleTicks = 100;

    private static readonly Lock s_timerLock = new();
    private static Timer? s_timer;
    private static int s_tick;
    private static int s_lastUse;

    // The innermost call of replacement code running on this thread: a call that starts while one runs (re-entry
    // through host code) joins its depth count and stack guard instead of starting afresh.
    [ThreadStatic]
    private static CallBudget? t_current;

    private readonly long _deadline;
    private readonly long _milliseconds;
    private readonly int _maxDepth;
    private readonly string _method;
    private readonly CallBudget _root;
    private readonly CallBudget? _outer;
    private int _depth;
    private int _checks;
    private int _seenTick;

    // Why every checkpoint throws: the time is up, or a depth or stack limit tripped; null while the call may run.
    private string? _stop;

    private CallBudget(long milliseconds, int maxDepth, string method, CallBudget? outer)
    {
        _milliseconds = milliseconds;
        _deadline = milliseconds <= 0 ? long.MaxValue : Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
        _maxDepth = maxDepth;
        _method = method;
        _outer = outer;
        _root = outer?._root ?? this;
        if (milliseconds > 0)
        {
            _seenTick = Volatile.Read(ref s_tick);
            Ticking();
        }
    }

    /// <summary>
    /// Starts the budget of a call of replacement code. When replacement code already runs on this thread (it called
    /// host code that called a trainable method again), the new call joins it: it counts one more level of the same
    /// depth, is checked against the stack guard, and stops at once if the running call's depth or stack limit has
    /// tripped. Pair with <see cref="Leave"/>.
    /// </summary>
    /// <param name="milliseconds">The time budget, or 0 for none.</param>
    /// <param name="maxDepth">How deep the replacement may call itself.</param>
    /// <param name="method">The method's name, for messages.</param>
    public static CallBudget Start(long milliseconds, int maxDepth, string method)
    {
        var outer = t_current;
        if (outer?._stop is { } stop) throw new CodeBudgetExceededException(stop);
        var budget = new CallBudget(milliseconds, maxDepth, method, outer);
        budget.CheckStack();
        if (budget._root._depth + 1 > maxDepth) throw budget.Trip(budget.TooDeep());

        budget._root._depth++;
        t_current = budget;
        return budget;
    }

    /// <summary>Ends a call started by <see cref="Start"/>.</summary>
    public void Leave()
    {
        _root._depth--;
        t_current = _outer;
    }

    /// <summary>Enters a recursive call.</summary>
    public void Enter()
    {
        Check();
        CheckStack();
        if (_root._depth + 1 > _maxDepth) throw Trip(TooDeep());
        _root._depth++;
    }

    /// <summary>Leaves a recursive call.</summary>
    public void Exit() => _root._depth--;

    /// <summary>
    /// Whether the call must stop: its time is up, or a depth or stack limit tripped; generated catch clauses let the
    /// budget's exception through once it is.
    /// </summary>
    public bool Expired => _stop is not null;

    /// <summary>
    /// A checkpoint: throws <see cref="CodeBudgetExceededException"/> when the call's time is up or a depth or stack
    /// limit has tripped (every time, once it has).
    /// </summary>
    public void Check()
    {
        if (_stop is not null) throw new CodeBudgetExceededException(_stop);
        if (Volatile.Read(ref s_tick) != _seenTick || ++_checks % ChecksPerClockRead == 0) CheckClock();
    }

    /// <summary>The checkpoint at the start of a lambda or local function: also stops recursion before the stack runs out.</summary>
    public void CheckEntry()
    {
        Check();
        CheckStack();
    }

    /// <summary>
    /// Whether an exception leaving the call hides why it was stopped: the budget ran out or a limit tripped, and a
    /// finally block threw something else as the call unwound. The call then ends with <see cref="Stopped"/>.
    /// </summary>
    /// <param name="escaping">The exception leaving the call.</param>
    public bool Hides(Exception escaping) => _stop is not null && escaping is not CodeBudgetExceededException;

    /// <summary>The exception a stopped call ends with, holding the one a finally block threw instead.</summary>
    /// <param name="escaping">The exception leaving the call.</param>
    public CodeBudgetExceededException Stopped(Exception escaping) => new(_stop ?? "The replacement code was stopped.", escaping);

    /// <summary>
    /// The guard of a finally block: whether there is stack left to run it. When there is not, the call's stack limit
    /// trips (every checkpoint and call of replacement code throws until the outermost call returns) and the block is
    /// skipped, because an exception it threw would need stack the process no longer has.
    /// </summary>
    public bool MayRunFinally()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return true;
        _ = Trip($"The replacement code of {_method} recursed so deep that the stack is nearly exhausted, and was stopped (its finally blocks were skipped from then on).");
        return false;
    }

    private void CheckStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Trip($"The replacement code of {_method} recursed so deep that the stack is nearly exhausted, and was stopped.");
        }
    }

    private string TooDeep() => $"The replacement code of {_method} called itself more than {_maxDepth} levels deep.";

    // A depth or stack limit stops this call, every call it runs in, and every call of replacement code running on
    // this thread, until the outermost one returns.
    private CodeBudgetExceededException Trip(string message)
    {
        for (var budget = this; budget is not null; budget = budget._outer) budget._stop ??= message;
        for (var budget = t_current; budget is not null; budget = budget._outer) budget._stop ??= message;
        return new CodeBudgetExceededException(message);
    }

    private void CheckClock()
    {
        _seenTick = Volatile.Read(ref s_tick);
        if (_deadline == long.MaxValue) return;
        Ticking();
        if (Stopwatch.GetTimestamp() <= _deadline) return;
        _stop = TimeUp();
        throw new CodeBudgetExceededException(_stop);
    }

    // Marks the tick as in use and makes sure the timer runs.
    private static void Ticking()
    {
        Volatile.Write(ref s_lastUse, Volatile.Read(ref s_tick));
        if (Volatile.Read(ref s_timer) is not null) return;
        lock (s_timerLock)
        {
            s_timer ??= new Timer(static _ => Tick(), null, TickMilliseconds, TickMilliseconds);
        }
    }

    private static void Tick()
    {
        var tick = Interlocked.Increment(ref s_tick);
        if (tick - Volatile.Read(ref s_lastUse) <= IdleTicks) return;
        lock (s_timerLock)
        {
            // A budget that reads the clock after this restarts the timer; until then its 256-checkpoint reads hold.
            s_timer?.Dispose();
            s_timer = null;
        }
    }

    /// <summary>
    /// The call's result, as it is (only asynchronous results are bounded: see the overloads for tasks), unless the call
    /// was stopped: a finally block skipped because the stack was nearly exhausted lets the code return normally.
    /// </summary>
    /// <param name="value">The result.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public T Bound<T>(T value) => _stop is null ? value : throw new CodeBudgetExceededException(_stop);

    /// <summary>The end of a call without a result: throws if the call was stopped (see <see cref="Bound{T}(T)"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Returned()
    {
        if (_stop is not null) throw new CodeBudgetExceededException(_stop);
    }

    /// <summary>
    /// An asynchronous call completes within the time left in its budget: while it awaits something that never
    /// completes no checkpoint runs, so a task still pending when the budget runs out completes with
    /// <see cref="CodeBudgetExceededException"/>, and the budget expires, so the code stops at its next checkpoint if it
    /// ever resumes.
    /// </summary>
    /// <param name="task">The call's task.</param>
    public Task Bound(Task task) => _stop is not null ? throw new CodeBudgetExceededException(_stop) : task.IsCompleted || _deadline == long.MaxValue ? task : WaitBounded(task);

    /// <inheritdoc cref="Bound(Task)"/>
    public Task<T> Bound<T>(Task<T> task) => _stop is not null ? throw new CodeBudgetExceededException(_stop) : task.IsCompleted || _deadline == long.MaxValue ? task : WaitBounded(task);

    /// <inheritdoc cref="Bound(Task)"/>
    public ValueTask Bound(ValueTask task) => _stop is not null ? throw new CodeBudgetExceededException(_stop) : task.IsCompleted || _deadline == long.MaxValue ? task : new ValueTask(WaitBounded(task.AsTask()));

    /// <inheritdoc cref="Bound(Task)"/>
    public ValueTask<T> Bound<T>(ValueTask<T> task) => _stop is not null ? throw new CodeBudgetExceededException(_stop) : task.IsCompleted || _deadline == long.MaxValue ? task : new ValueTask<T>(WaitBounded(task.AsTask()));

    private async Task WaitBounded(Task task)
    {
        try
        {
            await task.WaitAsync(Remaining()).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new CodeBudgetExceededException(_stop ??= TimeUp());
        }
    }

    private async Task<T> WaitBounded<T>(Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Remaining()).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new CodeBudgetExceededException(_stop ??= TimeUp());
        }
    }

    private TimeSpan Remaining() =>
        TimeSpan.FromSeconds(Math.Max(0, _deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);

    private string TimeUp() =>
        $"The replacement code of {_method} ran longer than its time budget of {_milliseconds} ms and was stopped.";
}
