using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI.Evaluation;

namespace Opto.Training;

/// <summary>Reads an <see cref="EvaluationResult"/> as a judgement (the rules are on <see cref="EvaluatorGuide{TInput, TExpected, TOutput}"/>).</summary>
internal static class EvaluationReader
{
    public static (Judgement? Judgement, string? Problem) Read(EvaluationResult result, Func<EvaluationMetric, double?> metricScore, double correctScore)
    {
        var metrics = result.Metrics.Values.Select(m => (Metric: m, Score: metricScore(m))).ToList();
        if (metrics.Count == 0) return (null, "the result has no metrics.");

        // An error read as a score of 0 would teach the optimizer from a failure of the evaluator, not of the output.
        if (metrics.All(m => m.Score is null && HasError(m.Metric)))
        {
            return (null, $"every metric failed: {string.Join("; ", metrics.SelectMany(m => Errors(m.Metric).Select(d => $"{m.Metric.Name}: {d.Message}")))}");
        }

        var scores = metrics.Where(m => m.Score is not null).Select(m => m.Score!.Value).ToList();
        var verdicts = metrics.Select(m => m.Metric.Interpretation).OfType<EvaluationMetricInterpretation>().Where(Says).ToList();
        if (scores.Count == 0 && verdicts.Count == 0)
        {
            return (null, $"no metric has a value to score or an interpretation ({string.Join(", ", metrics.Select(m => m.Metric.Name))}).");
        }

        double? mean = scores.Count > 0 ? scores.Average() : null;
        var correct = verdicts.Count > 0 ? verdicts.All(Passes) : mean >= correctScore;
        var score = mean ?? (correct ? 1 : 0);
        return (new Judgement(score, Feedback(metrics), correct), null);
    }

    // Unknown and inconclusive ratings say neither pass nor fail.
    private static bool Says(EvaluationMetricInterpretation interpretation) =>
        interpretation.Failed || interpretation.Rating is not (EvaluationRating.Unknown or EvaluationRating.Inconclusive);

    private static bool Passes(EvaluationMetricInterpretation interpretation) =>
        !interpretation.Failed && interpretation.Rating is not (EvaluationRating.Unacceptable or EvaluationRating.Poor);

    private static bool HasError(EvaluationMetric metric) => Errors(metric).Any();

    private static IEnumerable<EvaluationDiagnostic> Errors(EvaluationMetric metric) =>
        metric.Diagnostics?.Where(d => d.Severity == EvaluationDiagnosticSeverity.Error) ?? [];

    private static string Feedback(List<(EvaluationMetric Metric, double? Score)> metrics)
    {
        var text = new StringBuilder();
        foreach (var (metric, score) in metrics)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(metric.Name);
            if (Value(metric) is { } value) text.Append(": ").Append(value);

            List<string> tags = [];
            if (metric.Interpretation is { } interpretation)
            {
                if (interpretation.Rating != EvaluationRating.Unknown) tags.Add(interpretation.Rating.ToString());
                if (interpretation.Failed) tags.Add("failed");
            }

            if (score is null) tags.Add("not scored");
            if (tags.Count > 0) text.Append(" (").AppendJoin(", ", tags).Append(')');

            var reasons = new[] { metric.Reason, metric.Interpretation?.Reason }.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
            if (reasons.Count > 0) text.Append(" — ").AppendJoin(" ", reasons);

            foreach (var diagnostic in metric.Diagnostics ?? [])
            {
                if (diagnostic.Severity == EvaluationDiagnosticSeverity.Informational) continue;
                text.Append('\n').Append("  ").Append(diagnostic.Severity == EvaluationDiagnosticSeverity.Error ? "error: " : "warning: ").Append(diagnostic.Message);
            }
        }

        return text.ToString();
    }

    private static string? Value(EvaluationMetric metric) => metric switch
    {
        NumericMetric n => n.Value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "no value",
        BooleanMetric b => b.Value is { } v ? (v ? "true" : "false") : "no value",
        StringMetric s => s.Value is { } v ? $"\"{v}\"" : "no value",
        _ => null,
    };
}
