namespace Opto.Optimizers;

/// <summary>Tokens a model read and wrote, as the responses reported them.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens)
{
    /// <summary>Input and output together.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds two counts.</summary>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right) =>
        new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);

    /// <inheritdoc />
    public override string ToString() => $"{InputTokens} in + {OutputTokens} out = {TotalTokens} tokens";
}
