namespace Opto.Interception;

/// <summary>
/// A traced call that is running. Traced calls made while it runs (directly, through untraced helpers, on other
/// objects, in tasks it starts) report the trainable parameters they depended on to it, so the outer call's node
/// depends on them too: feedback on the outer result reaches a trainable value read two calls down.
/// </summary>
/// <remarks>
/// The running call flows with the async context, like the trace scope, so nested calls on other threads and after
/// awaits find it. Only parameters are reported, never the nested calls' results: an outer node depends on what its
/// body read, exactly as if the nested methods' bodies were written inline.
/// </remarks>
internal sealed class CallFrame
{
    private static readonly AsyncLocal<CallFrame?> s_current = new();

    // Guarded by locking the frame itself (frames are never handed out): one object fewer per traced call.
    private List<ParameterNode>? _reported;
    private HashSet<ParameterNode>? _known;

    private ExecutionContext? _before;
    private ExecutionContext? _entered;
    private object? _slotsBefore;

    private CallFrame(CallFrame? parent, OperatorInfo op, object? receiver)
    {
        Parent = parent;
        Operator = op;
        Receiver = receiver;
    }

    public CallFrame? Parent { get; }

    /// <summary>The traced method running.</summary>
    public OperatorInfo Operator { get; }

    /// <summary>The object it runs on (null for static methods and struct receivers).</summary>
    public object? Receiver { get; }

    /// <summary>The frame of the traced call running here, if any.</summary>
    public static CallFrame? Current => s_current.Value;

    /// <summary>Makes a new frame current for the call about to run; <see cref="Exit"/> restores its parent.</summary>
    public static CallFrame Enter(OperatorInfo op, object? receiver)
    {
        var before = ExecutionContext.Capture();
        var frame = new CallFrame(s_current.Value, op, receiver) { _slotsBefore = GlueSlots.Snapshot() };
        s_current.Value = frame;
        frame._before = before;
        frame._entered = ExecutionContext.Capture();
        return frame;
    }

    /// <summary>Makes the parent current again, once the call has returned (or returned its task).</summary>
    public void Exit()
    {
        var (before, entered, slots) = (_before, _entered, _slotsBefore);
        (_before, _entered, _slotsBefore) = (null, null, null);   // a frame outlives its call (as a parent, in captured contexts): keep no context alive
        if (!ReferenceEquals(s_current.Value, this)) return;

        // When nothing else changed the async context during the call, the context from before the call is exactly
        // the one to return to: switching back to it costs no allocation, where setting the value again would. When the
        // call changed an AsyncLocal of its own (as a synchronous method may, for its caller to see), only ours is reset.
        if (before is not null && ReferenceEquals(ExecutionContext.Capture(), entered))
        {
            ExecutionContext.Restore(before);
            return;
        }

        s_current.Value = Parent;
        // Glue slots opened by the call (its own body's producers, or a re-entry of the caller's method) stay its own.
        GlueSlots.Restore(slots);
    }

    /// <summary><paramref name="own"/> followed by the parameters nested calls reported that it does not hold.</summary>
    public ParameterNode[] AddReportedTo(ParameterNode[] own)
    {
        lock (this)
        {
            if (_reported is null) return own;
            var merged = new List<ParameterNode>(own.Length + _reported.Count);
            var seen = new HashSet<ParameterNode>(own, ReferenceEqualityComparer.Instance);
            merged.AddRange(own);
            foreach (var parameter in _reported)
            {
                if (seen.Add(parameter)) merged.Add(parameter);
            }

            return [.. merged];
        }
    }

    /// <summary>Adds the parameters a nested call depended on, each once.</summary>
    public void Report(ReadOnlySpan<ParameterNode> parameters)
    {
        if (parameters.IsEmpty) return;
        lock (this)
        {
            _reported ??= [];
            _known ??= new HashSet<ParameterNode>(ReferenceEqualityComparer.Instance);
            foreach (var parameter in parameters)
            {
                if (_known.Add(parameter)) _reported.Add(parameter);
            }
        }
    }
}
