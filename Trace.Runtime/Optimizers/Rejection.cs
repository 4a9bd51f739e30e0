namespace Opto.Optimizers;

/// <summary>A part of a model's answer that was not applied, and why. The next step shows it to the model.</summary>
/// <param name="Name">The parameter name the suggestion was for, or <see langword="null"/> when the whole answer was unusable.</param>
/// <param name="Suggested">The suggested value as the model wrote it (shortened), or <see langword="null"/>.</param>
/// <param name="Reason">What is wrong and what the model should do instead.</param>
public sealed record Rejection(string? Name, string? Suggested, string Reason)
{
    /// <inheritdoc />
    public override string ToString() =>
        Name is null ? Reason : $"{Name}: {Reason}" + (Suggested is null ? "" : $" (suggested: {Suggested})");
}
