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
        var positions = ancestry.ParameterPositions;
        if (positions.Length == 0) return NothingReached(new BackwardResult(output, feedback, [], ancestry.Nodes.Length), options);

        var pass = new BackwardPass(ancestry, output, feedback);
        var reached = new ChunkedArray<ParameterNode>(positions.Length);
        for (var k = 0; k < positions.Length; k++)
        {
            var parameter = (ParameterNode)ancestry.Nodes[positions[k]];
            parameter.AddFeedback(pass, positions[k]);
            reached[k] = parameter;
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
