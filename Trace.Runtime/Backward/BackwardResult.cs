namespace Opto.Backward;

/// <summary>What a backward pass did.</summary>
/// <param name="Output">The node the feedback was given on.</param>
/// <param name="Feedback">The feedback.</param>
/// <param name="Parameters">The trainable parameters the feedback reached.</param>
/// <param name="VisitedNodes">How many nodes the output depends on (the output included).</param>
public sealed record BackwardResult(Node Output, string Feedback, IReadOnlyList<ParameterNode> Parameters, int VisitedNodes)
{
    /// <summary>
    /// Whether the feedback reached no trainable parameter: no optimizer will see it. <see cref="Explanation"/> says why
    /// that may be.
    /// </summary>
    public bool ReachedNothing => Parameters.Count == 0;

    /// <summary>
    /// When <see cref="ReachedNothing"/>: what the output depends on and the likely causes, with how to fix each;
    /// otherwise <see langword="null"/>.
    /// </summary>
    public string? Explanation => ReachedNothing ? Explain() : null;

    private string Explain()
    {
        var what = Output switch
        {
            InputNode or (not MessageNode and not ExceptionNode) when VisitedNodes == 1 =>
                $"'{Output.Name}' is an input, not the result of a traced call, so",
            _ when VisitedNodes == 1 => $"'{Output.Name}' depends on nothing, so",
            _ => $"none of the {VisitedNodes} nodes '{Output.Name}' depends on is a trainable parameter, so",
        };
        return $"Feedback reached no trainable parameter: {what} no optimizer will see it. Likely causes: " +
            "the value was not produced by a traced call that reads a trainable value (put [Traced] on the method that computes it, " +
            "and make sure the trainable member is read in that method's body or in an untraced helper of the same object); " +
            "the trainable value is read through another object, a delegate or reflection, which the compiler cannot see " +
            "(make that read a traced call on the object that owns the value, or pass the value as an argument); " +
            "glue code between traced calls made a new value (string formatting, LINQ, a value type copied) instead of passing the traced result on " +
            "(pass the result itself to the next traced call, or wrap the glue in a [Traced] method).";
    }
}
