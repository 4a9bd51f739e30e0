using Opto;

namespace Trace.Benchmarks;

/// <summary>A trainable method whose code the code benchmarks replace.</summary>
public sealed class Scorer
{
    /// <summary>Scores a text by its length and vowels.</summary>
    [Trainable]
    public int Score(string text)
    {
        var score = text.Length;
        foreach (var c in text)
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u') score += 2;
        }

        return score;
    }

    /// <summary>The same logic, untraced and not trainable: the baseline.</summary>
    public int PlainScore(string text)
    {
        var score = text.Length;
        foreach (var c in text)
        {
            if (c is 'a' or 'e' or 'i' or 'o' or 'u') score += 2;
        }

        return score;
    }

    /// <summary>A replacement with the same logic, numbered so that each one is compiled anew.</summary>
    public static string Replacement(int version) => $$"""
        public int Score(string text)
        {
            // version {{version}}
            var score = text.Length;
            foreach (var c in text)
            {
                if (c is 'a' or 'e' or 'i' or 'o' or 'u') score += 2;
            }

            return score;
        }
        """;
}

/// <summary>One call of <see cref="Scorer.Score"/>, run by the isolated code benchmarks in a worker process.</summary>
public sealed class ScoreTrial : Opto.Code.Isolation.ICodeTrial<string, int>
{
    /// <inheritdoc />
    public Task<int> RunAsync(string input, CancellationToken cancellationToken) => Task.FromResult(new Scorer().Score(input));
}
