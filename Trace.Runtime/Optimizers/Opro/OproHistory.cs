using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Opto.Optimizers;

/// <summary>One solution OPRO has seen: the variables' values as the prompt shows them, their score and feedback.</summary>
/// <param name="Values">The variables, one <c>(type) name=json</c> line each.</param>
/// <param name="Score">The score, or <see langword="null"/> when none was given or read from the feedback.</param>
/// <param name="Feedback">The feedback the values got.</param>
internal sealed record OproSolution(string Values, double? Score, string Feedback);

/// <summary>
/// The solutions OPRO has seen, each values once (seen again, it takes the newer score and feedback), ordered from
/// the lowest score to the highest as the method prescribes; solutions without a score count as the lowest.
/// </summary>
internal sealed class OproHistory
{
    private readonly Lock _lock = new();
    private readonly List<OproSolution> _solutions = [];

    /// <summary>Adds a solution (values seen before take its feedback, and its score when it has one), keeping the best <paramref name="capacity"/>.</summary>
    public void Add(OproSolution solution, int capacity)
    {
        lock (_lock)
        {
            var earlier = _solutions.FindIndex(s => s.Values == solution.Values);
            if (earlier >= 0)
            {
                solution = solution with { Score = solution.Score ?? _solutions[earlier].Score };
                _solutions.RemoveAt(earlier);
            }

            _solutions.Add(solution);
            if (_solutions.Count > capacity) _solutions.Remove(Ordered(_solutions)[0]);
        }
    }

    /// <summary>
    /// The best <paramref name="count"/> solutions, lowest score first (equal scores: older first), with
    /// <paramref name="current"/> among them in its place even when it is not one of the best.
    /// </summary>
    public List<OproSolution> Best(int count, OproSolution current)
    {
        lock (_lock)
        {
            var others = Ordered(_solutions.Where(s => s.Values != current.Values).ToList());
            var best = others.Skip(Math.Max(0, others.Count - Math.Max(0, count - 1))).ToList();
            best.Add(_solutions.FirstOrDefault(s => s.Values == current.Values) ?? current);
            return Ordered(best);
        }
    }

    private static List<OproSolution> Ordered(List<OproSolution> solutions) =>
        [.. solutions.Select((s, i) => (s, i)).OrderBy(e => e.s.Score ?? double.NegativeInfinity).ThenBy(e => e.i).Select(e => e.s)];

    /// <summary>The solutions as shown under #Solutions.</summary>
    public static string Render(IReadOnlyList<OproSolution> solutions, string currentValues, int maxFeedbackLength)
    {
        var text = new StringBuilder();
        for (var i = 0; i < solutions.Count; i++)
        {
            var solution = solutions[i];
            text.Append('[').Append(i + 1).Append("] ")
                .Append(solution.Score is { } score ? "score " + score.ToString("0.####", CultureInfo.InvariantCulture) : OproPrompts.NoScore)
                .Append(solution.Values == currentValues ? " (the current values)" : "").Append('\n')
                .Append(solution.Values).Append('\n');
            if (solution.Feedback.Length > 0) text.Append("feedback: ").Append(ValueText.Truncate(solution.Feedback.Trim(), maxFeedbackLength)).Append('\n');
        }

        return text.ToString();
    }

    public JsonArray ToJson()
    {
        lock (_lock)
        {
            return [.. _solutions.Select(s => (JsonNode)new JsonObject { ["values"] = s.Values, ["score"] = s.Score, ["feedback"] = s.Feedback })];
        }
    }

    public void Replace(JsonArray saved)
    {
        var solutions = saved.Select(e => new OproSolution(e!["values"]!.GetValue<string>(), e["score"]?.GetValue<double>(), e["feedback"]!.GetValue<string>())).ToList();
        lock (_lock)
        {
            _solutions.Clear();
            _solutions.AddRange(solutions);
        }
    }
}
