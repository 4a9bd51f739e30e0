namespace Opto.Optimizers;

/// <summary>One request an optimizer made to the model for a proposal, and the answer it got.</summary>
/// <param name="Purpose">What the request was for, such as <c>candidate 2 (temperature 0.6)</c> or <c>gradient of Shorten</c>.</param>
/// <param name="SystemPrompt">The system prompt sent.</param>
/// <param name="UserPrompt">The user prompt sent.</param>
/// <param name="RawAnswer">The model's answer, exactly as received (empty when it could not be read as text).</param>
public sealed record ModelExchange(string Purpose, string SystemPrompt, string UserPrompt, string RawAnswer);
