using System.ComponentModel;

namespace Opto.Interception;

/// <summary>A trainable member that a traced method's body reads, found at compile time.</summary>
/// <param name="DeclaringType">The type that declares the member.</param>
/// <param name="MemberName">The member's name.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TrainableDependency(Type DeclaringType, string MemberName)
{
    /// <summary>A field or property that holds explicit nodes (a <c>Parameter&lt;T&gt;</c> or a collection of them). Called by generated code.</summary>
    /// <param name="declaringType">The type that declares the member.</param>
    /// <param name="memberName">The member's name.</param>
    /// <param name="readNodes">Reads the member from the traced call's receiver (<see langword="null"/> for static members).</param>
    public TrainableDependency(Type declaringType, string memberName, Func<object?, object?> readNodes)
        : this(declaringType, memberName) => ReadNodes = readNodes;

    /// <summary>Reads a member that holds explicit nodes, or <see langword="null"/> for a <c>[Trainable]</c> member.</summary>
    public Func<object?, object?>? ReadNodes { get; }
}
