using System.ComponentModel;

namespace Opto.Interception;

/// <summary>A trainable member that a traced method's body reads, found at compile time.</summary>
/// <param name="DeclaringType">The type that declares the member.</param>
/// <param name="MemberName">The member's name.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TrainableDependency(Type DeclaringType, string MemberName);
