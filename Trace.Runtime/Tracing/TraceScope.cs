namespace Opto;

/// <summary>
/// The rollout whose traced calls are being recorded. Calls of <c>[Traced]</c> methods are recorded only
/// inside a scope; outside every scope they run directly and nothing is kept, so a long-running service
/// never accumulates nodes.
/// </summary>
/// <remarks>
/// The current scope flows with the async context (<see cref="AsyncLocal{T}"/>): tasks started inside a scope
/// record into it, and rollouts that each begin their own scope never share nodes.
/// </remarks>
/// <example>
/// <code>
/// using var rollout = TraceScope.Begin();
/// var reply = await agent.ReplyAsync("Hi");
/// rollout.Graph.Backward(reply, "Too long.");
/// </code>
/// </example>
public sealed class TraceScope : IDisposable
{
    private static readonly AsyncLocal<TraceScope?> s_current = new();
    private static int s_open;

    /// <summary>How many disposed scopes' graphs <see cref="FindNode"/> still searches, newest first.</summary>
    internal const int RecentlyDisposedKept = 16;

    /// <summary>
    /// How many nodes the disposed scopes' graphs kept for <see cref="FindNode"/> may hold together, counted each time a
    /// scope ends (a call still running records into its graph after it ended); the most recent one is kept whatever its
    /// size. Every graph kept outlives its scope, so the collector copies it into older generations: without a bound,
    /// sixteen large graphs would stay alive, and a program that opens many scopes pays for that.
    /// </summary>
    internal const int RecentlyDisposedNodes = 4_096;

    private static readonly Lock s_recentLock = new();
    private static readonly Queue<TraceGraph> s_recentlyDisposed = new();

    private readonly TraceScope? _previous;
    private int _disposed;

    private TraceScope(string? name, TraceScope? previous)
    {
        Name = name;
        _previous = previous;
    }

    /// <summary>The scope the current code records into, or <see langword="null"/> when tracing is off here.</summary>
    /// <remarks>
    /// The innermost scope of this async flow that has not ended. A scope that ended is never current, whatever else
    /// runs in the process: a task started inside a scope that goes on after the scope ended records its new calls into
    /// the enclosing scope of its flow if that one is still open, and nowhere otherwise.
    /// </remarks>
    public static TraceScope? Current
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Volatile.Read(ref s_open) == 0) return null;
            var scope = s_current.Value;
            while (scope is { _disposed: not 0 }) scope = scope._previous;
            return scope;
        }
    }

    /// <summary>The scope's name, if it was given one.</summary>
    public string? Name { get; }

    /// <summary>The graph recorded in this scope. It stays readable after the scope is disposed.</summary>
    public TraceGraph Graph { get; } = new();

    /// <summary>Starts recording traced calls of the current async flow into a new graph.</summary>
    /// <param name="name">An optional name, for logs.</param>
    public static TraceScope Begin(string? name = null)
    {
        var scope = new TraceScope(name, s_current.Value);
        Interlocked.Increment(ref s_open);
        s_current.Value = scope;
        return scope;
    }

    /// <summary>
    /// Stops recording until the returned object is disposed (Python Trace's <c>stop_tracing</c>):
    /// traced methods called in between run directly.
    /// </summary>
    public static IDisposable StopTracing() => new Suspension(s_current.Value);

    /// <summary>Stops recording into this scope and makes the enclosing scope current again.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (ReferenceEquals(s_current.Value, this)) s_current.Value = _previous;
        Interlocked.Decrement(ref s_open);
        // What this flow and thread still hold of the graph would keep it alive past the bound below.
        Interception.GlueSlots.Forget(Graph);
        Interception.HandOffs.Forget(Graph);
        lock (s_recentLock)
        {
            s_recentlyDisposed.Enqueue(Graph);
            while (s_recentlyDisposed.Count > 1 && (s_recentlyDisposed.Count > RecentlyDisposedKept || NodesKept() > RecentlyDisposedNodes))
            {
                s_recentlyDisposed.Dequeue();
            }
        }
    }

    // Counted again each time: the graphs kept are at most 16, and one may have grown since its scope ended.
    private static long NodesKept()
    {
        long nodes = 0;
        foreach (var graph in s_recentlyDisposed) nodes += graph.Count;
        return nodes;
    }

    /// <summary>
    /// The node of a value in the current scope, its enclosing scopes, or the graphs of the most recently disposed scopes
    /// (a graph stays readable for backward after its scope ends): the last one disposed in the process, on any thread, and
    /// up to <see cref="RecentlyDisposedKept"/> while together they hold at most <see cref="RecentlyDisposedNodes"/> nodes. A traced call's own node is preferred over an input node
    /// another scope made for the same value.
    /// </summary>
    internal static Node? FindNode(object value)
    {
        Node? input = null;
        for (var scope = s_current.Value; scope is not null; scope = scope._previous)
        {
            if (Found(scope.Graph) is { } node) return node;
        }

        TraceGraph[] recent;
        lock (s_recentLock) recent = [.. s_recentlyDisposed];
        for (var i = recent.Length - 1; i >= 0; i--)
        {
            if (Found(recent[i]) is { } node) return node;
        }

        return input;

        Node? Found(TraceGraph graph)
        {
            var node = graph.NodeOf(value);
            if (node is InputNode) input ??= node;
            return node is null or InputNode ? null : node;
        }
    }

    private sealed class Suspension : IDisposable
    {
        private readonly TraceScope? _suspended;

        public Suspension(TraceScope? suspended)
        {
            _suspended = suspended;
            s_current.Value = null;
        }

        public void Dispose() => s_current.Value = _suspended;
    }
}
