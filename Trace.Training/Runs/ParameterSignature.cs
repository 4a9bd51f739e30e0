namespace Opto.Training;

/// <summary>A trained parameter's name and type (the type as <see cref="ParameterStore"/> writes it).</summary>
/// <param name="Name">The parameter's name, such as <c>TicketClassifier.Instruction</c>.</param>
/// <param name="Type">Its value's type, such as <c>string</c>.</param>
public sealed record ParameterSignature(string Name, string Type);
