using Opto.Backward;

namespace Opto;

/// <summary>
/// A value in an execution graph: a trainable parameter, the result of a traced call, an exception,
/// or a plain input that entered from untraced code.
/// </summary>
public abstract class Node
{
    private protected Node(int ordinal) => Ordinal = ordinal;

    /// <summary>The node's name, unique within its graph: a base name and a counter, such as <c>reply0</c>.</summary>
    public virtual string Name => BaseName + Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The value the node holds, boxed.</summary>
    public object? Value => BoxedValue;

    /// <summary>The static type of <see cref="Value"/>.</summary>
    public abstract Type ValueType { get; }

    /// <summary>What the node is, in words (an operator's doc summary, a parameter's description).</summary>
    public virtual string? Description => null;

    /// <summary>The nodes this value was computed from.</summary>
    public IReadOnlyList<Node> Parents
    {
        get
        {
            var count = ParentCount;
            if (count == 0) return [];
            var parents = new Node[count];
            for (var i = 0; i < count; i++) parents[i] = GetParent(i);
            return parents;
        }
    }

    /// <summary>Whether an optimizer may change this node's value.</summary>
    public virtual bool IsTrainable => false;

    /// <summary>
    /// Gives feedback on this node: every trainable parameter it depends on receives the minimal subgraph
    /// that links the parameter to this node, together with the feedback.
    /// </summary>
    /// <param name="feedback">The feedback: a score, a critique, a compiler error, an exception message.</param>
    /// <param name="options">
    /// What to do when the feedback reaches no trainable parameter; by default it is reported
    /// (<see cref="BackwardResult.ReachedNothing"/> and a logged warning, see <see cref="TraceLogging"/>).
    /// </param>
    /// <returns>The parameters that were reached.</returns>
    /// <exception cref="FeedbackReachedNothingException">
    /// No trainable parameter was reached and <see cref="BackwardOptions.ThrowWhenNothingReached"/> is set.
    /// </exception>
    public BackwardResult Backward(string feedback, BackwardOptions? options = null) => FeedbackPropagator.Propagate(this, feedback, options);

    /// <summary>Wraps a value in a node by hand (Python Trace's <c>node(x)</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The node's name.</param>
    public static Node<T> Create<T>(T value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Node<T>(value, name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {ValueText.Format(Value, 80)}";

    private protected abstract object? BoxedValue { get; }

    /// <summary>The name without its counter; derived rather than stored, to keep nodes small.</summary>
    private protected virtual string BaseName => "node";

    private protected int Ordinal { get; }

    internal abstract int ParentCount { get; }

    internal abstract Node GetParent(int index);

    /// <summary>
    /// Whether the node's parents are <paramref name="single"/>, or <paramref name="nodes"/> (whose first it is) when given, in
    /// order; with <paramref name="oneMore"/>, also when one more follows them.
    /// </summary>
    internal bool HasParents(Node? single, List<Node>? nodes, bool oneMore = false)
    {
        var count = nodes?.Count ?? 1;
        if (ParentCount != count && !(oneMore && ParentCount == count + 1)) return false;
        if (nodes is null) return ReferenceEquals(GetParent(0), single);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!ReferenceEquals(GetParent(i), nodes[i])) return false;
        }

        return true;
    }

    /// <summary>The position of the node in its graph, or -1 for a node that belongs to no graph.</summary>
    internal int GraphIndex { get; set; } = -1;

    // What a node's name is made of, for carrying a graph to another process (GraphTransport).
    internal string NameBase => BaseName;

    internal int NameOrdinal => Ordinal;
}
