using System.Globalization;
using System.Text;
using System.Text.Json;
using Opto.Optimizers.Answers;

namespace Opto.Optimizers;

/// <summary>
/// How OptoPrimeMulti shows candidates to the model (to refine them, to differ from them, to choose or combine them) and
/// compares them: their reasoning and changes, cut to a size a prompt can hold, never their raw text.
/// </summary>
internal static class CandidateComparison
{
    private const int MaxReasoning = 1_000;

    /// <summary>What a candidate changes: one <c>name=json</c> line per change, by name.</summary>
    public static string Changes(Proposal candidate, int maxValueLength = int.MaxValue) =>
        string.Join("\n", candidate.Changes.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => $"{c.Name}={ValueJson.Truncate(ValueJson.Format(c.NewValue, c.Parameter.ValueType), maxValueLength)}"));

    /// <summary>A candidate as a prompt shows it: its reasoning, then its changes, or why it was rejected.</summary>
    public static string Describe(Proposal candidate, int maxValueLength)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(candidate.Reasoning)) text.Append("reasoning: ").Append(ValueText.Truncate(candidate.Reasoning.Trim(), MaxReasoning)).Append('\n');
        if (!candidate.IsApplicable) text.Append("rejected: ").Append(ValueText.Truncate(string.Join(" ", candidate.Rejections), MaxReasoning)).Append('\n');
        else if (candidate.Changes.Count == 0) text.Append("no change\n");
        else text.Append(Changes(candidate, maxValueLength)).Append('\n');
        return text.ToString();
    }

    /// <summary>The prompt with <paramref name="extra"/> just before its closing "Your response:".</summary>
    public static string Before(string user, string extra)
    {
        var closing = OptoPrimePrompts.FinalPrompt + "\n";
        var body = user.EndsWith(closing, StringComparison.Ordinal) ? user[..^closing.Length] : user;
        return body + extra.TrimEnd('\n') + "\n\n" + closing;
    }

    /// <summary>The candidate the model chose, or the first shown and why its choice could not be used.</summary>
    public static (int Index, string Why) ReadChoice(string? answer, List<int> shown)
    {
        string problem;
        if (KeyedAnswer.Read(answer, "choice", out var error) is { } read)
        {
            var choice = KeyedAnswer.Get(read, "choice")!.Value;
            var number = choice.ValueKind == JsonValueKind.Number && choice.TryGetInt32(out var n) ? n
                : choice.ValueKind == JsonValueKind.String && int.TryParse(choice.GetString()?.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
                : -1;
            var reasoning = KeyedAnswer.Get(read, "reasoning") is { ValueKind: JsonValueKind.String } r ? r.GetString() : null;
            if (shown.Contains(number - 1)) return (number - 1, $"The model chose candidate {number}" + (string.IsNullOrWhiteSpace(reasoning) ? "." : ": " + ValueText.Truncate(reasoning.Trim(), 500)));
            problem = $"its choice {ValueText.Truncate(choice.GetRawText(), 40)} is not one of the candidates shown ({string.Join(", ", shown.Select(i => i + 1))})";
        }
        else
        {
            problem = error!;
        }

        return (shown[0], $"The model's choice could not be used ({problem}); candidate {shown[0] + 1} was taken.");
    }

    // Words compared per candidate: enough to tell candidates apart, bounded so that a vote stays cheap.
    private const int MaxWords = 2_000;

    /// <summary>Each candidate's votes: the candidates whose changes read nearly the same (80% of their words in place).</summary>
    public static (int Index, string Why) Majority(List<Proposal> candidates, List<int> changing, CancellationToken cancellationToken)
    {
        var words = changing.ToDictionary(i => i, i => Changes(candidates[i]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(MaxWords).ToArray());
        var votes = changing.ToDictionary(i => i, _ => 1);
        for (var a = 0; a < changing.Count; a++)
        {
            for (var b = a + 1; b < changing.Count; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Similarity(words[changing[a]], words[changing[b]]) < 0.8) continue;
                votes[changing[a]]++;
                votes[changing[b]]++;
            }
        }

        var best = changing.OrderByDescending(i => votes[i]).ThenBy(i => i).First();
        return (best, $"Candidate {best + 1} has the most similar candidates (votes: {string.Join(", ", changing.Select(i => $"{i + 1}: {votes[i]}"))}).");
    }

    // 1 minus the word-level edit distance over the longer length.
    private static double Similarity(string[] a, string[] b)
    {
        if (a.Length == 0 && b.Length == 0) return 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return 1 - (double)previous[b.Length] / Math.Max(a.Length, b.Length);
    }
}
