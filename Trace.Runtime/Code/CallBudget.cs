using System.ComponentModel;
using System.Diagnostics;

namespace Opto.Code;

/// <summary>
/// The time and recursion budget of a call of replacement code. The compiler of replacement code inserts
/// <see cref="Check()"/> at the start of the method and of every loop and local function body, so code that runs too
/// long is stopped at its next checkpoint with <see cref="CodeBudgetExceededException"/>. Called by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CallBudget
{
    private static readonly AsyncLocal<Frame?> s_current = new();

    /// <summary>Enters a call: the outermost call starts the clock; nested calls (recursion) share it and count depth.</summary>
    /// <param name="milliseconds">The time budget of the outermost call, or 0 for none.</param>
    /// <param name="maxDepth">How deep the replacement may call itself.</param>
    /// <param name="method">The method's name, for the message.</param>
    public static Scope Enter(long milliseconds, int maxDepth, string method)
    {
        var frame = s_current.Value;
        if (frame is null || frame.Depth == 0)
        {
            frame = new Frame(milliseconds <= 0 ? long.MaxValue : Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000, milliseconds, maxDepth, method);
            s_current.Value = frame;
        }

        if (Interlocked.Increment(ref frame.Depth) > frame.MaxDepth)
        {
            Interlocked.Decrement(ref frame.Depth);
            throw new CodeBudgetExceededException($"The replacement code of {frame.Method} called itself more than {frame.MaxDepth} levels deep.");
        }

        Check(frame);
        return new Scope(frame);
    }

    /// <summary>Throws <see cref="CodeBudgetExceededException"/> when the current call's time is up.</summary>
    public static void Check()
    {
        if (s_current.Value is { } frame) Check(frame);
    }

    private static void Check(Frame frame)
    {
        if (Stopwatch.GetTimestamp() > frame.Deadline)
        {
            throw new CodeBudgetExceededException($"The replacement code of {frame.Method} ran longer than its time budget of {frame.Milliseconds} ms and was stopped.");
        }
    }

    /// <summary>Leaves a call when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Frame _frame;

        internal Scope(Frame frame) => _frame = frame;

        /// <summary>Leaves the call.</summary>
        public void Dispose() => Interlocked.Decrement(ref _frame.Depth);
    }

    internal sealed class Frame(long deadline, long milliseconds, int maxDepth, string method)
    {
        public readonly long Deadline = deadline;
        public readonly long Milliseconds = milliseconds;
        public readonly int MaxDepth = maxDepth;
        public readonly string Method = method;
        public int Depth;
    }
}
