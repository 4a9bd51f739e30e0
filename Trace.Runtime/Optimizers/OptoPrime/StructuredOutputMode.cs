namespace Opto.Optimizers;

/// <summary>Whether to ask the model for JSON that follows a schema.</summary>
public enum StructuredOutputMode
{
    /// <summary>Ask for it; if the server refuses the request, ask again as plain text and keep doing so.</summary>
    Auto,

    /// <summary>Always ask for it; a server that refuses it fails the step.</summary>
    Always,

    /// <summary>Never ask for it; read the JSON out of the text.</summary>
    Never,
}
