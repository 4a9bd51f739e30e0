namespace Opto;

/// <summary>
/// An argument of a call: its node, or (when <see cref="Type"/> is set) its value, to be recorded with the call and
/// linked by identity when <see cref="Linkable"/>.
/// </summary>
internal readonly record struct WaitingInput(Node? Node, object? Value, Type? Type, bool Linkable);
