namespace Opto.Interception;

/// <summary>
/// What decided whether a traced call ran, besides its arguments: the trainable values glue code tested, and the condition
/// over traced results (<see cref="TracedCall.ControlledBy"/>, <see cref="TracedCall.DecidedBy"/>). Made only for a call that
/// has some, so every other call's struct stays one reference smaller.
/// </summary>
internal sealed class CallControls
{
    /// <summary>The trainable values read, each once.</summary>
    public List<ParameterNode>? Reads { get; set; }

    /// <summary>The condition over traced results, if any.</summary>
    public DecisionNode? Decision { get; set; }
}
