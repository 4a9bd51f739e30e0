namespace Opto.Backward;

/// <summary>One piece of feedback a parameter received: what was said, about which output, through which subgraph.</summary>
/// <remarks>
/// A backward pass gives one entry to every parameter it reached; the entry holds only the pass and the parameter's
/// place in it, and its <see cref="Graph"/> is made when first read (a fan-in reaches 10^5 parameters at once).
/// </remarks>
public sealed class FeedbackEntry
{
    private Subgraph? _graph;

    internal FeedbackEntry(BackwardPass pass, int parameterPosition)
    {
        Pass = pass;
        ParameterPosition = parameterPosition;
    }

    /// <summary>The node the feedback was given on.</summary>
    public Node Output => Pass.Output;

    /// <summary>The feedback.</summary>
    public string Feedback => Pass.Feedback;

    /// <summary>The subgraph linking the parameter to the output.</summary>
    public Subgraph Graph
    {
        get
        {
            if (Volatile.Read(ref _graph) is { } graph) return graph;
            graph = new Subgraph(Pass, ParameterPosition);
            return Interlocked.CompareExchange(ref _graph, graph, null) ?? graph;
        }
    }

    /// <summary>The backward pass the feedback came from.</summary>
    internal BackwardPass Pass { get; }

    /// <summary>Where the parameter sits in the pass's ancestry.</summary>
    internal int ParameterPosition { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Output.Name}: {ValueText.Truncate(Feedback, 80)}";
}
