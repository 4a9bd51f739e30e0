namespace Opto.Optimizers;

/// <summary>The context windows of well-known models, by model id, for the default prompt budget.</summary>
internal static class ModelContextWindows
{
    /// <summary>The window assumed when the model is not known.</summary>
    public const int Unknown = 128_000;

    // Longest prefix first: "gpt-4o" before "gpt-4".
    private static readonly (string Prefix, int Tokens)[] s_windows =
    [
        ("gpt-4.1", 1_047_576),
        ("gpt-4o", 128_000),
        ("gpt-4-turbo", 128_000),
        ("gpt-4-32k", 32_768),
        ("gpt-4", 8_192),
        ("gpt-3.5-turbo", 16_385),
        ("gpt-5", 400_000),
        ("o1-mini", 128_000),
        ("o1", 200_000),
        ("o3", 200_000),
        ("o4-mini", 200_000),
        ("claude", 200_000),
        ("gemini-1.5", 1_048_576),
        ("gemini-2", 1_048_576),
    ];

    /// <summary>The window of <paramref name="modelId"/>, or <see cref="Unknown"/>.</summary>
    public static int Of(string? modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId)) return Unknown;
        var id = modelId.Trim();
        var slash = id.LastIndexOf('/');
        if (slash >= 0) id = id[(slash + 1)..];
        foreach (var (prefix, tokens) in s_windows.OrderByDescending(w => w.Prefix.Length))
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return tokens;
        }

        return Unknown;
    }
}
