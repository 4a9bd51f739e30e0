namespace Opto.Backward;

/// <summary>
/// Propagates feedback from an output to every trainable parameter it depends on. Iterative and linear in the
/// size of the output's ancestry whatever its shape: the parameters share one <see cref="BackwardPass"/>.
/// </summary>
internal static class FeedbackPropagator
{
    public static BackwardResult Propagate(Node output, string feedback, BackwardOptions? options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(feedback);

        var ancestry = Ancestry.Of(output);
        var count = 0;
        foreach (var node in ancestry.Nodes)
        {
            if (node is ParameterNode) count++;
        }

        if (count == 0) return NothingReached(new BackwardResult(output, feedback, [], ancestry.Nodes.Length), options);

        // Counted first, so that the result is allocated once at its size (a wide fan-in reaches 10^5 parameters).
        var pass = new BackwardPass(ancestry, output, feedback);
        var reached = new ParameterNode[count];
        for (int i = 0, k = 0; i < ancestry.Nodes.Length; i++)
        {
            if (ancestry.Nodes[i] is not ParameterNode parameter) continue;
            parameter.AddFeedback(pass, i);
            reached[k++] = parameter;
        }

        return new BackwardResult(output, feedback, reached, ancestry.Nodes.Length);
    }

    // Feedback that goes nowhere is never silent: logged always, an error when asked.
    private static BackwardResult NothingReached(BackwardResult result, BackwardOptions? options)
    {
        if ((options ?? BackwardOptions.Default).ThrowWhenNothingReached) throw new FeedbackReachedNothingException(result);
        TraceLogging.Warn("Opto.Backward", TraceLogging.NothingReached, result.Explanation!);
        return result;
    }
}
