namespace Opto.Runs;

/// <summary>Which parameters of a run to export.</summary>
public enum CheckpointKind
{
    /// <summary>The parameters of the best validation (those before training when no step beat them); a run without validation has none.</summary>
    Best,

    /// <summary>The parameters after the last committed step.</summary>
    Last,
}
