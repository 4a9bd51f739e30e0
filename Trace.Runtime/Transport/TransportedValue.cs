namespace Opto.Transport;

// A value recorded in another process, as the optimizer showed it there: its type and JSON, printed unchanged here.
internal sealed record TransportedValue(string Type, string Json)
{
    public override string ToString() => Json;
}

// An exception thrown in another process: its type's name, message and the text the optimizer showed.
internal sealed class TransportedException(string typeName, string message, string type, string json) : Exception(message)
{
    public string TypeName { get; } = typeName;

    public TransportedValue Shown { get; } = new(type, json);
}
