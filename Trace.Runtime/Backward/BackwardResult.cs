namespace Opto.Backward;

/// <summary>What a backward pass did.</summary>
/// <param name="Output">The node the feedback was given on.</param>
/// <param name="Feedback">The feedback.</param>
/// <param name="Parameters">The trainable parameters the feedback reached.</param>
/// <param name="VisitedNodes">How many nodes the output depends on (the output included).</param>
public sealed record BackwardResult(Node Output, string Feedback, IReadOnlyList<ParameterNode> Parameters, int VisitedNodes);
