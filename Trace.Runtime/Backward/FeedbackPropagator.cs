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
        var parameters = new List<(ParameterNode Parameter, int Position)>();
        for (var i = 0; i < ancestry.Nodes.Length; i++)
        {
            if (ancestry.Nodes[i] is ParameterNode parameter) parameters.Add((parameter, i));
        }

        if (parameters.Count == 0) return NothingReached(new BackwardResult(output, feedback, [], ancestry.Nodes.Length), options);

        var pass = new BackwardPass(ancestry, output, feedback);
        foreach (var (parameter, position) in parameters) parameter.AddFeedback(new FeedbackEntry(output, feedback, new Subgraph(pass, position)));

        return new BackwardResult(output, feedback, [.. parameters.Select(p => p.Parameter)], ancestry.Nodes.Length);
    }

    // Feedback that goes nowhere is never silent: logged always, an error when asked.
    private static BackwardResult NothingReached(BackwardResult result, BackwardOptions? options)
    {
        if ((options ?? BackwardOptions.Default).ThrowWhenNothingReached) throw new FeedbackReachedNothingException(result);
        TraceLogging.Warn("Opto.Backward", TraceLogging.NothingReached, result.Explanation!);
        return result;
    }
}
