using System.ComponentModel;
using System.Diagnostics;

namespace Opto.Code;

/// <summary>
/// The time and recursion budget of one call of replacement code. The compiler of replacement code passes it to the
/// body and inserts <see cref="Check"/> at the start of the method and of every loop and local function body, so code
/// that runs too long stops at its next checkpoint with <see cref="CodeBudgetExceededException"/>; calls of the
/// method itself share the budget and count depth. Used by generated code only.
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

    private readonly long _deadline;
    private readonly long _milliseconds;
    private readonly int _maxDepth;
    private readonly string _method;
    private int _depth;
    private int _checks;
    private int _seenTick;
    private bool _expired;

    private CallBudget(long milliseconds, int maxDepth, string method)
    {
        _milliseconds = milliseconds;
        _deadline = milliseconds <= 0 ? long.MaxValue : Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
        _maxDepth = maxDepth;
        _method = method;
        if (milliseconds > 0)
        {
            _seenTick = Volatile.Read(ref s_tick);
            Ticking();
        }
    }

    /// <summary>Starts the budget of an outermost call.</summary>
    /// <param name="milliseconds">The time budget, or 0 for none.</param>
    /// <param name="maxDepth">How deep the replacement may call itself.</param>
    /// <param name="method">The method's name, for messages.</param>
    public static CallBudget Start(long milliseconds, int maxDepth, string method) => new(milliseconds, maxDepth, method) { _depth = 1 };

    /// <summary>Enters a recursive call.</summary>
    public void Enter()
    {
        if (++_depth > _maxDepth)
        {
            _depth--;
            throw new CodeBudgetExceededException($"The replacement code of {_method} called itself more than {_maxDepth} levels deep.");
        }

        CheckEntry();
    }

    /// <summary>Leaves a recursive call.</summary>
    public void Exit() => _depth--;

    /// <summary>Whether the time is up; generated catch clauses let the budget's exception through once it is.</summary>
    public bool Expired => _expired;

    /// <summary>A checkpoint: throws <see cref="CodeBudgetExceededException"/> when the call's time is up (every time, once it is).</summary>
    public void Check()
    {
        if (_expired) throw Exceeded();
        if (Volatile.Read(ref s_tick) != _seenTick || ++_checks % ChecksPerClockRead == 0) CheckClock();
    }

    /// <summary>The checkpoint at the start of a lambda or local function: also stops recursion before the stack runs out.</summary>
    public void CheckEntry()
    {
        Check();
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new CodeBudgetExceededException($"The replacement code of {_method} recursed so deep that the stack is nearly exhausted, and was stopped.");
        }
    }

    private void CheckClock()
    {
        _seenTick = Volatile.Read(ref s_tick);
        if (_deadline == long.MaxValue) return;
        Ticking();
        if (Stopwatch.GetTimestamp() <= _deadline) return;
        _expired = true;
        throw Exceeded();
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

    private CodeBudgetExceededException Exceeded() =>
        new($"The replacement code of {_method} ran longer than its time budget of {_milliseconds} ms and was stopped.");
}
