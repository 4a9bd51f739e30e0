namespace Opto.Transport;

/// <summary>A <see cref="PackedGraph"/> rebuilt in this process, on this process's parameters.</summary>
/// <param name="Output">The output node: backward from it reaches this process's parameters as it would have there.</param>
/// <param name="UnmatchedParameters">
/// Parameters of the packed graph that none of the given parameters is named after: they are shown as inputs, and
/// feedback does not reach them. Say so to the user; a name that differs between the processes loses feedback.
/// </param>
public sealed record UnpackedGraph(Node Output, IReadOnlyList<string> UnmatchedParameters);
