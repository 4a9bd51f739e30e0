namespace Opto.Optimizers;

/// <summary>The context windows of well-known models, by model id, for the default prompt budget.</summary>
internal static class ModelContextWindows
{
    /// <summary>The window assumed when the model is not known.</summary>
    public const int Unknown = 128_000;

    // The input a model accepts, by id prefix; the longest matching prefix wins ("o1-mini" before "o1").
    private static readonly (string Prefix, int Tokens)[] s_windows =
        new (string Prefix, int Tokens)[]
        {
            ("gpt-4.1", 1_047_576),
            ("gpt-4.5", 128_000),
            ("gpt-4o", 128_000),
            ("gpt-4-turbo", 128_000),
            ("gpt-4-1106", 128_000),
            ("gpt-4-0125", 128_000),
            ("gpt-4-vision", 128_000),
            ("gpt-4-32k", 32_768),
            ("gpt-4", 8_192),
            ("gpt-3.5-turbo", 16_385),
            ("gpt-5", 272_000),
            ("o1-preview", 128_000),
            ("o1-mini", 128_000),
            ("o1", 200_000),
            ("o3", 200_000),
            ("o4-mini", 200_000),
            ("claude-2", 100_000),
            ("claude-instant", 100_000),
            ("claude", 200_000),
            ("gemini-1.5", 1_048_576),
            ("gemini-2", 1_048_576),
        }.OrderByDescending(w => w.Prefix.Length).ToArray();

    /// <summary>The window of <paramref name="modelId"/>, or <see cref="Unknown"/>.</summary>
    public static int Of(string? modelId)
    {
        if (string.IsNullOrWhiteSpace(modelId)) return Unknown;
        var id = modelId.Trim();
        var slash = id.LastIndexOf('/');
        if (slash >= 0) id = id[(slash + 1)..];
        foreach (var (prefix, tokens) in s_windows)
        {
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return tokens;
        }

        return Unknown;
    }
}
