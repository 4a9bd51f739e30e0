using System.ComponentModel;

namespace Opto.Interception;

/// <summary>
/// The <c>[Trainable]</c> members a glue expression reads (<c>$"{SystemPrompt}: {summary}"</c>), and where the object
/// they belong to is found again: the traced call's own receiver, or the running call of the traced method the glue is
/// written in. Created by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GlueReads
{
    /// <summary>Describes what a glue expression reads.</summary>
    /// <param name="callerKey">
    /// <see langword="null"/> when instance members are read on the call's receiver; otherwise the documentation ID of the
    /// traced method whose running call holds the object.
    /// </param>
    /// <param name="members">The members read.</param>
    public GlueReads(string? callerKey, params TrainableDependency[] members)
    {
        CallerKey = callerKey;
        Members = members;
    }

    /// <summary>The traced method whose running call holds the object, or <see langword="null"/> for the call's receiver.</summary>
    public string? CallerKey { get; }

    /// <summary>The members read.</summary>
    public IReadOnlyList<TrainableDependency> Members { get; }
}
