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
    private Reports? _reports;

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
    /// <param name="op">The traced method about to run.</param>
    /// <param name="receiver">The object it runs on.</param>
    /// <param name="entry">What <see cref="Exit"/> needs; the call keeps it, so the frame (which outlives the call as a parent) keeps no context alive.</param>
    public static CallFrame Enter(OperatorInfo op, object? receiver, out Entry entry)
    {
        var frame = new CallFrame(s_current.Value, op, receiver);
        frame.Resume(out entry);
        return frame;
    }

    /// <summary>
    /// Makes this frame current (again: for another step of a traced iterator's body, which runs as the call's), where its
    /// parent is current; <see cref="Exit"/> makes the parent current again.
    /// </summary>
    public void Resume(out Entry entry)
    {
        System.Diagnostics.Debug.Assert(ReferenceEquals(s_current.Value, Parent), "A frame resumes where its parent runs.");
        // Null when the flow is suppressed (ExecutionContext.SuppressFlow): Exit then sets the values back, the slots too,
        // instead of switching back to it. (Reading the slots from the saved context later instead of now would switch to
        // it and back, which raises every other async-local value's change notifications.)
        var before = ExecutionContext.Capture();
        var slots = GlueSlots.Snapshot();
        s_current.Value = this;
        entry = new Entry(before, ExecutionContext.Capture(), slots, Active: true);
    }

    /// <summary>Makes the parent current again, once the call has returned (or returned its task); later calls do nothing.</summary>
    public void Exit(ref Entry entry)
    {
        var (before, entered, slots, active) = entry;
        entry = default;
        if (!active) return;

        // When nothing else changed the async context during the call, the context from before the call is exactly
        // the one to return to: switching back to it costs no allocation, where setting the value again would (and the
        // context being the one entered means this frame is current: no need to read it). When the call changed an
        // AsyncLocal of its own (as a synchronous method may, for its caller to see), only ours are reset.
        if (before is not null && ReferenceEquals(ExecutionContext.Capture(), entered))
        {
            ExecutionContext.Restore(before);
            return;
        }

        if (!ReferenceEquals(s_current.Value, this)) return;
        s_current.Value = Parent;
        // Glue slots opened by the call (its own body's producers, or a re-entry of the caller's method) stay its own.
        GlueSlots.Restore(slots);
    }

    /// <summary><paramref name="own"/> followed by the parameters nested calls reported that it does not hold.</summary>
    public ParameterNode[] AddReportedTo(ParameterNode[] own)
    {
        // Most calls had no nested call report anything: no lock for them.
        if (Volatile.Read(ref _reports) is not { } reports) return own;
        lock (this)
        {
            var merged = new List<ParameterNode>(own.Length + reports.InOrder.Count);
            var seen = new HashSet<ParameterNode>(own, ReferenceEqualityComparer.Instance);
            merged.AddRange(own);
            foreach (var parameter in reports.InOrder)
            {
                if (seen.Add(parameter)) merged.Add(parameter);
            }

            return [.. merged];
        }
    }

    /// <summary>The parameters nested calls reported since this was last asked, each once; null when there are none.</summary>
    public ParameterNode[]? TakeReported()
    {
        if (Volatile.Read(ref _reports) is not { } reports) return null;
        lock (this)
        {
            var count = reports.InOrder.Count - reports.Taken;
            if (count == 0) return null;
            var taken = reports.InOrder.GetRange(reports.Taken, count).ToArray();
            reports.Taken = reports.InOrder.Count;
            return taken;
        }
    }

    /// <summary>Adds the parameters a nested call depended on, each once.</summary>
    public void Report(ReadOnlySpan<ParameterNode> parameters)
    {
        if (parameters.IsEmpty) return;
        lock (this)
        {
            var reports = _reports;
            if (reports is null) Volatile.Write(ref _reports, reports = new Reports());
            foreach (var parameter in parameters)
            {
                if (reports.Known.Add(parameter)) reports.InOrder.Add(parameter);
            }
        }
    }

    /// <summary>What the call's entry changed, to be undone by <see cref="Exit"/>.</summary>
    /// <param name="Before">The context before the call; null when the flow was suppressed.</param>
    /// <param name="Entered">The context the call started in.</param>
    /// <param name="SlotsBefore">The glue slots before the call, put back when the call changed the context.</param>
    /// <param name="Active">False once the frame was exited (and for a default entry).</param>
    internal readonly record struct Entry(ExecutionContext? Before, ExecutionContext? Entered, object? SlotsBefore, bool Active);

    // The parameters nested calls reported, each once, in the order first reported.
    private sealed class Reports
    {
        public List<ParameterNode> InOrder { get; } = [];

        public HashSet<ParameterNode> Known { get; } = new(ReferenceEqualityComparer.Instance);

        // How many of InOrder TakeReported has handed out.
        public int Taken { get; set; }
    }
}
