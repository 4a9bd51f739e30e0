namespace Opto.Backward;

/// <summary>One piece of feedback a parameter received: what was said, about which output, through which subgraph.</summary>
/// <param name="Output">The node the feedback was given on.</param>
/// <param name="Feedback">The feedback.</param>
/// <param name="Graph">The subgraph linking the parameter to the output.</param>
public sealed record FeedbackEntry(Node Output, string Feedback, Subgraph Graph);
