namespace Opto.Backward;

/// <summary>
/// Propagates feedback from an output to every trainable parameter it depends on. Iterative and linear in the
/// size of the output's ancestry (times the number of parameters / 64), so chains of millions of calls are fine.
/// </summary>
internal static class FeedbackPropagator
{
    public static BackwardResult Propagate(Node output, string feedback, BackwardOptions? options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(feedback);

        var ancestry = Ancestry.Of(output);
        var parameters = new List<(ParameterNode Parameter, int Position)>();
        for (var i = 0; i < ancestry.Nodes.Count; i++)
        {
            if (ancestry.Nodes[i] is ParameterNode parameter) parameters.Add((parameter, i));
        }

        if (parameters.Count == 0) return NothingReached(new BackwardResult(output, feedback, [], ancestry.Nodes.Count), options);

        var reach = ReachFromParameters(ancestry, parameters);
        var words = (parameters.Count + 63) / 64;
        for (var k = 0; k < parameters.Count; k++)
        {
            var subgraph = new Subgraph(SubgraphNodes(ancestry, reach, words, k), output);
            parameters[k].Parameter.AddFeedback(new FeedbackEntry(output, feedback, subgraph));
        }

        return new BackwardResult(output, feedback, [.. parameters.Select(p => p.Parameter)], ancestry.Nodes.Count);
    }

    // Feedback that goes nowhere is never silent: logged always, an error when asked.
    private static BackwardResult NothingReached(BackwardResult result, BackwardOptions? options)
    {
        if ((options ?? BackwardOptions.Default).ThrowWhenNothingReached) throw new FeedbackReachedNothingException(result);
        TraceLogging.Warn("Opto.Backward", TraceLogging.NothingReached, result.Explanation!);
        return result;
    }

    // reach[i * words + k / 64] has bit k set when node i is on a path from parameter k.
    private static ulong[] ReachFromParameters(Ancestry ancestry, List<(ParameterNode Parameter, int Position)> parameters)
    {
        var words = (parameters.Count + 63) / 64;
        var reach = new ulong[ancestry.Nodes.Count * words];
        for (var k = 0; k < parameters.Count; k++) reach[parameters[k].Position * words + k / 64] |= 1UL << (k % 64);

        for (var i = 0; i < ancestry.Nodes.Count; i++)
        {
            for (var e = ancestry.ParentStart[i]; e < ancestry.ParentStart[i + 1]; e++)
            {
                var parent = ancestry.ParentPositions[e];
                for (var w = 0; w < words; w++) reach[i * words + w] |= reach[parent * words + w];
            }
        }

        return reach;
    }

    private static List<Node> SubgraphNodes(Ancestry ancestry, ulong[] reach, int words, int k)
    {
        var count = ancestry.Nodes.Count;
        var included = new bool[count];
        var word = k / 64;
        var bit = 1UL << (k % 64);
        for (var i = 0; i < count; i++)
        {
            if ((reach[i * words + word] & bit) == 0) continue;
            included[i] = true;
            for (var e = ancestry.ParentStart[i]; e < ancestry.ParentStart[i + 1]; e++) included[ancestry.ParentPositions[e]] = true;
        }

        var nodes = new List<Node>();
        for (var i = 0; i < count; i++)
        {
            if (included[i]) nodes.Add(ancestry.Nodes[i]);
        }

        return nodes;
    }
}
